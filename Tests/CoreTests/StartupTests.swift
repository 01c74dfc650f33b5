import Foundation
import GRDB
import Testing
@testable import OrgdeckCore

@Suite("Store: what a start-up reads")
struct StartupTests {
    @Test("a demo is known from the file's header; an older demo, a real database and an empty file still by their tables")
    func demoKind() throws {
        let options = StoreTests.options
        let demoPath = StoreTests.tempPath()
        let demo = try OrgService.open(path: demoPath, options: options)
        try demo.seedDemo()
        let header = try demo.store.withRawConnection { db in try Int32.fetchOne(db, sql: "PRAGMA application_id") }
        #expect(header == Setting.demoApplicationID)
        #expect(try OrgService.databaseKind(at: demoPath) == .demo)

        // A demo made before the header carried the mark: still a demo, and the migration marks it.
        try demo.store.withRawConnection { db in
            try db.execute(sql: "PRAGMA application_id = 0")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v13-demo-mark-in-header'")
        }
        #expect(try OrgService.databaseKind(at: demoPath) == .demo)
        let reopened = try OrgService.open(path: demoPath, options: options)
        #expect(try reopened.store.withRawConnection { db in try Int32.fetchOne(db, sql: "PRAGMA application_id") }
            == Setting.demoApplicationID)

        let realPath = StoreTests.tempPath()
        let real = try OrgService.open(path: realPath, options: options)
        _ = try real.signUp(username: "ada", displayName: "Ada", email: "ada@example.com", password: "a store password", source: .cli)
        #expect(try real.store.withRawConnection { db in try Int32.fetchOne(db, sql: "PRAGMA application_id") } == 0)
        #expect(try OrgService.databaseKind(at: realPath) == .other)
        #expect(try OrgService.databaseKind(at: StoreTests.tempPath()) == .missing)
    }

    @Test("start-up reads share the writer's connection, see the same data, refuse writes; after the first frame readers return")
    func startupReads() throws {
        let path = StoreTests.tempPath()
        let setup = try OrgService.open(path: path, options: StoreTests.options)
        _ = try setup.signUp(username: "ada", displayName: "Ada", email: "ada@example.com", password: "a store password", source: .cli)
        var options = StoreTests.options
        options.startupReadsOnWriter = true
        let service = try OrgService.open(path: path, options: options)
        #expect(try service.user(username: "ada").email == "ada@example.com")
        let attempt = Result { try service.store.read { tx in try tx.db.execute(sql: "DELETE FROM users") } }
        #expect(throws: (any Error).self) { try attempt.get() }
        // Another process's commit is seen by the next start-up read.
        _ = try setup.signUp(username: "bob", displayName: "Bob", email: "bob@example.com", password: "a store password", source: .cli)
        #expect(try service.user(username: "bob").displayName == "Bob")
        // A second service for background work reads on its own connections from the start.
        let another = try service.openAnother()
        #expect(!another.options.startupReadsOnWriter)
        #expect(try another.user(username: "bob").email == "bob@example.com")
        service.startupFinished()
        #expect(try service.user(username: "ada").displayName == "Ada")
        #expect(try setup.user(username: "ada").displayName == "Ada")
    }
}
