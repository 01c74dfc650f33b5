import Foundation
import GRDB
import Testing
@testable import OrgdeckCore

/// A large WAL is folded back when the store closes, and what it leaves keeps the next open a read.
@Suite("WAL fold on close")
struct WALFoldTests {
    static func size(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? -1
    }

    @Test("a WAL grown past the threshold is truncated to a few frames, and the next open reads under another's write lock")
    func foldsAndStaysReadable() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("orgdeck-wal-\(UUID().uuidString)/orgdeck").path
        defer { try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent) }
        let path = folder + "/orgdeck.sqlite"
        do {
            let service = try OrgService.open(path: path, options: StoreTests.options)
            _ = try service.signUp(username: "ada", displayName: "Ada", email: "ada@example.com",
                                   password: Fixture.password, source: .cli)
            // Another connection writes one big transaction while the store is open.
            let bulk = try DatabaseQueue(path: path)
            try bulk.write { db in
                try db.execute(sql: "CREATE TABLE filler (b BLOB); INSERT INTO filler VALUES (zeroblob(3000000))")
            }
            try bulk.close()
            #expect(Self.size(path + "-wal") > SQLiteStore.walFoldThreshold)
            _ = service
        }
        let left = Self.size(path + "-wal")
        #expect(left > 0 && left < 64 * 1024, "WAL of \(left) bytes after closing")

        var lockerConfig = Configuration()
        lockerConfig.allowsUnsafeTransactions = true
        let locker = try DatabaseQueue(path: path, configuration: lockerConfig)
        try locker.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }
        defer { try? locker.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") } }
        var options = StoreTests.options
        options.busyTimeout = 0.2
        let reader = try OrgService.open(path: path, options: options)
        #expect(try reader.user(username: "ada").email == "ada@example.com")
        // So does a console's start-up, which reads on the writer's connection.
        options.startupReadsOnWriter = true
        let console = try OrgService.open(path: path, options: options)
        #expect(try console.user(username: "ada").email == "ada@example.com")
    }
}
