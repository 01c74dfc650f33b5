import Foundation
import GRDB
import Testing
@testable import OrgdeckCore

/// The audit log against someone who can run any SQL on the file but does not hold the key
/// file: every statement form that overwrites, truncation, a forged tail, a rewritten chain.
@Suite("Audit log: append-only, sealed and anchored")
struct AuditSealTests {
    /// A database file with its key and anchors in a folder of their own.
    struct World {
        let path: String
        let key: AuditKeyLocation
        let service: OrgService
        let session: Session

        init() throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("orgdeck-seal-\(UUID().uuidString)")
            path = folder.appendingPathComponent("db/orgdeck.sqlite").path
            key = AuditKeyLocation(keyFile: folder.appendingPathComponent("keys/audit.key").path,
                                   anchorDirectory: folder.appendingPathComponent("keys/audit-anchors").path)
            service = try OrgService.open(path: path, options: .init(passwordRounds: Fixture.rounds, auditKey: key))
            _ = try service.signUp(username: "ada", displayName: "Ada", email: "ada@example.com", password: Fixture.password, source: .cli)
            session = try service.signIn(login: "ada", password: Fixture.password, source: .cli)
            for i in 0..<4 { _ = try service.createApp(session, in: .personal, id: "app-\(i)", name: "App \(i)", description: "") }
        }

        /// SQL as an attacker runs it, on a connection of their own.
        func tamper(_ sql: String, _ arguments: StatementArguments = []) throws {
            let queue = try DatabaseQueue(path: path)
            try queue.writeWithoutTransaction { db in try db.execute(sql: sql, arguments: arguments) }
        }

        func entries() throws -> Int { try service.store.withRawConnection { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_log") ?? 0 } }
    }

    @Test("the key file is created 0600 on first use; a fresh log verifies with no notes")
    func intact() throws {
        let world = try World()
        let mode = try FileManager.default.attributesOfItem(atPath: world.key.keyFile)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try world.service.verifyAudit() == .intact(entries: try world.entries(), notes: []))
    }

    @Test("INSERT OR REPLACE, REPLACE and an upsert cannot overwrite an entry, with the triggers in place")
    func replaceIsRefused() throws {
        let world = try World()
        let columns = "id, at, action, source, outcome, prev_hash, hash"
        for statement in [
            "INSERT OR REPLACE INTO audit_log (\(columns)) VALUES (2, 0, 'forged', 'cli', 'ok', '', '')",
            "REPLACE INTO audit_log (\(columns)) VALUES (2, 0, 'forged', 'cli', 'ok', '', '')",
            "INSERT INTO audit_log (\(columns)) VALUES (2, 0, 'forged', 'cli', 'ok', '', '') ON CONFLICT (id) DO UPDATE SET action = 'forged'",
            "INSERT INTO audit_log (\(columns)) VALUES (NULL, 0, 'forged', 'cli', 'ok', '', '')",
            "INSERT INTO audit_log (\(columns)) VALUES (99, 0, 'forged', 'cli', 'ok', '', '')",
        ] {
            #expect(throws: DatabaseError.self, "\(statement)") { try world.tamper(statement) }
        }
        #expect(try world.service.verifyAudit() == .intact(entries: try world.entries(), notes: []))
    }

    @Test("deleting the newest entries with the triggers dropped is reported as a truncation")
    func truncation() throws {
        let world = try World()
        let count = try world.entries()
        try world.tamper("DROP TRIGGER audit_log_no_delete")
        try world.tamper("DELETE FROM audit_log WHERE id > ?", [count - 2])
        #expect(try world.service.verifyAudit() == .broken(entryID: Int64(count - 1), reason:
            "entries \(count - 1)…\(count) are missing: the anchor outside the database records entry \(count) (the log was truncated)"))
    }

    @Test("a forged entry appended with a correct chain hash is reported")
    func forgedTail() throws {
        let world = try World()
        try world.tamper("DROP TRIGGER audit_log_append_in_order")
        let last = try world.service.store.withRawConnection { db in
            try #require(try Row.fetchOne(db, sql: "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1"))
        }
        let id: Int64 = last["id"]
        var forged = AuditEntry(id: id + 1, at: Date(timeIntervalSince1970: 1_800_000_000), actor: "ada", organizationID: nil,
                                action: "org.create", target: "evil", details: "", source: .cli, outcome: "ok",
                                previousHash: last["hash"], hash: "")
        forged.hash = AuditChain.hash(of: forged)
        try world.tamper("""
            INSERT INTO audit_log (id, at, actor, action, target, details, source, outcome, prev_hash, hash, key_id, seal)
            VALUES (?, ?, 'ada', 'org.create', 'evil', '', 'cli', 'ok', ?, ?, 'deadbeefdeadbeef', ?)
            """, [forged.id, forged.at.timeIntervalSince1970, forged.previousHash, forged.hash, String(repeating: "0", count: 64)])
        guard case .broken(let entry, _) = try world.service.verifyAudit() else { Issue.record("forged tail not reported"); return }
        #expect(entry == id + 1)
        // Without a seal at all it reads as written outside orgdeck.
        try world.tamper("DROP TRIGGER audit_log_no_update")
        try world.tamper("UPDATE audit_log SET key_id = NULL, seal = NULL WHERE id = ?", [forged.id])
        #expect(try world.service.verifyAudit() == .broken(entryID: id + 1, reason:
            "it is not sealed although entry 1 and later ones are (written outside orgdeck)"))
    }

    @Test("a chain rewritten from entry 3 on, every hash recomputed, is reported at entry 3")
    func rewrittenChain() throws {
        let world = try World()
        try world.tamper("DROP TRIGGER audit_log_no_update")
        let rows = try world.service.store.withRawConnection { db in try Row.fetchAll(db, sql: "SELECT * FROM audit_log ORDER BY id") }
        var previous: String = rows[1]["hash"]
        for row in rows.dropFirst(2) {
            var entry = AuditEntry(id: row["id"], at: Date(timeIntervalSince1970: row["at"]), actor: "mallory",
                                   organizationID: row["organization_id"], action: row["action"], target: row["target"],
                                   details: row["details"], source: .cli, outcome: row["outcome"], previousHash: previous, hash: "")
            entry.hash = AuditChain.hash(of: entry)
            try world.tamper("UPDATE audit_log SET actor = 'mallory', source = 'cli', prev_hash = ?, hash = ? WHERE id = ?",
                             [entry.previousHash, entry.hash, entry.id])
            previous = entry.hash
        }
        #expect(try world.service.verifyAudit() == .broken(entryID: 3, reason: "its seal does not match (forged or rewritten)"))
        // Stripping every seal as well leaves the anchor, which no longer matches the head.
        try world.tamper("UPDATE audit_log SET key_id = NULL, seal = NULL")
        #expect(try world.service.verifyAudit() == .broken(entryID: Int64(rows.count), reason:
            "it differs from the entry anchored outside the database (the log was rewritten)"))
    }

    @Test("without the key file the sealed log cannot be vouched for, and verify says why")
    func missingKey() throws {
        let world = try World()
        try FileManager.default.removeItem(atPath: world.key.keyFile)
        let reopened = try OrgService.open(path: world.path, options: .init(passwordRounds: Fixture.rounds, auditKey: world.key))
        #expect(try reopened.verifyAudit() == .broken(entryID: 1, reason:
            "it is sealed but the audit key \(world.key.keyFile) is missing: restore the key file to check the log"))
        #expect(!FileManager.default.fileExists(atPath: world.key.keyFile), "verifying never creates a key")
    }

    @Test("a change made with another key, or with none at hand, is refused and seals nothing; the key is not created")
    func anotherKeyIsRefused() throws {
        let world = try World()
        let before = try world.entries()
        let folder = (world.key.keyFile as NSString).deletingLastPathComponent + "/../other"
        let other = AuditKeyLocation(keyFile: folder + "/audit.key", anchorDirectory: folder + "/audit-anchors")
        let elsewhere = try OrgService.open(path: world.path, options: .init(passwordRounds: Fixture.rounds, auditKey: other))
        func create() throws { _ = try elsewhere.createApp(world.session, in: .personal, id: "late", name: "Late", description: "") }
        let missing = try #require(coreError(create))
        #expect(missing.message.hasPrefix("nothing was changed: this database's audit log is sealed with key ")
                && missing.message.contains("(there is no key file there)") && missing.message.contains("ORGDECK_AUDIT_KEY"), "\(missing.message)")
        #expect(!FileManager.default.fileExists(atPath: other.keyFile), "no key is made up for a sealed log")
        // A key of its own, made for another database: refused the same way.
        let fresh = try OrgService.open(path: folder + "/fresh.sqlite", options: .init(passwordRounds: Fixture.rounds, auditKey: other))
        _ = try fresh.signUp(username: "bea", displayName: "Bea", email: "bea@example.com", password: Fixture.password, source: .cli)
        #expect(coreError(create)?.message.contains("(the key there is ") == true)
        #expect(try world.entries() == before && (try? world.service.app(world.session, in: .personal, id: "late")) == nil,
                "the change and its entry were both rolled back")
        #expect(try world.service.verifyAudit() == .intact(entries: before, notes: []), "the log still verifies")
        // Adopting a new key is a deliberate step, and verify then says where the key changed.
        var adopting = other
        adopting.adoptNewKey = true
        let adopted = try OrgService.open(path: world.path, options: .init(passwordRounds: Fixture.rounds, auditKey: adopting))
        _ = try adopted.createApp(world.session, in: .personal, id: "late", name: "Late", description: "")
        guard case .broken(let entry, let reason) = try world.service.verifyAudit() else { Issue.record("a key change is reported"); return }
        #expect(entry == Int64(before + 1) && reason.hasPrefix("it is sealed with another key"))
    }

    @Test("a copy of the file elsewhere has no anchor yet, and says so")
    func copiedFile() throws {
        let world = try World()
        let copy = (world.path as NSString).deletingLastPathComponent + "/copy.sqlite"
        _ = try world.service.store.withRawConnection { db in try db.execute(sql: "VACUUM INTO ?", arguments: [copy]) }
        let service = try OrgService.open(path: copy, options: .init(passwordRounds: Fixture.rounds, auditKey: world.key))
        guard case .intact(_, let notes) = try service.verifyAudit() else { Issue.record("a copy is intact"); return }
        #expect(notes == ["no anchor for this file yet (new path or copied file): a truncation before now cannot be ruled out"])
    }
}
