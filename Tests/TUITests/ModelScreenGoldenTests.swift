import Foundation
import OrgdeckCore
import OrgdeckTerminal
import Testing
import OrgdeckViewModels
@testable import OrgdeckTUI

/// The Inputs (with an upload's progress), Models, model page tabs and Starred screens at
/// 80×24, 120×40 and 200×60. Version IDs are random, so they are masked before comparing.
@Suite struct ModelScreenGoldenTests {
    static let sizes = Golden.sizes.map { "\($0.0)x\($0.1)" }
    let f: ScreenFixture
    let acme = Context.organization("acme")

    init() throws {
        f = try ScreenFixture(orgApps: [("support-triage", "Support Triage")])
        var csv = "text,concepts\n"
        for i in 0..<40 {
            csv += ["refund my card payment \(i),billing\n", "parcel delivery is late \(i),shipping\n",
                    "the laptop screen flickers \(i),hardware\n", "the screen is black; refund please \(i),hardware\n"][i % 4]
        }
        // A fixed path: the Source column shows it on wide screens.
        let folder = URL(fileURLWithPath: "/tmp/orgdeck-golden-inputs")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(csv.utf8).write(to: folder.appendingPathComponent("tickets.csv"), options: .atomic)
        let service = f.service
        _ = try service.uploadInputs(f.ada, in: acme, appID: "support-triage", paths: [folder.path])
        _ = try service.createModel(f.ada, in: acme, appID: "support-triage", id: "ticket-router", name: "Ticket router",
                                    type: .textClassifier)
        _ = try service.createModel(f.ada, in: acme, appID: "support-triage", id: "keywords", name: "Keyword spotter",
                                    type: .keywordTagger, keywords: ["billing": ["refund"], "shipping": ["parcel"]])
        // The longest type name: the Type column shows it whole.
        _ = try service.createModel(f.ada, in: acme, appID: "support-triage", id: "watchful", name: "Watchful answers",
                                    type: .conceptThresholder)
        for model in ["ticket-router", "ticket-router", "keywords"] {
            _ = try service.trainModel(f.ada, in: acme, appID: "support-triage", modelID: model)
            try service.runNextTrainingJob(worker: "golden:1:00")
        }
        _ = try service.setModelVisibility(f.ada, in: acme, appID: "support-triage", id: "ticket-router", .public)
        _ = try service.starModel(f.ada, in: acme, appID: "support-triage", id: "ticket-router", starred: true)
    }

    func size(_ name: String) -> (Int, Int) {
        let parts = name.split(separator: "x").compactMap { Int($0) }
        return (parts[0], parts[1])
    }

    func render(_ console: ConsoleViewModel, _ size: String) -> [String] {
        let (width, height) = self.size(size)
        return ScreenFixture.render(console, width: width, height: height).map { row in
            row.replacingOccurrences(of: #"v-[0-9a-f]{12}"#, with: "v-############", options: .regularExpression)
        }
    }

    func app(_ section: Int) -> ConsoleViewModel {
        let console = f.console()
        console.switchContext(acme)
        console.send(.open)
        console.send(.selectSection(section))
        return console
    }

    @Test(arguments: sizes) func inputsWithAnUpload(size: String) throws {
        let console = app(1)
        let start = ScreenFixture.now
        console.send(.job(.uploadStarted(appID: "support-triage", expected: 100_000, at: start)))
        console.send(.job(.uploadProgress(UploadProgress(added: 39_000, duplicates: 500, refused: 2, path: "big.csv"),
                                          at: start.addingTimeInterval(5))))
        Golden.check("inputs-\(size)", render(console, size))
    }

    @Test(arguments: sizes) func models(size: String) throws {
        Golden.check("models-\(size)", render(app(3), size))
    }

    @Test(arguments: sizes) func modelTabs(size: String) throws {
        let console = app(3)
        console.send(.move(.down))  // ticket-router, the classifier
        console.send(.open)
        console.send(.open)
        for character in "my refund is late" { console.send(.text(String(character))) }
        Golden.check("model-overview-\(size)", render(console, size))
        console.send(.cancel)
        console.send(.nextFocus)
        Golden.check("model-versions-\(size)", render(console, size))
        console.send(.nextFocus)
        Golden.check("model-concepts-\(size)", render(console, size))
    }

    @Test(arguments: sizes) func starred(size: String) throws {
        let console = f.console()
        console.send(.selectPane(.starred))
        Golden.check("starred-\(size)", render(console, size))
    }
}
