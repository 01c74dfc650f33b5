import Foundation
import GRDB
import Testing
@testable import OrgdeckCore

/// A row damaged on disk (text where a time belongs, an unknown role) is a clear error naming
/// the table, the row and the column — never a crash, never the row's values.
@Suite("Damaged rows")
struct DamagedRowTests {
    /// A user in an organization with an app, a token and a pending invitation: every table that
    /// signing in and the first screen read.
    static func world() throws -> (f: Fixture, ada: Session) {
        let f = try Fixture()
        let (admin, _) = try f.organization()
        _ = try f.service.createApp(admin, in: .organization("acme"), id: "app", name: "App", description: "")
        _ = try f.service.labelApp(admin, in: .organization("acme"), id: "app", labels: ["gdpr"])
        _ = try f.service.createToken(admin, description: "t", scopes: [], expiresInDays: 30)
        let other = try f.user("zed")
        _ = try f.service.createOrganization(other, id: "zorg", name: "Z", billingEmail: "z@z.example")
        _ = try f.service.invite(other, organizationID: "zorg", email: "admin@example.com", role: .orgUser, teams: [])
        return (f, admin)
    }

    static func damage(_ f: Fixture, _ sql: String) throws {
        try f.raw { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            try db.execute(sql: sql)
        }
    }

    @Test("text in a time column of each table read at sign-in", arguments: [
        ("UPDATE users SET created_at = 'yesterday' WHERE username = 'admin'", "users row 1, column created_at"),
        ("UPDATE memberships SET joined_at = 'soon' WHERE user_id = 1", "memberships row acme/1, column joined_at"),
        ("UPDATE memberships SET role = 'overlord' WHERE user_id = 1", "memberships row acme/1, column role"),
        ("UPDATE organizations SET created_at = x'00ff' WHERE id = 'acme'", "organizations row acme, column created_at"),
        ("UPDATE invitations SET expires_at = 'never'", "invitations row 1, column expires_at"),
        ("UPDATE apps SET updated_at = 'now'", "apps row 1, column updated_at"),
        ("UPDATE app_labels SET label = x'ff'", "app_labels row 1, column label"),
        ("UPDATE tokens SET expires_at = 'later'", "tokens row 1, column expires_at"),
    ])
    func damagedColumn(sql: String, place: String) throws {
        let (f, ada) = try Self.world()
        try Self.damage(f, sql)
        let reads: [() throws -> Void] = [
            { _ = try f.service.signIn(login: "admin", password: Fixture.password, source: .tui) },
            { _ = try f.service.memberships(ada) },
            { _ = try f.service.role(ada, in: "acme") },
            { _ = try f.service.receivedInvitations(ada) },
            { _ = try f.service.apps(ada, in: .organization("acme"), query: AppQuery()) },
            { _ = try f.service.tokens(ada) },
        ]
        let errors = reads.compactMap { coreError($0) }
        #expect(!errors.isEmpty, "one of the reads meets the damage")
        for error in errors {
            #expect(error.message == "the database is damaged: \(place)")
            #expect(!error.message.contains("pbkdf2"), "a secret column never reaches a message")
        }
    }

    @Test("a damaged audit entry stops verify with the place, not a crash")
    func damagedAudit() throws {
        let (f, _) = try Self.world()
        try f.raw { db in
            try db.execute(sql: "DROP TRIGGER audit_log_no_update")
            try db.execute(sql: "UPDATE audit_log SET at = 'then' WHERE id = 3")
        }
        #expect(coreError { _ = try f.service.verifyAudit() } == CoreError(.failure, "the database is damaged: audit_log row 3, column at"))
    }
}
