import Foundation
import Testing

/// `apps list|show|create|rename|delete|duplicate|transfer|pin|unpin`.
@Suite struct AppsCommandTests {
    static let appKeys: Set<String> = ["id", "name", "description", "owner", "created_by", "created_at", "shared_with_you",
                                       "updated_at", "version", "pinned", "labels"]

    @Test func createAndShowAPersonalApp() throws {
        let db = try SharedDatabase.get()
        let id = uniqueID("show")
        let created = try db.run(["apps", "create", id, "--name", "Show Me", "--description", "café ☕ 日本", "--json"])
        #expect(created.status == 0, "\(created)")
        let app = try #require(created.object, "\(created)")
        #expect(Set(app.keys) == Self.appKeys)
        #expect(app["id"] as? String == id)
        #expect(app["description"] as? String == "café ☕ 日本")
        #expect(app["created_by"] as? String == "alice")
        let owner = try #require(app["owner"] as? [String: Any])
        #expect(owner["kind"] as? String == "user")
        #expect(owner["id"] as? String == "alice")
        #expect((app["updated_at"] as? String)?.hasSuffix("Z") == true)

        let shown = try db.run(["apps", "show", id])
        #expect(shown.status == 0, "\(shown)")
        #expect(shown.stdout.contains("Show Me"))
        #expect(shown.stdout.contains("café ☕ 日本"))

        let human = try db.run(["apps", "create", uniqueID("plain")])
        #expect(human.status == 0)
        #expect(human.stdout.hasPrefix("created app "))
    }

    @Test func listFiltersSortsAndPages() throws {
        let db = try SharedDatabase.get()
        let prefix = uniqueID("lst")
        for name in ["Charlie", "Alpha", "Bravo"] {
            let result = try db.run(["apps", "create", "\(prefix)-\(name.lowercased())", "--name", name])
            #expect(result.status == 0, "\(result)")
        }
        let ascending = try db.run(["apps", "list", "--filter", prefix, "--sort", "name", "--asc", "--json"])
        #expect(ascending.status == 0, "\(ascending)")
        let names = try #require(ascending.array).map { $0["name"] as? String }
        #expect(names == ["Alpha", "Bravo", "Charlie"])
        for app in try #require(ascending.array) { #expect(Set(app.keys) == Self.appKeys) }

        let descending = try db.run(["apps", "list", "--filter", prefix, "--sort", "name", "--json"])
        #expect(try #require(descending.array).map { $0["name"] as? String } == ["Charlie", "Bravo", "Alpha"])

        let page = try db.run(["apps", "list", "--filter", prefix, "--sort", "name", "--asc", "--limit", "1",
                               "--offset", "1", "--json"])
        #expect(try #require(page.array).map { $0["name"] as? String } == ["Bravo"])

        let table = try db.run(["apps", "list", "--filter", prefix, "--sort", "name", "--asc"])
        let lines = table.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("ID") == true, "\(table)")
        #expect(lines.count == 4)

        let none = try db.run(["apps", "list", "--filter", "zz-nothing-matches", "--json"])
        #expect(none.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
    }

    @Test func renameUsesTheCurrentVersion() throws {
        let db = try SharedDatabase.get()
        let id = uniqueID("ren")
        let created = try #require(try db.run(["apps", "create", id, "--json"]).object)
        let renamed = try db.run(["apps", "rename", id, "New Name", "--json"])
        #expect(renamed.status == 0, "\(renamed)")
        #expect(renamed.object?["name"] as? String == "New Name")
        #expect((renamed.object?["version"] as? Int ?? 0) > (created["version"] as? Int ?? 0))
    }

    @Test func pinPutsAnAppFirst() throws {
        let db = try SharedDatabase.get()
        let prefix = uniqueID("pin")
        _ = try db.run(["apps", "create", "\(prefix)-a", "--name", "A"])
        _ = try db.run(["apps", "create", "\(prefix)-b", "--name", "B"])
        let pinned = try db.run(["apps", "pin", "\(prefix)-b", "--json"])
        #expect(pinned.status == 0, "\(pinned)")
        #expect(pinned.object?["pinned"] as? Bool == true)
        let list = try #require(try db.run(["apps", "list", "--filter", prefix, "--sort", "name", "--asc", "--json"]).array)
        #expect(list.map { $0["id"] as? String } == ["\(prefix)-b", "\(prefix)-a"])
        #expect(list.first?["pinned"] as? Bool == true)

        let unpinned = try db.run(["apps", "unpin", "\(prefix)-b"])
        #expect(unpinned.status == 0, "\(unpinned)")
        let after = try #require(try db.run(["apps", "list", "--filter", prefix, "--sort", "name", "--asc", "--json"]).array)
        #expect(after.map { $0["id"] as? String } == ["\(prefix)-a", "\(prefix)-b"])
    }

    @Test func duplicateCopiesUnderANewID() throws {
        let db = try SharedDatabase.get()
        let id = uniqueID("dup")
        _ = try db.run(["apps", "create", id, "--description", "original"])
        let copy = try db.run(["apps", "duplicate", id, id + "-copy", "--name", "The Copy", "--json"])
        #expect(copy.status == 0, "\(copy)")
        #expect(copy.object?["id"] as? String == id + "-copy")
        #expect(copy.object?["name"] as? String == "The Copy")
        #expect(copy.object?["description"] as? String == "original")
    }

    @Test func deleteNeedsYes() throws {
        let db = try SharedDatabase.get()
        let id = uniqueID("del")
        _ = try db.run(["apps", "create", id])
        let refused = try db.run(["apps", "delete", id])
        #expect(refused.status == 2, "\(refused)")
        #expect(refused.stderr.contains("--yes"))
        #expect(refused.stderr.filter { $0 == "\n" }.count == 1)
        #expect(try db.run(["apps", "show", id]).status == 0, "still there")

        let deleted = try db.run(["apps", "delete", id, "--yes", "--json"])
        #expect(deleted.status == 0, "\(deleted)")
        #expect(deleted.object?["deleted"] as? Bool == true)
        #expect(try db.run(["apps", "show", id]).status == 5)
    }

    @Test func transferMovesAPersonalAppIntoTheOrganization() throws {
        let db = try SharedDatabase.get()
        let id = uniqueID("mv")
        _ = try db.run(["apps", "create", id])
        let moved = try db.run(["apps", "transfer", id, "--to-org", SharedDatabase.orgID, "--new-id", id + "-org",
                                "--new-name", "Moved", "--json"])
        #expect(moved.status == 0, "\(moved)")
        let owner = try #require(moved.object?["owner"] as? [String: Any], "\(moved)")
        #expect(owner["kind"] as? String == "organization")
        #expect(owner["id"] as? String == SharedDatabase.orgID)
        #expect(try db.run(["apps", "show", id]).status == 5, "gone from the personal list")
        let there = try db.run(["apps", "show", id + "-org", "--org", SharedDatabase.orgID, "--json"])
        #expect(there.object?["name"] as? String == "Moved", "\(there)")
    }

    @Test func organizationAppsAreVisibleToMembersButOnlyAdminsCreate() throws {
        let db = try SharedDatabase.get()
        let id = uniqueID("org")
        let created = try db.run(["apps", "create", id, "--org", SharedDatabase.orgID])
        #expect(created.status == 0, "\(created)")

        let seen = try db.run(["apps", "list", "--org", SharedDatabase.orgID, "--filter", id, "--json"], token: db.bobToken)
        #expect(try #require(seen.array, "\(seen)").map { $0["id"] as? String } == [id])

        let forbidden = try db.run(["apps", "create", uniqueID("bob"), "--org", SharedDatabase.orgID, "--json"],
                                   token: db.bobToken)
        #expect(forbidden.status == 4, "\(forbidden)")
        #expect(forbidden.errorObject?["kind"] as? String == "forbidden")
        #expect(forbidden.stdout.isEmpty)

        let delete = try db.run(["apps", "delete", id, "--yes", "--org", SharedDatabase.orgID], token: db.bobToken)
        #expect(delete.status == 4, "\(delete)")
    }

    @Test func unknownAppIsNotFound() throws {
        let db = try SharedDatabase.get()
        let result = try db.run(["apps", "show", "no-such-app", "--json"])
        #expect(result.status == 5, "\(result)")
        #expect(result.errorObject?["kind"] as? String == "not_found")
        #expect(result.stdout.isEmpty)
    }

    @Test func duplicateIDIsAConflict() throws {
        let db = try SharedDatabase.get()
        let id = uniqueID("twice")
        #expect(try db.run(["apps", "create", id]).status == 0)
        let again = try db.run(["apps", "create", id, "--json"])
        #expect(again.status == 6, "\(again)")
        #expect(again.errorObject?["kind"] as? String == "conflict")
    }

    @Test(arguments: ["bad\u{1B}[31mid", String(repeating: "a", count: 33), "two--dashes", "ends-", "sp ace"])
    func invalidIDIsInvalidInput(id: String) throws {
        let db = try SharedDatabase.get()
        let result = try db.run(["apps", "create", id])
        #expect(result.status == 7, "\(result)")
        #expect(!result.stderr.contains("\u{1B}"), "control characters never reach the terminal raw")
        #expect(result.stderr.hasPrefix("error: "))
    }

    @Test func thirtyTwoCharactersIsTheLongestID() throws {
        let db = try SharedDatabase.get()
        let id = String(uniqueID("x").prefix(10)) + String(repeating: "b", count: 22)
        let result = try db.run(["apps", "create", id])
        #expect(result.status == 0, "\(result)")
    }

    @Test func transferWithOrgOptionIsAUsageError() throws {
        let db = try SharedDatabase.get()
        let result = try db.run(["apps", "transfer", "x", "--to-org", SharedDatabase.orgID, "--org", SharedDatabase.orgID])
        #expect(result.status == 2, "\(result)")
    }
}
