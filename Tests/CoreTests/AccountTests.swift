import Foundation
import GRDB
import Testing
@testable import OrgdeckCore

@Suite("Accounts")
struct AccountTests {
    @Test("sign up, then sign in by username or by email in any case")
    func signUpAndIn() throws {
        let f = try Fixture()
        let user = try f.service.signUp(username: "ada", displayName: "Ada Lovelace", email: "Ada@Example.com",
                                        password: Fixture.password, source: .tui)
        #expect(user.username == "ada")
        #expect(user.email == "Ada@Example.com")
        #expect(try f.service.signIn(login: "ada", password: Fixture.password, source: .tui).user == user)
        #expect(try f.service.signIn(login: "ADA@example.COM", password: Fixture.password, source: .cli).user.id == user.id)
        #expect(try f.service.user(login: "ada@EXAMPLE.com").id == user.id)
        #expect(try f.auditActions().map(\.action) == ["user.signup", "user.signin", "user.signin"], "sign-ins are audited")
    }

    @Test("emails are unique case-insensitively; usernames are unique")
    func uniqueness() throws {
        let f = try Fixture()
        try f.user("ada")
        let sameEmail = coreError {
            _ = try f.service.signUp(username: "ada2", displayName: "Ada", email: "ADA@example.COM",
                                     password: Fixture.password, source: .tui)
        }
        #expect(sameEmail?.kind == .conflict)
        let sameName = coreError {
            _ = try f.service.signUp(username: "ada", displayName: "Ada", email: "other@example.com",
                                     password: Fixture.password, source: .tui)
        }
        #expect(sameName?.message == "username ada is taken")
    }

    @Test("sign-up validates every field")
    func signUpValidation() throws {
        let f = try Fixture()
        let cases: [(String, String, String, String, String)] = [
            ("Bad Name", "Ada", "a@example.com", Fixture.password, "username"),
            ("ada", "Ada\u{1B}", "a@example.com", Fixture.password, "display_name"),
            ("ada", "Ada", "not-an-email", Fixture.password, "email"),
            ("ada", "Ada", "a@example.com", "short", "password"),
        ]
        for (username, name, email, password, field) in cases {
            let error = coreError {
                _ = try f.service.signUp(username: username, displayName: name, email: email, password: password, source: .tui)
            }
            #expect(error?.kind == .invalid)
            #expect(error?.field == field)
        }
    }

    @Test("unknown user and wrong password give the same message")
    func genericFailure() throws {
        let f = try Fixture()
        try f.user("ada")
        let wrong = coreError { _ = try f.service.signIn(login: "ada", password: "nope-nope", source: .tui) }
        let unknown = coreError { _ = try f.service.signIn(login: "nobody", password: "nope-nope", source: .tui) }
        #expect(wrong == CoreError.notAuthenticated("wrong username or password"))
        #expect(unknown == wrong)
        let failures = try f.auditActions().filter { $0.action == "user.signin_failed" }
        #expect(failures.count == 2)
        #expect(failures.allSatisfy { $0.outcome == "denied" })
    }

    @Test("ten failures lock the account for ten minutes; the clock unlocks it")
    func lockout() throws {
        let f = try Fixture()
        try f.user("ada")
        for attempt in 1...9 {
            let error = coreError { _ = try f.service.signIn(login: "ada", password: "wrong-\(attempt)", source: .tui) }
            #expect(error?.message == "wrong username or password")
        }
        let tenth = coreError { _ = try f.service.signIn(login: "ada", password: "wrong-10", source: .tui) }
        #expect(tenth?.kind == .notAuthenticated)
        #expect(tenth?.message.contains("account locked for 10 more minutes") == true)
        #expect(try f.lastAudit()?.action == "user.locked")

        // Even the right password is refused while locked, and the message counts down.
        f.clock.advance(61)
        let locked = coreError { _ = try f.service.signIn(login: "ada", password: Fixture.password, source: .tui) }
        #expect(locked?.message.hasPrefix("account locked for 9 more minutes") == true)

        f.clock.advance(9 * 60)
        #expect(try f.service.signIn(login: "ada", password: Fixture.password, source: .tui).user.username == "ada")
    }

    @Test("a successful sign-in resets the failure counter")
    func resetCounter() throws {
        let f = try Fixture()
        try f.user("ada")
        for _ in 1...9 { _ = coreError { _ = try f.service.signIn(login: "ada", password: "wrong-pass", source: .tui) } }
        _ = try f.service.signIn(login: "ada", password: Fixture.password, source: .tui)
        for _ in 1...9 { _ = coreError { _ = try f.service.signIn(login: "ada", password: "wrong-pass", source: .tui) } }
        #expect(try f.service.signIn(login: "ada", password: Fixture.password, source: .tui).user.username == "ada")
    }

    @Test("passwords are stored as one self-describing PBKDF2 string, never in clear")
    func storedHash() throws {
        let f = try Fixture()
        try f.user("ada")
        let stored = try f.raw { db in try String.fetchOne(db, sql: "SELECT password_hash FROM users WHERE username = 'ada'") }
        let parts = try #require(stored).split(separator: "$")
        #expect(parts.count == 4)
        #expect(parts[0] == "pbkdf2-sha256")
        #expect(parts[1] == "\(Fixture.rounds)")
        #expect(Data(base64Encoded: String(parts[2]))?.count == 16)
        #expect(Data(base64Encoded: String(parts[3]))?.count == 32)
        #expect(stored?.contains(Fixture.password) == false)
    }

    @Test("a hash made with other rounds is upgraded at sign-in")
    func rehash() throws {
        let f = try Fixture()
        try f.user("ada")
        let old = try PasswordHasher(rounds: 500).hash(Fixture.password)
        try f.raw { db in try db.execute(sql: "UPDATE users SET password_hash = ? WHERE username = 'ada'", arguments: [old]) }
        _ = try f.service.signIn(login: "ada", password: Fixture.password, source: .tui)
        let stored = try f.raw { db in try String.fetchOne(db, sql: "SELECT password_hash FROM users WHERE username = 'ada'") }
        #expect(stored?.hasPrefix("pbkdf2-sha256$\(Fixture.rounds)$") == true)
        #expect(stored != old)
    }

    @Test("the hasher: right, wrong, malformed, and constant-time compare")
    func hasher() throws {
        let hasher = PasswordHasher(rounds: 1_000)
        let hash = try hasher.hash("s3cret-pass")
        #expect(hasher.verify("s3cret-pass", against: hash) == .right(needsRehash: false))
        #expect(hasher.verify("s3cret-pasS", against: hash) == .wrong)
        #expect(hasher.verify("s3cret-pass", against: "garbage") == .wrong)
        #expect(PasswordHasher(rounds: 2_000).verify("s3cret-pass", against: hash) == .right(needsRehash: true))
        #expect(try hasher.hash("same") != hasher.hash("same"))  // fresh salt each time
        #expect(PasswordHasher.constantTimeEqual([1, 2, 3], [1, 2, 3]))
        #expect(!PasswordHasher.constantTimeEqual([1, 2, 3], [1, 2, 4]))
        #expect(!PasswordHasher.constantTimeEqual([1, 2], [1, 2, 3]))
    }

    @Test("production rounds default to 600,000")
    func defaultRounds() {
        #expect(OrgService.Options().passwordRounds == 600_000)
    }
}

@Suite("Password change") struct PasswordChangeCoreTests {
    @Test("needs the current password, audits both outcomes")
    func changePassword() throws {
        let service = try OrgService.inMemory(options: .init(passwordRounds: 1_000))
        _ = try service.signUp(username: "ada", displayName: "Ada", email: "ada@example.com", password: "first-password", source: .cli)
        let session = try service.signIn(login: "ada", password: "first-password", source: .tui)
        #expect(throws: CoreError.invalid("current", "the current password is wrong")) {
            try service.changePassword(session, current: "nope-nope", new: "second-password")
        }
        #expect(throws: CoreError.invalid("new", "the new password must differ from the current one")) {
            try service.changePassword(session, current: "first-password", new: "first-password")
        }
        #expect((try? service.changePassword(session, current: "first-password", new: "short")) == nil)
        try service.changePassword(session, current: "first-password", new: "second-password")
        #expect(throws: CoreError.self) { try service.signIn(login: "ada", password: "first-password", source: .tui) }
        _ = try service.signIn(login: "ada", password: "second-password", source: .tui)
        let actions = try service.auditEntries(session, in: .personal, offset: 0, limit: 50).items
            .filter { $0.action == "user.password_change" }.map(\.outcome)
        #expect(actions.sorted() == ["denied", "ok"])
        guard case .intact = try service.verifyAudit() else { Issue.record("audit chain broken"); return }
    }
}
