import Foundation
import Testing

/// Usage errors from the argument parser map to exit 2 with one line on stderr.
@Suite struct UsageTests {
    @Test(arguments: [
        ["apps", "frobnicate"],
        ["apps", "show"],
        ["apps", "list", "--sort", "size"],
        ["apps", "list", "--limit", "0"],
        ["apps", "list", "--bogus"],
        ["tokens", "create"],
        ["orgs", "create", "x"],
        ["nonsense"],
    ])
    func usageErrorsExitTwo(arguments: [String]) throws {
        let result = try CLI.run(arguments + ["--db", Workspace.newDatabasePath("usage")], token: "odk_unused")
        #expect(result.status == 2, "\(arguments): \(result)")
        #expect(result.stderr.hasPrefix("error: "))
        #expect(result.stderr.filter { $0 == "\n" }.count == 1, "one line: \(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func usageErrorWithJSONIsAnObject() throws {
        let result = try CLI.run(["apps", "show", "--json"])
        #expect(result.status == 2)
        let error = try #require(result.errorObject, "\(result)")
        #expect(error["kind"] as? String == "usage")
        #expect((error["message"] as? String)?.isEmpty == false)
    }

    @Test func demoResetRefusesADatabaseThatIsNotADemo() throws {
        let db = try SharedDatabase.get()
        let result = try CLI.run(["demo", "--reset", "--db", db.path])
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("not a demo database"))
        #expect(FileManager.default.fileExists(atPath: db.path), "the real database is untouched")
        #expect(try db.run(["orgs", "show", SharedDatabase.orgID]).status == 0)
    }

    @Test func consoleNeedsATerminal() throws {
        // Piped stdin/stdout: the console refuses cleanly instead of drawing into a pipe.
        let result = try CLI.run(["--db", Workspace.newDatabasePath("console")])
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.hasPrefix("error: "))
    }

    @Test func helpGoesToStdoutAndSucceeds() throws {
        let root = try CLI.run(["--help"])
        #expect(root.status == 0)
        #expect(root.stdout.contains("USAGE"))
        #expect(root.stdout.contains("apps"))
        let apps = try CLI.run(["apps", "list", "--help"])
        #expect(apps.status == 0)
        for option in ["--db", "--json", "--org", "--filter", "--sort", "--asc", "--limit", "--offset"] {
            #expect(apps.stdout.contains(option), "apps list --help mentions \(option)")
        }
        let group = try CLI.run(["apps"])
        #expect(group.status == 0)
        #expect(group.stdout.contains("transfer"))
    }
}
