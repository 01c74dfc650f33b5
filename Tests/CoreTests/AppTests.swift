import Foundation
import GRDB
import Testing
@testable import OrgdeckCore

@Suite("Apps")
struct AppTests {
    @Test("create, read, defaults and conflicts")
    func create() throws {
        let f = try Fixture()
        let ada = try f.user("ada")
        let app = try f.service.createApp(ada, in: .personal, id: "Support-Triage", name: "", description: "  tickets  ")
        #expect(app.name == "Support-Triage")  // an empty name defaults to the ID
        #expect(app.description == "tickets")
        #expect(app.owner == .user(ada.user.id))
        #expect(app.version == 1)
        #expect(app.createdAt == f.clock.now)
        #expect(try f.service.app(ada, in: .personal, id: "support-triage") == app)  // IDs compare case-insensitively
        #expect(coreError { _ = try f.service.createApp(ada, in: .personal, id: "support-triage", name: "x", description: "") }
            == CoreError.conflict("an app with ID support-triage already exists", field: "id"))
        #expect(coreError { _ = try f.service.createApp(ada, in: .personal, id: "bad--id", name: "x", description: "") }?.field == "id")
        #expect(coreError { _ = try f.service.createApp(ada, in: .personal, id: "x", name: "bad\u{1B}", description: "") }?
            .field == "name")
        // The same ID under another owner is fine.
        let bob = try f.user("bob")
        #expect(try f.service.createApp(bob, in: .personal, id: "support-triage", name: "", description: "").owner == .user(bob.user.id))
    }

    @Test("windowed listing: pinned first, sort both ways, filter on name or ID, totals")
    func listing() throws {
        let f = try Fixture()
        let ada = try f.user("ada")
        for (i, name) in ["delta", "Alpha", "charlie", "bravo", "echo"].enumerated() {
            _ = try f.service.createApp(ada, in: .personal, id: "app-\(i)", name: name, description: "")
            f.clock.advance(60)
        }
        let byName = try f.service.apps(ada, in: .personal, query: AppQuery(sort: .name, ascending: true))
        #expect(byName.items.map(\.name) == ["Alpha", "bravo", "charlie", "delta", "echo"])
        #expect(byName.total == 5)
        let newest = try f.service.apps(ada, in: .personal, query: AppQuery(sort: .updated, ascending: false))
        #expect(newest.items.map(\.name) == ["echo", "bravo", "charlie", "Alpha", "delta"])
        let oldest = try f.service.apps(ada, in: .personal, query: AppQuery(sort: .updated, ascending: true))
        #expect(oldest.items.map(\.name) == newest.items.map(\.name).reversed())

        try f.service.setPinned(ada, in: .personal, id: "app-2", pinned: true)  // charlie
        let pinned = try f.service.apps(ada, in: .personal, query: AppQuery(sort: .name, ascending: false))
        #expect(pinned.items.map(\.name) == ["charlie", "echo", "delta", "bravo", "Alpha"])
        #expect(pinned.items.first?.pinned == true)
        #expect(pinned.items.dropFirst().allSatisfy { !$0.pinned })

        // Windows over pinned and unpinned rows line up without gaps or repeats.
        var collected: [String] = []
        for offset in stride(from: 0, to: 5, by: 2) {
            let page = try f.service.apps(ada, in: .personal, query: AppQuery(sort: .name, ascending: false, offset: offset, limit: 2))
            #expect(page.total == 5)
            #expect(page.offset == offset)
            collected += page.items.map(\.name)
        }
        #expect(collected == pinned.items.map(\.name))

        let filtered = try f.service.apps(ada, in: .personal, query: AppQuery(filter: "ALP", sort: .name, ascending: true))
        #expect(filtered.items.map(\.name) == ["Alpha"])
        #expect(filtered.total == 1)
        #expect(try f.service.apps(ada, in: .personal, query: AppQuery(filter: "app-4")).items.map(\.name) == ["echo"])
        #expect(try f.service.apps(ada, in: .personal, query: AppQuery(filter: "%")).total == 0)  // LIKE wildcards are literal

        try f.service.setPinned(ada, in: .personal, id: "app-2", pinned: false)
        #expect(try f.service.apps(ada, in: .personal, query: AppQuery(sort: .name, ascending: true)).items.first?.name == "Alpha")
        #expect(try f.auditActions().suffix(2).map(\.action) == ["app.pin", "app.unpin"])
        // Case and accents fold beyond ASCII, typed either way, composed or not.
        _ = try f.service.createApp(ada, in: .personal, id: "school", name: "École Lidar Scans", description: "")
        _ = try f.service.createApp(ada, in: .personal, id: "cafe", name: "Cafe\u{301} Nai\u{308}ve", description: "")
        for (typed, expected) in [("ecole", ["École Lidar Scans"]), ("ÉCOLE", ["École Lidar Scans"]), ("école", ["École Lidar Scans"]),
                                  ("café", ["Cafe\u{301} Nai\u{308}ve"]), ("naive", ["Cafe\u{301} Nai\u{308}ve"]), ("50%", [])] {
            #expect(try f.service.apps(ada, in: .personal, query: AppQuery(filter: typed)).items.map(\.name) == expected, "\(typed)")
        }
    }

    @Test("pins are per user")
    func pinsPerUser() throws {
        let f = try Fixture()
        let (admin, members) = try f.organization()
        let org = Context.organization("acme")
        _ = try f.service.createApp(admin, in: org, id: "a", name: "A", description: "")
        _ = try f.service.createApp(admin, in: org, id: "b", name: "B", description: "")
        try f.service.setPinned(admin, in: org, id: "b", pinned: true)
        let query = AppQuery(sort: .name, ascending: true)
        #expect(try f.service.apps(admin, in: org, query: query).items.map(\.id) == ["b", "a"])
        #expect(try f.service.apps(members[.orgUser]!, in: org, query: query).items.map(\.id) == ["a", "b"])
    }

    @Test("update bumps version and updated time; a stale version is refused")
    func staleUpdate() throws {
        let f = try Fixture()
        let ada = try f.user("ada")
        let app = try f.service.createApp(ada, in: .personal, id: "ocr", name: "OCR", description: "")
        f.clock.advance(300)
        let updated = try f.service.updateApp(ada, in: .personal, id: "ocr", name: "Invoice OCR", description: "reads invoices",
                                              expectedVersion: app.version)
        #expect(updated.version == 2)
        #expect(updated.updatedAt == f.clock.now)
        #expect(try f.service.app(ada, in: .personal, id: "ocr") == updated)
        #expect(try f.lastAudit()?.action == "app.update")

        let stale = coreError {
            _ = try f.service.updateApp(ada, in: .personal, id: "ocr", name: "Other", description: "", expectedVersion: app.version)
        }
        #expect(stale == CoreError.stale)
        #expect(stale?.message.contains("changed by someone else") == true)
        #expect(try f.service.app(ada, in: .personal, id: "ocr").name == "Invoice OCR")
    }

    @Test("delete removes the app and its pins")
    func delete() throws {
        let f = try Fixture()
        let ada = try f.user("ada")
        _ = try f.service.createApp(ada, in: .personal, id: "gone", name: "Gone", description: "")
        try f.service.setPinned(ada, in: .personal, id: "gone", pinned: true)
        try f.service.deleteApp(ada, in: .personal, id: "gone")
        #expect(coreError { _ = try f.service.app(ada, in: .personal, id: "gone") }?.kind == .notFound)
        #expect(try f.raw { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM app_pins") } == 0)
        #expect(try f.lastAudit()?.action == "app.delete")
        #expect(coreError { try f.service.deleteApp(ada, in: .personal, id: "gone") }?.kind == .notFound)
    }

    @Test("duplicate copies the app's own fields under a new ID and name")
    func duplicate() throws {
        let f = try Fixture()
        let ada = try f.user("ada")
        _ = try f.service.createApp(ada, in: .personal, id: "src", name: "Source", description: "the description")
        let copy = try f.service.duplicateApp(ada, in: .personal, id: "src", newID: "src-2", newName: nil)
        #expect(copy.id == "src-2")
        #expect(copy.name == "Source copy")
        #expect(copy.description == "the description")
        let named = try f.service.duplicateApp(ada, in: .personal, id: "src", newID: "src-3", newName: "Third")
        #expect(named.name == "Third")
        #expect(coreError { _ = try f.service.duplicateApp(ada, in: .personal, id: "src", newID: "SRC", newName: nil) }?
            .kind == .conflict)
        #expect(try f.lastAudit()?.action == "app.duplicate")
    }

    @Test("transfer moves a personal app into an organization, audited on both sides")
    func transfer() throws {
        let f = try Fixture()
        let (admin, _) = try f.organization()
        _ = try f.service.createApp(admin, in: .personal, id: "proto", name: "Prototype", description: "d")
        _ = try f.service.createApp(admin, in: .organization("acme"), id: "taken", name: "Taken", description: "")
        _ = try f.service.createApp(admin, in: .personal, id: "taken", name: "Mine", description: "")

        let moved = try f.service.transferApp(admin, id: "proto", toOrganization: "acme", newID: "prod", newName: "Production")
        #expect(moved.owner == .organization("acme"))
        #expect(moved.id == "prod")
        #expect(moved.name == "Production")
        #expect(try f.service.apps(admin, in: .personal, query: AppQuery()).items.map(\.id) == ["taken"])
        #expect(try f.service.app(admin, in: .organization("acme"), id: "prod").description == "d")
        let last2 = try f.auditActions().suffix(2)
        #expect(last2.map(\.action) == ["app.transfer_out", "app.transfer_in"])
        #expect(last2.map(\.org) == [nil, "acme"])

        #expect(coreError { _ = try f.service.transferApp(admin, id: "taken", toOrganization: "acme", newID: nil, newName: nil) }?
            .kind == .conflict)
        #expect(coreError { _ = try f.service.transferApp(admin, id: "nope", toOrganization: "acme", newID: nil, newName: nil) }?
            .kind == .notFound)
        #expect(coreError { _ = try f.service.transferApp(admin, id: "taken", toOrganization: "other", newID: nil, newName: nil) }?
            .kind == .notFound)
    }

    @Test("listing uses the owner indexes, never a table scan")
    func queryPlans() throws {
        let f = try Fixture()
        let plans = try f.raw { db -> [String] in
            let sqls = [
                "SELECT key FROM apps a WHERE a.owner = 'o:acme' AND a.name LIKE '%x%' ORDER BY a.updated_at DESC, a.app_id DESC LIMIT 50",
                "SELECT key FROM apps a WHERE a.owner = 'o:acme' AND a.app_id LIKE '%x%' ORDER BY a.name COLLATE NOCASE ASC, a.app_id ASC LIMIT 50",
            ]
            return try sqls.map { sql in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }.joined(separator: " | ")
            }
        }
        #expect(plans[0].contains("COVERING INDEX apps_owner_updated"))
        #expect(plans[1].contains("COVERING INDEX apps_owner_name"))
        #expect(!plans.joined().contains("TEMP B-TREE"))
    }
}
