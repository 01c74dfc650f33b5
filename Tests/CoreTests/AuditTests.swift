import Foundation
import GRDB
import Testing
@testable import OrgdeckCore

@Suite("Audit log")
struct AuditTests {
    @Test("each change appends its entry")
    func entryPerChange() throws {
        let f = try Fixture()
        let (admin, _) = try f.organization()
        let org = Context.organization("acme")
        let before = try f.auditActions().count
        let app = try f.service.createApp(admin, in: org, id: "a", name: "A", description: "")
        _ = try f.service.updateApp(admin, in: org, id: "a", name: "A2", description: "", expectedVersion: app.version)
        try f.service.setPinned(admin, in: org, id: "a", pinned: true)
        _ = try f.service.duplicateApp(admin, in: org, id: "a", newID: "b", newName: nil)
        try f.service.deleteApp(admin, in: org, id: "b")
        let token = try f.service.createToken(admin, description: "", scopes: [], expiresInDays: 90)
        try f.service.revokeToken(admin, id: token.info.id)
        let actions = try f.auditActions().dropFirst(before).map(\.action)
        #expect(actions == ["app.create", "app.update", "app.pin", "app.duplicate", "app.delete", "token.create", "token.revoke"])
        #expect(try f.auditActions().prefix(before).map(\.action).contains("member.add"))
    }

    @Test("entries carry when, who, what, target, source and outcome")
    func fields() throws {
        let f = try Fixture()
        let ada = try f.user("ada", source: .cli)
        _ = try f.service.createApp(ada, in: .personal, id: "x", name: "X", description: "")
        let page = try f.service.auditEntries(ada, in: .personal, offset: 0, limit: 10)
        let entry = try #require(page.items.first)
        #expect(entry.action == "app.create")
        #expect(entry.actor == "ada")
        #expect(entry.target == "x")
        #expect(entry.source == .cli)
        #expect(entry.outcome == "ok")
        #expect(entry.at == f.clock.now)
        #expect(entry.hash.count == 64)
        #expect(page.items.map(\.id) == page.items.map(\.id).sorted(by: >))  // newest first
        #expect(page.total == 3)  // signup, sign-in, create
    }

    @Test("the database refuses UPDATE and DELETE on the log")
    func appendOnly() throws {
        let f = try Fixture()
        try f.user("ada")
        for sql in ["UPDATE audit_log SET actor = 'mallory'", "DELETE FROM audit_log"] {
            #expect(throws: DatabaseError.self) { try f.raw { db in try db.execute(sql: sql) } }
            do {
                try f.raw { db in try db.execute(sql: sql) }
            } catch let error as DatabaseError {
                #expect(error.message == "audit log is append-only")
            }
        }
        #expect(try f.auditActions().map(\.actor) == ["ada", "ada"])
    }

    @Test("verify walks an intact chain, and catches a tampered row")
    func verifyTamper() throws {
        let f = try Fixture()
        let ada = try f.user("ada")
        for i in 0..<5 { _ = try f.service.createApp(ada, in: .personal, id: "app-\(i)", name: "App \(i)", description: "") }
        #expect(try f.service.verifyAudit() == .intact(entries: 7, notes: []))

        try f.raw { db in
            try db.execute(sql: "DROP TRIGGER audit_log_no_update")
            try db.execute(sql: "UPDATE audit_log SET target = 'forged' WHERE id = 3")
        }
        guard case .broken(let id, let reason) = try f.service.verifyAudit() else {
            Issue.record("tampering went unnoticed"); return
        }
        #expect(id == 3)
        #expect(reason.contains("hash"))
    }

    @Test("verify catches a deleted row and a re-hashed row")
    func verifyDeleteAndRehash() throws {
        let f = try Fixture()
        let ada = try f.user("ada")
        for i in 0..<4 { _ = try f.service.createApp(ada, in: .personal, id: "app-\(i)", name: "App", description: "") }
        try f.raw { db in
            try db.execute(sql: "DROP TRIGGER audit_log_no_delete")
            try db.execute(sql: "DELETE FROM audit_log WHERE id = 2")
        }
        #expect(try f.service.verifyAudit() == .broken(entryID: 3, reason: "entries 2…2 are missing"))

        let g = try Fixture()
        let bob = try g.user("bob")
        for i in 0..<3 { _ = try g.service.createApp(bob, in: .personal, id: "app-\(i)", name: "App", description: "") }
        // A forger who recomputes the edited entry's own hash still breaks the next link.
        try g.raw { db in
            try db.execute(sql: "DROP TRIGGER audit_log_no_update")
            var entry = try #require(try Row.fetchOne(db, sql: "SELECT * FROM audit_log WHERE id = 2"))
            let edited = AuditEntry(id: 2, at: Date(timeIntervalSince1970: entry["at"]), actor: "mallory", organizationID: nil, action: entry["action"],
                                    target: entry["target"], details: entry["details"], source: .tui, outcome: "ok",
                                    previousHash: entry["prev_hash"], hash: "")
            let forged = AuditChain.hash(of: edited)
            try db.execute(sql: "UPDATE audit_log SET actor = 'mallory', hash = ? WHERE id = 2", arguments: [forged])
            entry = try #require(try Row.fetchOne(db, sql: "SELECT * FROM audit_log WHERE id = 2"))
            #expect(entry["hash"] as String == forged)
        }
        // Its seal, which needs the key kept outside the file, gives it away first.
        #expect(try g.service.verifyAudit() == .broken(entryID: 2, reason: "its seal does not match (forged or rewritten)"))
    }

    @Test("Admins see the organization's entries; others only their own")
    func visibility() throws {
        let f = try Fixture()
        let (admin, members) = try f.organization()
        let org = Context.organization("acme")
        let contributor = members[.orgContributor]!
        _ = try f.service.createApp(contributor, in: org, id: "by-oc", name: "", description: "")
        _ = try f.service.createApp(admin, in: org, id: "by-admin", name: "", description: "")
        _ = coreError { _ = try f.service.createApp(members[.orgUser]!, in: org, id: "by-ou", name: "", description: "") }

        let adminView = try f.service.auditEntries(admin, in: org, offset: 0, limit: 100).items
        #expect(Set(adminView.compactMap(\.actor)) == ["admin", "orgcontributor", "orguser"])
        #expect(adminView.first?.outcome == "denied")
        let ocView = try f.service.auditEntries(contributor, in: org, offset: 0, limit: 100).items
        #expect(ocView.map(\.actor) == ["orgcontributor"])
        #expect(ocView.map(\.target) == ["by-oc"])
        let outsider = try f.user("outsider")
        #expect(coreError { _ = try f.service.auditEntries(outsider, in: org, offset: 0, limit: 10) }?.kind == .notFound)
        let window = try f.service.auditEntries(admin, in: org, offset: 1, limit: 2)
        #expect(window.items.map(\.id) == Array(adminView.dropFirst().prefix(2)).map(\.id))
        #expect(window.total == adminView.count)
    }

    @Test("a denial persists although the operation rolled back")
    func denialPersists() throws {
        let f = try Fixture()
        let (_, members) = try f.organization()
        let ou = members[.orgUser]!
        let error = coreError { try f.service.deleteApp(ou, in: .organization("acme"), id: "whatever") }
        #expect(error?.kind == .forbidden)
        let last = try #require(try f.service.auditEntries(ou, in: .organization("acme"), offset: 0, limit: 1).items.first)
        #expect(last.action == "app.delete")
        #expect(last.outcome == "denied")
        #expect(last.target == "whatever")
        #expect(try f.service.verifyAudit() == .intact(entries: try f.auditActions().count, notes: []))
    }

    @Test("what a refused member typed is stored visible and bounded, never raw")
    func hostileTargetsAreStoredVisible() throws {
        let f = try Fixture()
        let (admin, members) = try f.organization()
        let ou = members[.orgUser]!
        let hostile = "app1\u{1B}]0;PWN\u{07}\u{1B}[31mX"
        _ = coreError { try f.service.deleteApp(ou, in: .organization("acme"), id: hostile) }
        _ = coreError { try f.service.deleteApp(ou, in: .organization("acme"), id: String(repeating: "y", count: 30_000)) }
        let entries = try f.service.auditEntries(admin, in: .organization("acme"), offset: 0, limit: 2).items
        #expect(entries[1].target == "app1<U+001B ESC>]0;PWN<U+0007 BEL><U+001B ESC>[31mX")
        #expect(entries[0].target.count == 256 && entries[0].target.contains("…"))
        #expect(!entries.contains { $0.target.unicodeScalars.contains { Validation.isControl($0) } })
        #expect(try f.service.verifyAudit() == .intact(entries: try f.auditActions().count, notes: []))
    }
}
