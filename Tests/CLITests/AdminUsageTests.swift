import Foundation
import Testing

/// Usage errors (exit 2) and missing credentials (exit 3) of the organization-administration
/// commands; none of these reach the database's contents.
@Suite struct AdminUsageTests {
    @Test(arguments: [
        ["members", "frobnicate"],
        ["members", "role", "someone"],
        ["members", "role", "someone", "superuser"],
        ["members", "remove", "someone"],
        ["invitations", "send", "a@example.com"],
        ["invitations", "send", "a@example.com", "--role", "owner"],
        ["invitations", "accept"],
        ["invitations", "list", "--received", "--org", "x"],
        ["teams", "create", "t"],
        ["teams", "rename", "t"],
        ["teams", "delete", "t"],
        ["teams", "members", "add", "t"],
        ["teams", "apps", "add", "t", "a"],
        ["teams", "apps", "add", "t", "a", "--role", "admin"],
        ["teams", "policy", "t"],
        ["teams", "policy", "t", "--clear", "--require-label", "x"],
        ["apps", "label", "a"],
        ["apps", "unlabel", "a"],
        ["orgs", "leave"],
        ["orgs", "delete", "x"],
        ["orgs", "update", "x"],
    ])
    func usageErrorsExitTwo(arguments: [String]) throws {
        let result = try CLI.run(arguments + ["--db", Workspace.newDatabasePath("usage")], token: "odk_unused")
        #expect(result.status == 2, "\(arguments): \(result)")
        #expect(result.stderr.hasPrefix("error: "))
        #expect(result.stderr.filter { $0 == "\n" }.count == 1, "one line: \(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test(arguments: [
        ["members", "list"],
        ["members", "role", "u", "admin"],
        ["members", "remove", "u", "--yes"],
        ["invitations", "send", "a@example.com", "--role", "org-user"],
        ["invitations", "list"],
        ["invitations", "accept", "inv_1"],
        ["invitations", "decline", "inv_1"],
        ["invitations", "rescind", "inv_1"],
        ["invitations", "resend", "inv_1"],
        ["teams", "list"],
        ["teams", "create", "t", "--name", "T"],
        ["teams", "members", "list", "t"],
        ["teams", "apps", "add", "t", "a", "--role", "viewer"],
        ["teams", "policy", "t", "--clear"],
        ["apps", "label", "a", "x"],
        ["orgs", "leave", "--yes"],
        ["orgs", "delete", "x", "--yes"],
        ["orgs", "update", "x", "--name", "N"],
    ])
    func withoutATokenExitThree(arguments: [String]) throws {
        let db = try AdminDatabase.get()
        let result = try CLI.run(arguments + ["--db", db.path, "--json"])
        #expect(result.status == 3, "\(arguments): \(result)")
        #expect(result.errorKind == "not_authenticated")
    }

    @Test func aRevokedOrUnknownTokenExitsThree() throws {
        let db = try AdminDatabase.get()
        let result = try CLI.run(["members", "list", "--db", db.path, "--json"], token: "odk_not_a_real_token")
        #expect(result.status == 3, "\(result)")
    }

    @Test func helpDocumentsTheRules() throws {
        let list = try CLI.run(["invitations", "list", "--help"])
        #expect(list.status == 0)
        #expect(list.stdout.contains("Admin"), "\(list.stdout)")
        #expect(list.stdout.contains("--received"))
        let role = try CLI.run(["members", "role", "--help"])
        for name in ["admin", "org-contributor", "org-user", "team-contributor"] {
            #expect(role.stdout.contains(name), "members role --help names \(name)")
        }
        let root = try CLI.run(["--help"])
        for noun in ["members", "invitations", "teams"] { #expect(root.stdout.contains(noun)) }
        let teams = try CLI.run(["teams", "apps", "add", "--help"])
        #expect(teams.stdout.contains("viewer"))
        let version = try CLI.run(["--version"])
        #expect(version.status == 0 && version.stdout == "0.1.0\n", "\(version)")
    }
}
