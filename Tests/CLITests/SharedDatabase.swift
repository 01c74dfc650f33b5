import Foundation
import OrgdeckCore
import Testing

/// One database prepared once for the whole CLI test run, because each sign-up and sign-in
/// costs 600,000 PBKDF2 rounds. Tests use their own app IDs so they can run in parallel.
///
/// - `alice` signed up through `orgdeck signup` and got a token through `orgdeck tokens create`;
///   she is the Admin of the organization `acme-t`, created through `orgdeck orgs create`.
/// - `bob` was made directly with the core and added to `acme-t` as an Organization User.
struct SharedDatabase: Sendable {
    static let password = "Tr0ub4dor&3-horse"
    static let orgID = "acme-t"

    let path: String
    let signup: RunResult
    let tokenCreate: RunResult
    let orgCreate: RunResult
    let aliceToken: String
    let bobToken: String

    /// Built on first use; a failure is reported by every test that needs it.
    static let shared: Result<SharedDatabase, any Error> = Result { try SharedDatabase.make() }

    static func get() throws -> SharedDatabase { try shared.get() }

    private static func make() throws -> SharedDatabase {
        let path = Workspace.newDatabasePath("shared")
        let signup = try CLI.run(["signup", "--db", path, "--json", "--username", "alice",
                                  "--email", "Alice@Example.com", "--name", "Alice Liddell", "--password-stdin"],
                                 stdin: password + "\n")
        guard signup.status == 0 else { throw Failure("signup failed: \(signup)") }

        let tokenCreate = try CLI.run(["tokens", "create", "--db", path, "--json", "--user", "alice",
                                       "--password-stdin", "--description", "tests"],
                                      stdin: password + "\n")
        guard tokenCreate.status == 0, let aliceToken = tokenCreate.object?["token"] as? String else {
            throw Failure("tokens create failed: \(tokenCreate)")
        }

        let orgCreate = try CLI.run(["orgs", "create", orgID, "--db", path, "--json", "--name", "Acme Test",
                                     "--billing-email", "billing@example.com"], token: aliceToken)
        guard orgCreate.status == 0 else { throw Failure("orgs create failed: \(orgCreate)") }

        // The other roles come straight from the core: inviting and accepting through the CLI
        // is covered by InvitationsCommandTests on a database of its own.
        let service = try OrgService.open(path: path, options: OrgService.Options(auditKey: Workspace.auditKey))
        let bob = try service.signUp(username: "bob", displayName: "Bob", email: "bob@example.com",
                                     password: password, source: .cli)
        let alice = Session(user: try service.user(username: "alice"), source: .cli)
        _ = try service.addMember(alice, organizationID: orgID, userID: bob.id, role: .orgUser)
        let bobToken = try service.createToken(Session(user: bob, source: .cli), description: "tests",
                                               scopes: [], expiresInDays: 30).secret

        return SharedDatabase(path: path, signup: signup, tokenCreate: tokenCreate, orgCreate: orgCreate,
                              aliceToken: aliceToken, bobToken: bobToken)
    }

    /// Runs a command against this database as alice (or with another token).
    func run(_ arguments: [String], token: String? = nil, stdin: String? = nil) throws -> RunResult {
        try CLI.run(arguments + ["--db", path], stdin: stdin, token: token ?? aliceToken)
    }
}

struct Failure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A short unique app ID for one test, so parallel tests never collide.
func uniqueID(_ prefix: String) -> String {
    prefix + "-" + UUID().uuidString.prefix(8).lowercased()
}
