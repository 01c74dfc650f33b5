import Foundation
import Testing
@testable import OrgdeckCore

/// `orgdeck models` and `orgdeck stars` against a database of their own.
@Suite("Models commands")
struct ModelsCommandTests {
    @Test func createTrainPredictStar() throws {
        let (path, token) = try TrustCommandTests.privateDatabase("models")
        do {
            let service = try Workspace.service(at: path)
            let ada = try service.signIn(login: "ada", password: SharedDatabase.password, source: .cli)
            _ = try service.createApp(ada, in: .personal, id: "support", name: "Support", description: "")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("orgdeck-cli-models-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var csv = "text,concepts\n"
        for i in 0..<30 { csv += i % 2 == 0 ? "refund my card \(i),billing\n" : "parcel is late \(i),shipping\n" }
        try Data(csv.utf8).write(to: folder.appendingPathComponent("t.csv"))
        try Data("refund please\nwhere is my parcel\n\n".utf8).write(to: folder.appendingPathComponent("ask.txt"))
        try Data("billing: refund, card\n".utf8).write(to: folder.appendingPathComponent("keywords.txt"))
        func run(_ arguments: [String]) throws -> RunResult { try CLI.run(arguments + ["--db", path], token: token) }

        #expect(try run(["inputs", "upload", "support", folder.appendingPathComponent("t.csv").path]).status == 0)
        #expect(try run(["models", "create", "support", "router", "--type", "svm"]).status == 2)
        let created = try run(["models", "create", "support", "router", "--type", "text-classifier", "--name", "Router", "--json"])
        #expect(created.object?["type"] as? String == "text-classifier" && created.object?["visibility"] as? String == "private")
        #expect(try run(["models", "create", "support", "router", "--type", "text-classifier"]).status == 6)

        let trained = try run(["models", "train", "support", "router", "--wait", "--json"])
        #expect(trained.status == 0, "\(trained)")
        #expect(trained.object?["status"] as? String == "trained")
        let metrics = try #require(trained.object?["metrics"] as? [String: Any])
        #expect(metrics["accuracy"] as? Double == 1)
        let perConcept = try #require(metrics["concepts"] as? [String: [String: Any]])
        #expect(perConcept.keys.sorted() == ["billing", "shipping"])
        #expect(perConcept["billing"]?["support"] as? Int == 3 && perConcept["billing"]?["f1"] as? Double == 1)
        let versionID = try #require(trained.object?["id"] as? String)

        let one = try run(["models", "predict", "support", "router", "--text", "my refund", "--json"])
        #expect(one.object?["version"] as? String == versionID)
        let scores = try #require(one.object?["concepts"] as? [[String: Any]])
        #expect(scores.first?["concept"] as? String == "billing")
        #expect(abs(scores.compactMap { $0["score"] as? Double }.reduce(0, +) - 1) < 1e-9)
        let many = try run(["models", "predict", "support", "router", "--file", folder.appendingPathComponent("ask.txt").path, "--json"])
        let lines = many.stdout.split(separator: "\n")
        #expect(lines.count == 2 && lines[1].contains("\"concept\":\"shipping\""), "\(many)")
        #expect(try run(["models", "predict", "support", "router", "--text", "x", "--version", "v-000000000000"]).status == 5)

        let versions = try run(["models", "versions", "support", "router", "--json"])
        #expect(versions.array?.map { $0["id"] as? String } == [versionID])
        let queued = try run(["models", "train", "support", "router", "--json"])
        #expect(queued.object?["status"] as? String == "queued" && queued.object?["number"] as? Int == 2)

        #expect(try run(["models", "create", "support", "tags", "--type", "keyword-tagger"]).status == 7, "a tagger needs keywords")
        let tags = try run(["models", "create", "support", "tags", "--type", "keyword-tagger",
                            "--keywords", folder.appendingPathComponent("keywords.txt").path, "--json"])
        #expect((tags.object?["keywords"] as? [String: [String]]) == ["billing": ["refund", "card"]], "\(tags)")

        #expect(try run(["models", "visibility", "support", "router", "public"]).stdout == "model router is now public\n")
        #expect(try run(["stars", "add", "support", "router"]).stdout == "starred support/router\n")
        let stars = try run(["stars", "list", "--json"])
        #expect(stars.array?.count == 1 && stars.array?.first?["owner"] as? String == "@ada")
        #expect(try run(["stars", "remove", "support", "router"]).status == 0)
        #expect(try run(["stars", "list"]).stdout == "no starred models or workflows\n")
        #expect(try run(["concepts", "delete", "support", "billing", "--yes"]).status == 6, "a trained version uses it")
        #expect(try run(["models", "delete", "support", "router"]).status == 2)
        #expect(try run(["models", "delete", "support", "router", "--yes"]).status == 0)
        #expect(try run(["models", "list", "support"]).stdout.hasPrefix("ID"))
    }
}
