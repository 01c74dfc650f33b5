import Foundation
import GRDB

/// The SQLite implementation of the store: owns the connections, runs the migrations and
/// hands out transactions. The service never sees a `Database`; it calls the domain methods
/// of `StoreTransaction`, so another store (PostgreSQL) can later stand behind the same calls.
final class SQLiteStore: Sendable {
    /// Writes go through this; reads too (a pool reads concurrently, a queue serially).
    private let writer: any DatabaseWriter
    /// A connection used only for `PRAGMA data_version`, which changes when *another*
    /// connection commits. Nil for in-memory stores, which have one connection.
    private let versionConnection: DatabaseQueue?
    /// Refuse every write (the `--readonly` mode).
    let readOnly: Bool

    private init(writer: any DatabaseWriter, versionConnection: DatabaseQueue?, readOnly: Bool) {
        self.writer = writer
        self.versionConnection = versionConnection
        self.readOnly = readOnly
    }

    /// How long a write waits for another process's transaction before giving up.
    static let busyTimeout: TimeInterval = 5

    private static func configuration() -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(busyTimeout)
        config.label = "orgdeck"
        return config
    }

    /// Opens (creating if needed) the file: folder 0700, file 0600, WAL, migrations.
    static func open(path: String, readOnly: Bool) throws -> SQLiteStore {
        try StoreErrors.mapping {
            let url = URL(fileURLWithPath: path)
            try prepareFile(at: url)
            let pool = try DatabasePool(path: url.path, configuration: configuration())
            try Migrations.migrator.migrate(pool)
            var versionConfig = configuration()
            versionConfig.readonly = true
            versionConfig.label = "orgdeck.data_version"
            let version = try DatabaseQueue(path: url.path, configuration: versionConfig)
            return SQLiteStore(writer: pool, versionConnection: version, readOnly: readOnly)
        }
    }

    /// A private in-memory database with the same migrations.
    static func inMemory(readOnly: Bool) throws -> SQLiteStore {
        try StoreErrors.mapping {
            let queue = try DatabaseQueue(configuration: configuration())
            try Migrations.migrator.migrate(queue)
            return SQLiteStore(writer: queue, versionConnection: nil, readOnly: readOnly)
        }
    }

    /// Creates the parent folder (0700) and an empty file (0600) before SQLite opens it, so the
    /// database never exists, even briefly, with the umask's wider permissions. SQLite gives the
    /// `-wal` and `-shm` files the permissions of the main file.
    private static func prepareFile(at url: URL) throws {
        let fm = FileManager.default
        let folder = url.deletingLastPathComponent()
        if !fm.fileExists(atPath: folder.path) {
            do {
                try fm.createDirectory(at: folder, withIntermediateDirectories: true,
                                       attributes: [.posixPermissions: 0o700])
            } catch {
                throw CoreError(.failure, "cannot create the folder \(folder.path): \(error.localizedDescription)")
            }
        }
        if !fm.fileExists(atPath: url.path) {
            guard fm.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw CoreError(.failure, "cannot create the database file \(url.path)")
            }
        }
    }

    /// A number that changes whenever anyone commits.
    func changeToken() throws -> Int64 {
        try StoreErrors.mapping {
            if let versionConnection {
                // Outside any transaction, so each call sees the latest commit.
                return try versionConnection.writeWithoutTransaction { db in
                    try Int64.fetchOne(db, sql: "PRAGMA data_version") ?? 0
                }
            }
            // One connection only: count its own changes instead.
            return try writer.read { db in try Int64.fetchOne(db, sql: "SELECT total_changes()") ?? 0 }
        }
    }

    /// Runs `body` in a read transaction (a consistent snapshot).
    func read<T>(_ body: (StoreTransaction) throws -> T) throws -> T {
        try StoreErrors.mapping {
            try writer.read { db in try body(StoreTransaction(db: db)) }
        }
    }

    /// Runs `body` in one IMMEDIATE write transaction: all or nothing, serialized with every
    /// other writer of the file (the busy timeout makes other processes wait their turn).
    ///
    /// `bookkeeping` writes go through even in read-only mode: they record security state (failed
    /// sign-ins, locks, token use), not a user's change, and a lockout must not be dodged by
    /// opening the console with `--readonly`.
    @discardableResult
    func write<T>(bookkeeping: Bool = false, _ body: (StoreTransaction) throws -> T) throws -> T {
        if readOnly && !bookkeeping { throw CoreError.readOnly }
        return try StoreErrors.mapping {
            try writer.write { db in try body(StoreTransaction(db: db)) }
        }
    }

    /// Raw access for tests that tamper with the file the way an attacker would (dropping a
    /// trigger, editing a row). Never used by the service; errors come back as SQLite gave them.
    func withRawConnection<T>(_ body: (Database) throws -> T) throws -> T {
        try writer.writeWithoutTransaction { db in try body(db) }
    }
}
