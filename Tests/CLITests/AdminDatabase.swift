import Foundation
import OrgdeckCore
import Testing

/// One database for the organization-administration suites (members, invitations, teams,
/// labels, leave and delete). A user belongs to one organization at most, so each test builds
/// its own organization with fresh users. Users are made directly with the core at a low
/// PBKDF2 round count and get their tokens from the core, so no test pays for a real
/// password hash; the commands under test then run through the built binary.
struct AdminDatabase: Sendable {
    let path: String
    /// The core on the same file, for preparing data and checking results.
    let service: OrgService

    static let shared: Result<AdminDatabase, any Error> = Result {
        let path = Workspace.newDatabasePath("admin")
        let service = try Workspace.service(at: path)
        return AdminDatabase(path: path, service: service)
    }

    static func get() throws -> AdminDatabase { try shared.get() }

    /// A new user with a unique username (prefix + 8 hex digits), the email `username@example.com`,
    /// and a token for the CLI.
    func user(_ prefix: String = "u") throws -> Person {
        let username = uniqueID(prefix)
        let user = try service.signUp(username: username, displayName: "Person \(username)",
                                      email: "\(username)@example.com", password: SharedDatabase.password,
                                      source: .cli)
        let session = Session(user: user, source: .cli)
        let token = try service.createToken(session, description: "tests", scopes: [], expiresInDays: 30).secret
        return Person(user: user, session: session, token: token)
    }

    /// A new organization whose Admin is a new user, with one more new member per role given.
    func organization(members roles: [Role] = []) throws -> OrgSetup {
        let admin = try user("adm")
        let id = uniqueID("org")
        _ = try service.createOrganization(admin.session, id: id, name: "Org \(id)", billingEmail: "billing@example.com")
        var members: [Person] = []
        for role in roles {
            let person = try user(String(role.rawValue.prefix(3)))
            _ = try service.addMember(admin.session, organizationID: id, userID: person.user.id, role: role)
            members.append(person)
        }
        return OrgSetup(id: id, admin: admin, members: members, database: self)
    }

    /// Runs `orgdeck arguments… --db path` with the token of `person` (or none).
    func run(_ arguments: [String], as person: Person?) throws -> RunResult {
        try CLI.run(arguments + ["--db", path], token: person?.token)
    }
}

/// A user prepared for a test, with the token the CLI authenticates with.
struct Person: Sendable {
    let user: User
    let session: Session
    let token: String
    var username: String { user.username }
    var email: String { user.email }
}

/// An organization prepared for one test: its Admin and further members in the order asked.
struct OrgSetup: Sendable {
    let id: String
    let admin: Person
    let members: [Person]
    let database: AdminDatabase

    /// Runs a command as `person` (default: the Admin), with `--org` for this organization.
    func run(_ arguments: [String], as person: Person? = nil) throws -> RunResult {
        try database.run(arguments + ["--org", id], as: person ?? admin)
    }

    /// Creates an organization app through the core.
    func app(_ prefix: String = "app") throws -> String {
        let id = uniqueID(prefix)
        _ = try database.service.createApp(admin.session, in: .organization(self.id), id: id, name: "App \(id)",
                                           description: "")
        return id
    }

    /// Creates a team through the core.
    func team(_ prefix: String = "team") throws -> String {
        let id = uniqueID(prefix)
        _ = try database.service.createTeam(admin.session, organizationID: self.id, id: id, name: "Team \(id)")
        return id
    }
}

extension RunResult {
    /// The `kind` of the JSON error object, when `--json` was given.
    var errorKind: String? { errorObject?["kind"] as? String }
}
