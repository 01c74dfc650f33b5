import Foundation
import GRDB
@testable import OrgdeckCore

/// A clock the tests move by hand.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) { current = start }

    var now: Date { lock.withLock { current } }
    func advance(_ seconds: TimeInterval) { lock.withLock { current = current.addingTimeInterval(seconds) } }
}

/// A fresh in-memory database with the real migrations, a test clock and cheap password hashing.
struct Fixture {
    let clock: TestClock
    let service: OrgService

    /// Low rounds keep the suite fast; production uses 600,000.
    static let rounds = 1_000
    static let password = "correct horse battery"

    init(readOnly: Bool = false, organizationsPerUser: Int = 1) throws {
        let clock = TestClock()
        self.clock = clock
        service = try OrgService.inMemory(options: .init(readOnly: readOnly, clock: { clock.now },
                                                         passwordRounds: Self.rounds,
                                                         organizationsPerUser: organizationsPerUser))
    }

    /// Signs up and signs in a user named `username`.
    @discardableResult
    func user(_ username: String, source: AuditSource = .tui) throws -> Session {
        _ = try service.signUp(username: username, displayName: username.capitalized, email: "\(username)@example.com",
                               password: Self.password, source: source)
        return try service.signIn(login: username, password: Self.password, source: source)
    }

    /// An organization `acme` whose Admin is `admin`, plus one member per role.
    func organization() throws -> (admin: Session, members: [Role: Session]) {
        let admin = try user("admin")
        _ = try service.createOrganization(admin, id: "acme", name: "Acme", billingEmail: "billing@acme.example")
        var members: [Role: Session] = [.admin: admin]
        for role in Role.allCases where role != .admin {
            let member = try user(role.rawValue.replacingOccurrences(of: "-", with: ""))
            try service.addMember(admin, organizationID: "acme", userID: member.user.id, role: role)
            members[role] = member
        }
        return (admin, members)
    }

    /// Raw SQL, as an attacker with the file (or a test) would run it.
    func raw<T>(_ body: (Database) throws -> T) throws -> T {
        try service.store.withRawConnection(body)
    }

    /// Every audit entry, oldest first, straight from the table.
    func auditActions() throws -> [(action: String, outcome: String, actor: String?, org: String?)] {
        try raw { db in
            try Row.fetchAll(db, sql: "SELECT action, outcome, actor, organization_id FROM audit_log ORDER BY id").map {
                ($0["action"], $0["outcome"], $0["actor"], $0["organization_id"])
            }
        }
    }

    func lastAudit() throws -> (action: String, outcome: String, actor: String?, org: String?)? {
        try auditActions().last
    }
}

/// The error a throwing call produced, or nil.
func coreError(_ body: () throws -> Void) -> CoreError? {
    do { try body(); return nil } catch let error as CoreError { return error } catch { return CoreError(.failure, "\(error)") }
}
