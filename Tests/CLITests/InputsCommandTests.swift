import Foundation
import Testing
@testable import OrgdeckCore

/// `orgdeck inputs` and `orgdeck concepts` against a database of their own.
@Suite("Inputs commands")
struct InputsCommandTests {
    @Test func uploadListLabelDeleteAndConcepts() throws {
        let (path, token) = try TrustCommandTests.privateDatabase("inputs")
        do {
            let service = try Workspace.service(at: path)
            let ada = try service.signIn(login: "ada", password: SharedDatabase.password, source: .cli)
            _ = try service.createApp(ada, in: .personal, id: "support", name: "Support", description: "")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("orgdeck-cli-inputs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("text,concepts\nRefund my card,billing\nParcel late,shipping\n".utf8).write(to: folder.appendingPathComponent("t.csv"))
        try Data([0x00, 0x01]).write(to: folder.appendingPathComponent("junk.bin"))
        func run(_ arguments: [String]) throws -> RunResult { try CLI.run(arguments + ["--db", path], token: token) }

        let upload = try run(["inputs", "upload", "support", folder.path, "--concepts", "inbox", "--json"])
        #expect(upload.status == 0, "\(upload)")
        #expect(upload.object?["added"] as? Int == 2 && upload.object?["duplicates"] as? Int == 0)
        let refused = upload.object?["refused"] as? [[String: Any]]
        #expect(refused?.count == 1 && refused?.first?["path"] as? String == folder.path + "/junk.bin")
        #expect((refused?.first?["reason"] as? String)?.hasPrefix("binary data") == true)
        let again = try run(["inputs", "upload", "support", folder.path])
        #expect(again.stdout.hasPrefix("0 added, 2 duplicates skipped, 1 refused\n"), "\(again)")
        #expect(again.status == 0, "duplicates skipped are not a failure")
        // Nothing taken, something refused: not a success for a script.
        let junk = try run(["inputs", "upload", "support", folder.appendingPathComponent("junk.bin").path])
        #expect(junk.status == 7 && junk.stdout.hasPrefix("0 added, 0 duplicates skipped, 1 refused\n"), "\(junk)")
        #expect(junk.stderr == "error: every input was refused (1)\n", "\(junk)")
        // Standard input is read from a temporary copy; its inputs and refusals say "stdin".
        let piped = try CLI.run(["inputs", "upload", "support", "-", "--format", "csv", "--concepts", "inbox", "--json", "--db", path],
                                stdin: "text\nfrom a pipe\n\"unclosed\n", token: token)
        #expect(piped.object?["added"] as? Int == 1, "\(piped)")
        #expect((piped.object?["refused"] as? [[String: Any]])?.first?["path"] as? String == "stdin", "\(piped)")
        let fromPipe = try run(["inputs", "list", "support", "--search", "pipe", "--json"])
        #expect((fromPipe.object?["inputs"] as? [[String: Any]])?.first?["source"] as? String == "stdin:2", "\(fromPipe)")

        let list = try run(["inputs", "list", "support", "--search", "refu", "--json"])
        let inputs = try #require(list.object?["inputs"] as? [[String: Any]])
        #expect(inputs.count == 1 && inputs[0]["text"] as? String == "Refund my card")
        #expect(inputs[0]["concepts"] as? [String] == ["billing", "inbox"])
        let id = try #require(inputs[0]["id"] as? String)

        #expect(try run(["inputs", "label", "support", id, "urgent"]).stdout == "input \(id): 1 concept added\n")
        #expect(try run(["inputs", "unlabel", "support", id, "inbox", "--json"]).object?["removed"] as? Int == 1)
        let concepts = try run(["concepts", "list", "support", "--json"])
        #expect(concepts.array?.map { $0["id"] as? String } == ["billing", "inbox", "shipping", "urgent"])
        #expect(try run(["concepts", "create", "support", "refunds", "--name", "Refunds"]).status == 0)
        #expect(try run(["concepts", "create", "support", "refunds"]).status == 6, "a duplicate concept is a conflict")
        #expect(try run(["concepts", "rename", "support", "refunds", "Money back"]).stdout == "concept refunds is now named Money back\n")
        #expect(try run(["concepts", "delete", "support", "shipping"]).status == 2, "deleting needs --yes")
        #expect(try run(["concepts", "delete", "support", "shipping", "--yes"]).stdout == "deleted concept shipping, removed from 1 input\n")
        #expect(try run(["concepts", "delete", "support", "shipping", "--yes"]).status == 5)

        #expect(try run(["inputs", "delete", "support", id]).status == 2, "deleting needs --yes")
        #expect(try run(["inputs", "delete", "support", id, "in-nope", "--yes"]).status == 5)
        #expect(try run(["inputs", "delete", "support", id, "--yes"]).stdout == "1 input deleted\n")
        #expect(try run(["inputs", "list", "support", "--unlabelled"]).stdout == "no inputs\n")
        #expect(try run(["inputs", "list", "nope"]).status == 5)
        #expect(try run(["inputs", "list", "support", "--concept", "x", "--unlabelled"]).status == 2)
    }
}
