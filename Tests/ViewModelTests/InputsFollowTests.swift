import Foundation
import OrgdeckCore
import Testing
@testable import OrgdeckViewModels

/// The Inputs list keeps its cursor on an input, not on a row number, when inputs arrive or go
/// above it elsewhere; a label or delete acts on the inputs its dialog named.
@Suite struct InputsFollowTests {
    let fixture: Fixture
    let acme = Context.organization("acme")
    let folder: URL

    init() throws {
        fixture = try Fixture(orgApps: ["alpha"])
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("orgdeck-follow-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try upload((0..<30).map { "ticket \($0)" })
    }

    /// Another session uploads `texts`: they become the newest inputs, above everything shown.
    func upload(_ texts: [String]) throws {
        let file = folder.appendingPathComponent("\(UUID().uuidString).csv")
        try Data(("text\n" + texts.joined(separator: "\n") + "\n").utf8).write(to: file)
        _ = try fixture.service.uploadInputs(fixture.ada, in: acme, appID: "alpha", paths: [file.path])
    }

    /// A console on alpha's Inputs, 12 rows tall, with the cursor on the eighth input.
    func inputsOnEighth() throws -> (ConsoleViewModel, InputsSection) {
        let console = fixture.console()
        console.switchContext(acme)
        console.send(.open)
        console.send(.selectSection(1))
        console.send(.viewport(rows: 15, columns: 100))
        let inputs = try #require(console.appDetail?.section as? InputsSection)
        for _ in 0..<7 { console.send(.move(.down)) }
        #expect(inputs.state.cursor == 7)
        return (console, inputs)
    }

    @Test func theCursorStaysOnItsInputWhenOthersArriveAboveIt() throws {
        let (console, inputs) = try inputsOnEighth()
        let focused = try #require(inputs.state.selected?.id)
        let rowOnScreen = inputs.state.cursor - inputs.state.scrollTop
        try upload(["new one", "new two"])
        console.send(.externalChange)
        #expect(inputs.state.total == 32)
        #expect(inputs.state.selected?.id == focused && inputs.state.cursor == 9)
        #expect(inputs.state.cursor - inputs.state.scrollTop == rowOnScreen, "the input keeps its row on screen")
    }

    @Test func theCursorFindsItsInputFarBelowTheWindowRead() throws {
        let (console, inputs) = try inputsOnEighth()
        let focused = try #require(inputs.state.selected?.id)
        // More than the window around the cursor holds: the core says where the input went.
        try upload((0..<500).map { "arrival \($0)" })
        console.send(.externalChange)
        #expect(inputs.state.selected?.id == focused && inputs.state.cursor == 507)
        #expect(inputs.state.total == 530)
    }

    @Test func aSearchedInputIsFollowedWithinTheSearch() throws {
        let (console, inputs) = try inputsOnEighth()
        console.send(.filter)
        console.type("ticket")
        console.send(.submit)
        for _ in 0..<5 { console.send(.move(.down)) }
        let focused = try #require(inputs.state.selected?.id)
        try upload((0..<200).map { "ticket arriving \($0)" } + ["unrelated"])
        console.send(.externalChange)
        #expect(inputs.state.selected?.id == focused && inputs.state.cursor == 205)
    }

    @Test func aDeleteConfirmedAfterAnArrivalDeletesTheInputItNamed() throws {
        let (console, inputs) = try inputsOnEighth()
        let focused = try #require(inputs.state.selected?.id)
        console.send(.delete)
        guard case .confirm(let confirm) = console.state.overlay else { Issue.record("no confirmation"); return }
        #expect(confirm.message.contains(focused))
        try upload(["slid in"])
        console.send(.externalChange)
        console.type("delete")
        console.send(.submit)
        #expect(console.state.flash == .info("deleted 1 input"))
        let left = try fixture.service.inputs(fixture.ada, in: acme, appID: "alpha", query: InputQuery(limit: 100), metered: false)
        #expect(left.total == 30)
        #expect(!left.items.contains { $0.id == focused }, "the input named is the one deleted")
        #expect(left.items.contains { $0.text == "slid in" })
    }

    @Test func aLabelChosenAfterAnArrivalGoesOnTheInputItNamed() throws {
        let (console, inputs) = try inputsOnEighth()
        let focused = try #require(inputs.state.selected?.id)
        console.send(.label)
        console.type("urgent")
        // Without the live refresh the window still holds the old rows: the dialog's input counts.
        try upload(["slid in"])
        console.send(.submit)
        #expect(console.state.flash == .info("1 label added; created concept urgent"))
        let labelled = try fixture.service.inputs(fixture.ada, in: acme, appID: "alpha",
                                                  query: InputQuery(concept: "urgent", limit: 10), metered: false)
        #expect(labelled.items.map(\.id) == [focused])
    }

    @Test func anInputDeletedElsewhereLeavesTheCursorOnItsRow() throws {
        let (console, inputs) = try inputsOnEighth()
        let focused = try #require(inputs.state.selected?.id)
        let next = try #require(inputs.state.input(at: 8)?.id)
        _ = try fixture.service.deleteInputs(fixture.ada, in: acme, appID: "alpha", inputIDs: [focused])
        console.send(.externalChange)
        #expect(inputs.state.cursor == 7 && inputs.state.selected?.id == next)
        #expect(console.state.flash == .note("input \(focused) is no longer in Inputs: changed elsewhere"))
    }
}
