import Foundation
import GRDB
import Testing
@testable import OrgdeckCore

/// The holes found by attacking orgdeck that live in the core: stale label edits, edits that
/// were not all or nothing, blind changes refused as stale, reads that wrote, hostile text,
/// password forms, demo sign-in on a real database.
@Suite("Trust")
struct TrustTests {
    static let acme = Context.organization("acme")

    @Test("labels are part of the app's version: an edit based on old labels is refused, and loses nothing")
    func staleLabelEdit() throws {
        let f = try Fixture()
        let (admin, _) = try f.organization()
        let seen = try f.service.createApp(admin, in: Self.acme, id: "app", name: "App", description: "")
        // Another console adds a label after this one opened its form.
        _ = try f.service.labelApp(admin, in: Self.acme, id: "app", labels: ["gdpr"])
        let stale = coreError {
            _ = try f.service.updateApp(admin, in: Self.acme, id: "app",
                                        changes: AppChanges(name: "Renamed", labels: ["hipaa"]), expectedVersion: seen.version)
        }
        #expect(stale == .stale)
        let now = try f.service.app(admin, in: Self.acme, id: "app")
        #expect(now.labels == ["gdpr"] && now.name == "App")
        // Two consoles setting different labels from the same version: the second is refused.
        let edited = try f.service.updateApp(admin, in: Self.acme, id: "app", changes: AppChanges(labels: ["gdpr", "pci"]),
                                             expectedVersion: now.version)
        #expect(edited.labels == ["gdpr", "pci"])
        #expect(coreError { _ = try f.service.updateApp(admin, in: Self.acme, id: "app", changes: AppChanges(labels: ["gdpr", "sox"]),
                                                        expectedVersion: now.version) } == .stale)
    }

    @Test("a rename with a label a team requires removed is refused whole: the name stays too")
    func allOrNothing() throws {
        let f = try Fixture()
        let (admin, _) = try f.organization()
        _ = try f.service.createApp(admin, in: Self.acme, id: "app", name: "App", description: "")
        let labelled = try f.service.labelApp(admin, in: Self.acme, id: "app", labels: ["hipaa"])
        _ = try f.service.createTeam(admin, organizationID: "acme", id: "care", name: "Care")
        _ = try f.service.setTeamPolicy(admin, organizationID: "acme", teamID: "care", requiredLabels: ["hipaa"])
        try f.service.addTeamApp(admin, organizationID: "acme", teamID: "care", appID: "app", role: .viewer)
        let error = coreError {
            _ = try f.service.updateApp(admin, in: Self.acme, id: "app", changes: AppChanges(name: "New", labels: []),
                                        expectedVersion: labelled.version)
        }
        #expect(error == .conflict("team care requires hipaa: remove the app from the team first"))
        let app = try f.service.app(admin, in: Self.acme, id: "app")
        #expect(app.name == "App" && app.labels == ["hipaa"] && app.version == labelled.version)
    }

    @Test("eight writers renaming one app blindly all succeed; none is refused as stale")
    func blindRenames() throws {
        let path = StoreTests.tempPath()
        let services = try (0..<8).map { _ in try OrgService.open(path: path, options: StoreTests.options) }
        _ = try services[0].signUp(username: "ada", displayName: "Ada", email: "ada@example.com", password: Fixture.password, source: .cli)
        let ada = try services[0].signIn(login: "ada", password: Fixture.password, source: .cli)
        let app = try services[0].createApp(ada, in: .personal, id: "app", name: "App", description: "")
        let outcomes = Outcomes()
        DispatchQueue.concurrentPerform(iterations: 8) { i in
            let result = coreError {
                _ = try services[i].updateApp(ada, in: .personal, id: "app", changes: AppChanges(name: "Name \(i)"), expectedVersion: nil)
            }
            outcomes.add(result?.message ?? "ok")
        }
        #expect(outcomes.all == Array(repeating: "ok", count: 8))
        #expect(try services[0].app(ada, in: .personal, id: "app").version == app.version + 8)
    }

    @Test("authenticating reads: it succeeds while another connection holds the write lock")
    func readsDoNotWrite() throws {
        let path = StoreTests.tempPath()
        let clock = TestClock()
        var options = StoreTests.options
        options.clock = { clock.now }
        let service = try OrgService.open(path: path, options: options)
        _ = try service.signUp(username: "ada", displayName: "Ada", email: "ada@example.com", password: Fixture.password, source: .cli)
        let ada = try service.signIn(login: "ada", password: Fixture.password, source: .cli)
        let token = try service.createToken(ada, description: "ci", scopes: [], expiresInDays: 30)
        var lockerConfig = Configuration()
        lockerConfig.allowsUnsafeTransactions = true  // it holds the write lock across calls, as another process would
        let locker = try DatabaseQueue(path: path, configuration: lockerConfig)
        try locker.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }
        defer { try? locker.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") } }
        let reader = try OrgService.open(path: path, options: options)
        let session = try reader.authenticate(token: token.secret, source: .cli)
        #expect(try reader.apps(session, in: .personal, query: AppQuery()).total == 0)
        #expect(try reader.tokens(session).first?.lastUsedAt == nil, "the last use waits for a free moment")
    }

    @Test("a token's last use is recorded at most once a minute")
    func lastUseOncePerMinute() throws {
        let f = try Fixture()
        let ada = try f.user("ada")
        let token = try f.service.createToken(ada, description: "ci", scopes: [], expiresInDays: 30)
        _ = try f.service.authenticate(token: token.secret, source: .cli)
        let first = try f.service.tokens(ada).first?.lastUsedAt
        f.clock.advance(30)
        let changes = try f.service.changeToken()
        _ = try f.service.authenticate(token: token.secret, source: .cli)
        #expect(try f.service.changeToken() == changes, "within the minute nothing is written")
        f.clock.advance(31)
        _ = try f.service.authenticate(token: token.secret, source: .cli)
        #expect(try f.service.tokens(ada).first?.lastUsedAt != first)
    }

    @Test("one letter with 60,000 combining marks is not a one-character name; four marks are fine")
    func combiningMarks() throws {
        let zalgo = "a" + String(repeating: "\u{0301}", count: 60_000)
        #expect(coreError { _ = try Validation.name(zalgo) }?.message
            == "name has 60000 combining marks on character 1; at most 4 allowed")
        #expect(try Validation.name("Tiếng Việt ẫ") == "Tiếng Việt ẫ")
        #expect(try Validation.name("e\u{0301}\u{0302}\u{0303}\u{0304}") == "e\u{0301}\u{0302}\u{0303}\u{0304}")
        #expect(try Validation.name("👨🏽‍👩🏽‍👧🏽‍👦🏽 family") == "👨🏽‍👩🏽‍👧🏽‍👦🏽 family")
        #expect(coreError { _ = try Validation.description("line\u{2028}break") }?.message
            == "description must be one line (found separator U+2028 at position 5)")
    }

    @Test("emails refuse bidi controls, separators, soft hyphens and zero-width characters",
          arguments: ["ad\u{202E}a@example.com", "ada@exa\u{2028}mple.com", "a\u{00AD}da@example.com",
                      "a\u{200B}da@example.com", "ada@\u{FEFF}example.com", "ada\u{00A0}@example.com"])
    func hostileEmails(email: String) {
        let error = coreError { _ = try Validation.email(email) }
        #expect(error?.kind == .invalid)
        #expect(error?.message.hasPrefix("an email may not contain the invisible character U+") == true, "\(error?.message ?? "")")
    }

    @Test("passwords are compared in NFC; an old hash of the typed form still signs in and is upgraded")
    func normalizedPasswords() throws {
        let f = try Fixture()
        let composed = "caf\u{00E9} au lait", decomposed = "cafe\u{0301} au lait"
        _ = try f.service.signUp(username: "ada", displayName: "Ada", email: "ada@example.com", password: decomposed, source: .cli)
        #expect(try f.service.signIn(login: "ada", password: composed, source: .cli).user.username == "ada")
        // A hash made before normalisation, of the decomposed bytes.
        let legacy = try PasswordHasher(rounds: Fixture.rounds).hash(decomposed)
        try f.raw { db in try db.execute(sql: "UPDATE users SET password_hash = ?", arguments: [legacy]) }
        #expect(try f.service.signIn(login: "ada", password: decomposed, source: .cli).user.username == "ada")
        let upgraded = try f.raw { db in try String.fetchOne(db, sql: "SELECT password_hash FROM users") }
        #expect(upgraded != legacy)
        #expect(try f.service.signIn(login: "ada", password: composed, source: .cli).user.username == "ada")
    }

    @Test("the demo seeds only an empty database, marks it, and refuses one that holds accounts")
    func demoOnlyOnADemo() throws {
        let real = try Fixture()
        try real.user("ada")
        let before = try real.auditActions().count
        #expect(coreError { _ = try real.service.seedDemo() }?.kind == .conflict)
        #expect(try real.service.isDemo() == false)
        #expect(try real.auditActions().count == before, "nothing was added")
        #expect(coreError { _ = try real.service.user(username: "hedy") }?.kind == .notFound)
        let demo = try Fixture()
        _ = try demo.service.seedDemo()
        #expect(try demo.service.isDemo())
    }
}
