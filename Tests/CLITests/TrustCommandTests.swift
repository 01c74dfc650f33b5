import Foundation
import GRDB
import OrgdeckCore
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The trust holes as seen from outside: the built binary against real database files.
@Suite struct TrustCommandTests {
    @Test func bidiAndSeparatorsInDataAreShownVisiblyAndEscapedInJSON() throws {
        let org = try AdminDatabase.get().organization()
        let id = uniqueID("bidi")
        let refused = try org.run(["apps", "create", id, "--name", "invoice\u{202E}gnp.exe"])
        #expect(refused.status == 7 && refused.stderr.contains("the direction control U+202E (at position 8)"), "\(refused)")
        // A name stored before overrides were refused (or written around orgdeck) is still shown safely.
        let created = try org.run(["apps", "create", id, "--name", "invoice"])
        #expect(created.status == 0, "\(created)")
        try Self.patient(AdminDatabase.get().path).writeWithoutTransaction { db in
            try db.execute(sql: "UPDATE apps SET name = ? WHERE app_id = ?", arguments: ["invoice\u{202E}gnp.exe", id])
        }
        let list = try org.run(["apps", "list"])
        #expect(list.stdout.contains("invoice<U+202E>gnp.exe"), "\(list)")
        #expect(!list.stdout.unicodeScalars.contains("\u{202E}"))
        let json = try org.run(["apps", "show", id, "--json"])
        #expect(json.stdout.contains("invoice\\u202egnp.exe"), "\(json)")
        let missing = try org.run(["apps", "show", "a\u{2028}b"])
        #expect(missing.stderr.contains("<U+2028>") && !missing.stderr.unicodeScalars.contains("\u{2028}"), "\(missing)")
    }

    @Test func aDamagedRowIsAClearErrorWithoutSecrets() throws {
        let db = try AdminDatabase.get()
        let person = try db.user("dmg")
        // The shared database is written by other tests at the same time: wait for their locks.
        try Self.patient(db.path).writeWithoutTransaction { db in
            try db.execute(sql: "UPDATE users SET created_at = 'tuesday' WHERE id = ?", arguments: [person.user.id])
        }
        let result = try db.run(["orgs", "list"], as: person)
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr == "error: the database is damaged: users row \(person.user.id), column created_at\n")
        #expect(!result.stderr.contains("pbkdf2"))
    }

    /// A connection to a database other tests use too, waiting for their locks instead of failing.
    static func patient(_ path: String) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        return try DatabaseQueue(path: path, configuration: configuration)
    }

    /// A database of its own with one user and a token, made by the core at low cost.
    static func privateDatabase(_ name: String) throws -> (path: String, token: String) {
        let path = Workspace.newDatabasePath(name)
        let service = try Workspace.service(at: path)
        let user = try service.signUp(username: "ada", displayName: "Real Ada", email: "ada@real.example",
                                      password: SharedDatabase.password, source: .cli)
        let token = try service.createToken(Session(user: user, source: .cli), description: "t", scopes: [], expiresInDays: 9)
        return (path, token.secret)
    }

    @Test func readsSucceedWhileAnotherProcessHoldsTheWriteLock() throws {
        let (path, token) = try Self.privateDatabase("lock")
        var lockerConfig = Configuration()
        lockerConfig.allowsUnsafeTransactions = true  // it holds the write lock across calls, as another process would
        let locker = try DatabaseQueue(path: path, configuration: lockerConfig)
        try locker.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }
        defer { try? locker.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") } }
        let list = try CLI.run(["apps", "list", "--json", "--db", path], token: token)
        #expect(list.status == 0, "\(list)")
        let orgs = try CLI.run(["orgs", "list", "--db", path], token: token)
        #expect(orgs.status == 0, "\(orgs)")
    }

    @Test func eightProcessesRenamingOneAppBlindlyAllSucceed() throws {
        let org = try AdminDatabase.get().organization()
        let id = uniqueID("blind")
        #expect(try org.run(["apps", "create", id]).status == 0)
        let outcomes = Outcomes()
        DispatchQueue.concurrentPerform(iterations: 8) { i in
            let result = try? org.run(["apps", "rename", id, "Name \(i)"])
            outcomes.add(result.map { "\($0.status) \($0.stderr)" } ?? "did not run")
        }
        #expect(outcomes.all == Array(repeating: "0 ", count: 8))
        let shown = try #require(try org.run(["apps", "show", id, "--json"]).object)
        #expect(shown["version"] as? Int == 9)
    }

    @Test func updateChangesTheGivenFieldsAndRefusesAStaleVersion() throws {
        let org = try AdminDatabase.get().organization()
        let id = uniqueID("upd")
        #expect(try org.run(["apps", "create", id, "--description", "old"]).status == 0)
        let updated = try #require(try org.run(["apps", "update", id, "--description", "new", "--json"]).object)
        #expect(updated["description"] as? String == "new" && updated["name"] as? String == id)
        let stale = try org.run(["apps", "update", id, "--name", "X", "--version", "1", "--json"])
        #expect(stale.status == 6, "\(stale)")
        #expect(stale.errorObject?["message"] as? String == "changed by someone else; reload and try again")
        #expect(try org.run(["apps", "update", id, "--name", "X", "--version", "2"]).status == 0)
        #expect(try org.run(["apps", "update", id]).status == 2)
    }

    @Test func orgsListTeamsShowAndOneTokenShape() throws {
        let org = try AdminDatabase.get().organization()
        let listed = try #require(try org.run(["orgs", "list", "--json"]).array)
        #expect(listed.map { $0["id"] as? String } == [org.id])
        let team = try org.team()
        let shown = try #require(try org.run(["teams", "show", team, "--json"]).object)
        #expect(shown["id"] as? String == team)
        #expect(try org.run(["teams", "show", "no-such-team"]).status == 5)

        let created = try #require(try CLI.run(["tokens", "create", "--user", org.admin.username, "--password-stdin",
                                                 "--scope", "apps:read", "--json", "--db", org.database.path],
                                                stdin: SharedDatabase.password + "\n").object)
        let tokens = try #require(try org.run(["tokens", "list", "--json"]).array)
        let listedToken = try #require(tokens.first { $0["id"] as? String == created["id"] as? String })
        #expect(Set(created.keys) == Set(listedToken.keys).union(["token"]))
        #expect(created["scopes"] as? [String] == ["apps:read"] && listedToken["scopes"] as? [String] == ["apps:read"])
        let id = try #require(created["id"] as? String)
        #expect(try org.run(["tokens", "revoke", id]).stdout == "revoked \(id)\n")
        let again = try org.run(["tokens", "revoke", id])
        #expect(again.status == 0 && again.stdout.hasPrefix("\(id) was already revoked on "), "\(again)")
    }

    @Test func aTokenForAnotherDatabaseHintsAtTheFlagAndCreatesNothing() throws {
        let org = try AdminDatabase.get().organization()
        let elsewhere = Workspace.newDatabasePath("nowhere")
        let missing = try CLI.run(["apps", "list", "--db", elsewhere], token: org.admin.token)
        #expect(missing.status == 3, "\(missing)")
        #expect(missing.stderr == "error: no database at \(elsewhere): check --db or ORGDECK_DB\n")
        #expect(!FileManager.default.fileExists(atPath: elsewhere), "a failed sign-in creates no database")
        let other = Workspace.newDatabasePath("other")
        _ = try Workspace.service(at: other)
        let unknown = try CLI.run(["apps", "list", "--db", other], token: org.admin.token)
        #expect(unknown.status == 3)
        #expect(unknown.stderr == "error: unknown token: \(other) holds no such token (check --db or ORGDECK_DB)\n")
        let noUser = try CLI.run(["tokens", "create", "--user", "x", "--password-stdin", "--db", elsewhere], stdin: "pw\n")
        #expect(noUser.status == 3 && !FileManager.default.fileExists(atPath: elsewhere), "\(noUser)")
    }

    @Test func passwordsFromStdinAreBytesKeptWhole() throws {
        let path = Workspace.newDatabasePath("pw")
        func signup(_ name: String, _ bytes: [UInt8]) throws -> RunResult {
            try CLI.run(["signup", "--db", path, "--username", name, "--email", "\(name)@example.com", "--name", name,
                         "--password-stdin"], input: Data(bytes))
        }
        func token(_ name: String, _ bytes: [UInt8]) throws -> RunResult {
            try CLI.run(["tokens", "create", "--db", path, "--user", name, "--password-stdin"], input: Data(bytes))
        }
        let invalid = try signup("bytes", Array("secret-pass".utf8) + [0xFF, 0x0A])
        #expect(invalid.status == 7, "\(invalid)")
        #expect(invalid.stderr == "error: the password from stdin is not valid UTF-8 text\n")
        #expect(try signup("crs", Array("secret-pass\r\r\n".utf8)).status == 0)
        #expect(try token("crs", Array("secret-pass\r\n".utf8)).status == 3, "the inner CR belongs to the password")
        #expect(try token("crs", Array("secret-pass\r\r\n".utf8)).status == 0)
        #expect(try signup("nfc", Array("cafe\u{0301}-latte\n".utf8)).status == 0)
        #expect(try token("nfc", Array("caf\u{00E9}-latte".utf8)).status == 0, "compared in NFC, no line ending needed")
    }

    @Test func demoRefusesADatabaseItDidNotCreateAndChangesNothing() throws {
        let (path, _) = try Self.privateDatabase("real")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let result = try CLI.run(["demo", "--db", path])
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr == "error: \(path) was not created by orgdeck demo, so it is not opened without a password: "
                + "open it with 'orgdeck --db \(path)' and sign in\n")
        #expect(try CLI.run(["demo", "--reset", "--db", path]).status == 2)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        let service = try Workspace.service(at: path)
        #expect(try service.user(username: "ada").displayName == "Real Ada")
        #expect(throws: CoreError.self) { try service.user(username: "hedy") }
    }

    @Test func eightWritersLoseNoLogLine() throws {
        let home = Workspace.home.appendingPathComponent("log-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let path = home.appendingPathComponent("db.sqlite").path
        let service = try Workspace.service(at: path, home: home)
        let user = try service.signUp(username: "ada", displayName: "Ada", email: "ada@example.com",
                                      password: SharedDatabase.password, source: .cli)
        let token = try service.createToken(Session(user: user, source: .cli), description: "t", scopes: [], expiresInDays: 9)
        let failures = Outcomes()
        DispatchQueue.concurrentPerform(iterations: 8) { writer in
            for i in 0..<20 {
                let result = try? CLI.run(["apps", "create", "w\(writer)-\(i)", "--db", path], token: token.secret, home: home)
                if result?.status != 0 { failures.add("\(String(describing: result))") }
            }
        }
        #expect(failures.all.isEmpty, "\(failures.all)")
        let log = try String(contentsOfFile: home.appendingPathComponent("state/orgdeck/orgdeck.log").path, encoding: .utf8)
        let lines = log.split(separator: "\n")
        #expect(lines.filter { $0.contains(" info opened database ") }.count == 160)
        #expect(lines.allSatisfy { $0.hasPrefix("20") && $0.contains("Z ") }, "every line whole")
    }

    @Test func wideDatabasePermissionsAreTightenedAndSaidOnce() throws {
        let folder = Workspace.home.appendingPathComponent("wide-\(UUID().uuidString.prefix(8))/orgdeck").path
        let path = folder + "/orgdeck.sqlite"
        let signup = try CLI.run(["signup", "--db", path, "--username", "w", "--email", "w@example.com", "--name", "W",
                                  "--password-stdin"], stdin: "wide open door\n")
        #expect(signup.status == 0 && signup.stderr.isEmpty, "\(signup)")
        chmod(path, 0o666)
        chmod(folder, 0o755)
        let first = try CLI.run(["audit", "verify", "--db", path])
        #expect(first.stderr == "orgdeck: made the folder \(folder) private: mode 0755 → 0700\n"
                + "orgdeck: made the file \(path) private: mode 0666 → 0600\n", "\(first)")
        #expect(try CLI.run(["audit", "verify", "--db", path]).stderr.isEmpty)
    }

    @Test func auditVerifyReportsATruncatedLog() throws {
        let db = try AdminDatabase.get()
        let org = try db.organization()
        #expect(try org.run(["apps", "create", uniqueID("tr")]).status == 0)
        let count = try Self.patient(db.path).writeWithoutTransaction { db in try Int.fetchOne(db, sql: "SELECT MAX(id) FROM audit_log") ?? 0 }
        let copy = Workspace.newDatabasePath("trunc")
        _ = try Self.patient(db.path).writeWithoutTransaction { db in try db.execute(sql: "VACUUM INTO ?", arguments: [copy]) }
        #expect(try CLI.run(["audit", "verify", "--db", copy]).status == 0, "a fresh copy verifies")
        #expect(try CLI.run(["apps", "create", uniqueID("tr"), "--db", copy], token: org.admin.token).status == 0)
        let queue = try DatabaseQueue(path: copy)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "DROP TRIGGER audit_log_no_delete")
            try db.execute(sql: "DELETE FROM audit_log WHERE id > ?", arguments: [count])
        }
        let result = try CLI.run(["audit", "verify", "--db", copy, "--json"])
        #expect(result.status == 1, "\(result)")
        #expect(result.object?["entry_id"] as? Int == count + 1)
    }
}

/// Results gathered from many threads.
final class Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ item: String) { lock.withLock { items.append(item) } }
    var all: [String] { lock.withLock { items } }
}
