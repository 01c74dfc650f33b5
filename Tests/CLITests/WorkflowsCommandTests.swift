import Foundation
import Testing
@testable import OrgdeckCore

/// `orgdeck workflows`, `collaborators` and `collaborations` through the built binary.
@Suite("Workflow and collaborator commands")
struct WorkflowsCommandTests {
    /// A database with Ada's personal app `support`: a trained tagger `tags` and a thresholder `keep`.
    func database() throws -> (path: String, token: String, folder: URL) {
        let (path, token) = try TrustCommandTests.privateDatabase("workflows")
        let service = try Workspace.service(at: path)
        let ada = try service.signIn(login: "ada", password: SharedDatabase.password, source: .cli)
        _ = try service.createApp(ada, in: .personal, id: "support", name: "Support", description: "")
        _ = try service.createModel(ada, in: .personal, appID: "support", id: "tags", name: "", type: .keywordTagger,
                                    keywords: ["billing": ["refund"], "shipping": ["parcel"]])
        for model in ["tags"] {
            _ = try service.trainModel(ada, in: .personal, appID: "support", modelID: model)
            try service.runNextTrainingJob(worker: "w")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("orgdeck-cli-workflows-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return (path, token, folder)
    }

    @Test func createShowPredictUpdateDelete() throws {
        let (path, token, folder) = try database()
        func run(_ arguments: [String]) throws -> RunResult { try CLI.run(arguments + ["--db", path], token: token) }
        let keep = try run(["models", "create", "support", "keep", "--type", "concept-thresholder", "--threshold", "0.4,shipping=0.9", "--json"])
        #expect(keep.status == 0 && (keep.object?["thresholds"] as? [String: Double]) == ["default": 0.4, "shipping": 0.9], "\(keep)")
        #expect(try run(["models", "create", "support", "bad", "--type", "concept-thresholder", "--threshold", "1.5"]).status == 7)
        #expect(try run(["models", "train", "support", "keep", "--wait"]).status == 0)
        #expect(try run(["models", "predict", "support", "keep", "--text", "x"]).status == 7, "a thresholder takes concepts")

        let graph = #"{"nodes": [{"id": "n1", "model": "tags", "version": null}, {"id": "n2", "model": "keep", "version": null}], "edges": [{"from": "input", "to": "n1"}, {"from": "n1", "to": "n2"}]}"#
        let file = folder.appendingPathComponent("graph.json")
        try Data(graph.utf8).write(to: file)
        let created = try run(["workflows", "create", "support", "triage", "--graph", file.path, "--json"])
        #expect(created.status == 0 && created.object?["version"] as? Int == 1, "\(created)")
        let shown = try run(["workflows", "show", "support", "triage", "--json"])
        #expect(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? NSDictionary
                == JSONSerialization.jsonObject(with: Data(graph.utf8)) as? NSDictionary, "show prints the graph file's shape")
        // "refund the parcel refund": billing 0.5, shipping 0.25; kept at 0.4 for billing, 0.9 for shipping.
        let predicted = try run(["workflows", "predict", "support", "triage", "--text", "refund the parcel refund", "--json"])
        let nodes = try #require(predicted.object?["nodes"] as? [[String: Any]])
        #expect(nodes.map { $0["node"] as? String } == ["n1", "n2"])
        let result = try #require((predicted.object?["result"] as? [[String: Any]])?.first?["concepts"] as? [[String: Any]])
        #expect(result.map { $0["concept"] as? String } == ["billing"] && result.first?["score"] as? Double == 0.5)
        #expect(try run(["workflows", "predict", "support", "triage", "--text", "refund"]).stdout.hasSuffix("result: billing 1.000\n"))

        try Data(#"{"nodes": [{"id": "n1", "model": "keep", "version": null}], "edges": [{"from": "input", "to": "n1"}]}"#.utf8)
            .write(to: file)
        let mismatch = try run(["workflows", "update", "support", "triage", "--graph", file.path, "--json"])
        #expect(mismatch.status == 7 && mismatch.stderr.contains("takes concepts"), "\(mismatch)")
        #expect(try run(["workflows", "update", "support", "triage", "--name", "Triage", "--version", "1"]).status == 0)
        let stale = try run(["workflows", "update", "support", "triage", "--name", "Again", "--version", "1"])
        #expect(stale.status == 6 && stale.stderr.contains("changed by someone else"), "\(stale)")
        #expect(try run(["workflows", "duplicate", "support", "triage", "triage-2"]).status == 0)
        #expect(try run(["stars", "add", "support", "triage", "--workflow"]).status == 0)
        let stars = try #require(try run(["stars", "list", "--json"]).array)
        #expect(stars.map { $0["kind"] as? String } == ["workflow"])
        #expect(try run(["workflows", "visibility", "support", "triage", "public"]).status == 0)
        #expect(try run(["models", "delete", "support", "tags", "--yes"]).status == 6, "used by a workflow")
        #expect(try run(["workflows", "delete", "support", "triage-2"]).status == 2, "deleting needs --yes")
        #expect(try run(["workflows", "delete", "support", "triage-2", "--yes"]).status == 0)
        #expect(try run(["workflows", "list", "support", "--json"]).array?.map { $0["id"] as? String } == ["triage"])
        #expect(try run(["workflows", "create", "support", "x", "--graph", folder.appendingPathComponent("none.json").path]).status == 7)
    }

    @Test func collaboratorsAddListLeaveWithScopes() throws {
        let (path, token, _) = try database()
        let service = try Workspace.service(at: path)
        let zed = try service.signUp(username: "zed", displayName: "Zed", email: "zed@example.com", password: SharedDatabase.password,
                                     source: .cli)
        let zedToken = try service.createToken(Session(user: zed, source: .cli), description: "t", scopes: [], expiresInDays: 9).secret
        func run(_ arguments: [String], as who: String? = nil) throws -> RunResult {
            try CLI.run(arguments + ["--db", path], token: who ?? token)
        }
        #expect(try run(["collaborators", "add", "support", "zed@example.com", "--scopes", "predict,teleport"]).status == 7)
        let added = try run(["collaborators", "add", "support", "zed@example.com", "--scopes", "models:read,predict", "--json"])
        #expect(added.status == 0 && added.object?["scopes"] as? [String] == ["models:read", "predict"], "\(added)")
        #expect(try run(["collaborators", "list", "support", "--json"]).array?.first?["username"] as? String == "zed")
        let shared = try #require(try run(["collaborations", "list", "--json"], as: zedToken).array)
        #expect(shared.first?["owner"] as? String == "@ada" && shared.first?["context"] as? String == "--owner ada")
        #expect(try run(["models", "list", "support", "--owner", "ada", "--json"], as: zedToken).array?.count == 1)
        #expect(try run(["models", "predict", "support", "tags", "--text", "refund", "--owner", "ada"], as: zedToken).status == 0)
        #expect(try run(["inputs", "list", "support", "--owner", "ada"], as: zedToken).status == 4, "no inputs:read")
        #expect(try run(["models", "list", "support", "--owner", "ada", "--org", "x"], as: zedToken).status == 2)
        #expect(try run(["collaborators", "list", "support", "--owner", "ada"], as: zedToken).status == 5)
        #expect(try run(["collaborators", "update", "support", "zed", "--scopes", "inputs:read"]).status == 0)
        #expect(try run(["inputs", "list", "support", "--owner", "ada"], as: zedToken).status == 0)
        #expect(try run(["collaborators", "leave", "support"], as: zedToken).status == 2, "leaving names the owner")
        #expect(try run(["collaborators", "leave", "support", "--owner", "ada"], as: zedToken).status == 0)
        #expect(try run(["inputs", "list", "support", "--owner", "ada"], as: zedToken).status == 5)
        #expect(try run(["collaborators", "remove", "support", "zed", "--yes"]).status == 5, "already gone")
    }
}
