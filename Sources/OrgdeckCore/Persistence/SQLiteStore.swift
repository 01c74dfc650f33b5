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
    /// The file, or nil in memory: the audit anchor is kept per file.
    let path: String?
    /// Seals audit entries and anchors the chain outside the file.
    let seal: AuditSeal
    /// How long a write waits for another process's transaction, in milliseconds.
    private let busyMilliseconds: Int
    /// What opening the file changed on disk (permissions tightened), to tell the user once.
    let notices: [String]

    private init(writer: any DatabaseWriter, versionConnection: DatabaseQueue?, readOnly: Bool, path: String?,
                 seal: AuditSeal, busyTimeout: TimeInterval, notices: [String]) {
        self.writer = writer
        self.versionConnection = versionConnection
        self.readOnly = readOnly
        self.path = path
        self.seal = seal
        self.busyMilliseconds = Int(busyTimeout * 1000)
        self.notices = notices
    }

    /// How long a write waits for another process's transaction before giving up, unless told.
    static let defaultBusyTimeout: TimeInterval = 5

    private static func configuration(busyTimeout: TimeInterval) -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(busyTimeout)
        config.label = "orgdeck"
        return config
    }

    /// Opens the file: folder 0700, file 0600 (existing ones tightened), WAL, migrations.
    /// With `create` false a missing file is `.notFound` and nothing is created.
    static func open(path: String, readOnly: Bool, create: Bool, busyTimeout: TimeInterval,
                     auditKey: AuditKeyLocation?) throws -> SQLiteStore {
        try StoreErrors.mapping {
            let url = URL(fileURLWithPath: path)
            if !create && !FileManager.default.fileExists(atPath: url.path) {
                throw CoreError.notFound("no database at \(url.path)")
            }
            let notices = try prepareFile(at: url)
            let pool = try DatabasePool(path: url.path, configuration: configuration(busyTimeout: busyTimeout))
            // Only a database that needs it is migrated: opening an up-to-date file writes nothing,
            // so a read works while another process holds the write lock or the disk is full.
            if try !pool.read({ db in try Migrations.migrator.hasCompletedMigrations(db) }) {
                try Migrations.migrator.migrate(pool)
            }
            var versionConfig = configuration(busyTimeout: busyTimeout)
            versionConfig.readonly = true
            versionConfig.label = "orgdeck.data_version"
            let version = try DatabaseQueue(path: url.path, configuration: versionConfig)
            return SQLiteStore(writer: pool, versionConnection: version, readOnly: readOnly, path: url.path,
                               seal: AuditSeal(location: auditKey), busyTimeout: busyTimeout, notices: notices)
        }
    }

    /// What the file at `path` is, read without creating, migrating or changing anything.
    static func kind(of path: String) throws -> DatabaseKind {
        let fm = FileManager.default
        guard fm.fileExists(atPath: path) else { return .missing }
        if let size = try? fm.attributesOfItem(atPath: path)[.size] as? Int, size == 0,
           !fm.fileExists(atPath: path + "-wal") { return .empty }
        return try StoreErrors.mapping {
            var config = configuration(busyTimeout: defaultBusyTimeout)
            config.readonly = true
            let queue = try DatabaseQueue(path: path, configuration: config)
            return try queue.read { db -> DatabaseKind in
                guard try db.tableExists("settings") else {
                    return try db.tableExists("users") ? .other : (try db.schemaVersion() == 0 ? .empty : .other)
                }
                let mark = try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = ?", arguments: [Setting.demo])
                return mark == "true" ? .demo : .other
            }
        }
    }

    /// A private in-memory database with the same migrations and an in-memory audit key.
    static func inMemory(readOnly: Bool) throws -> SQLiteStore {
        try StoreErrors.mapping {
            let queue = try DatabaseQueue(configuration: configuration(busyTimeout: defaultBusyTimeout))
            try Migrations.migrator.migrate(queue)
            return SQLiteStore(writer: queue, versionConnection: nil, readOnly: readOnly, path: nil,
                               seal: AuditSeal(location: nil), busyTimeout: defaultBusyTimeout, notices: [])
        }
    }

    /// Creates the parent folder (0700) and an empty file (0600) before SQLite opens it, so the
    /// database never exists, even briefly, with the umask's wider permissions; an existing file
    /// (and its companions) is made private first. SQLite gives the `-wal` and `-shm` files the
    /// permissions of the main file.
    private static func prepareFile(at url: URL) throws -> [String] {
        let fm = FileManager.default
        try FileSecurity.makePrivateFolder(url.deletingLastPathComponent().path)
        let folderNotices = try FileSecurity.secureFolder(of: url.path)
        if !fm.fileExists(atPath: url.path) {
            guard fm.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw CoreError(.failure, "cannot create the database file \(url.path)")
            }
        }
        return folderNotices + (try FileSecurity.secureFiles(of: url.path))
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
            try writer.read { db in try body(StoreTransaction(db: db, seal: seal, notes: TransactionNotes())) }
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
        let notes = TransactionNotes()
        let result = try StoreErrors.mapping {
            try writer.write { db in try body(StoreTransaction(db: db, seal: seal, notes: notes)) }
        }
        anchor(notes)
        return result
    }

    /// A write that gives up at once when another process holds the write lock, returning nil:
    /// for bookkeeping a read can skip (a token's last use), never for a user's change.
    func writeIfFree<T>(_ body: (StoreTransaction) throws -> T) throws -> T? {
        let notes = TransactionNotes()
        let result: T? = try StoreErrors.mapping {
            try writer.writeWithoutTransaction { db -> T? in
                try db.execute(sql: "PRAGMA busy_timeout = 0")
                defer { try? db.execute(sql: "PRAGMA busy_timeout = \(busyMilliseconds)") }
                var value: T?
                do {
                    try db.inTransaction(.immediate) {
                        value = try body(StoreTransaction(db: db, seal: seal, notes: notes))
                        return .commit
                    }
                } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_FULL {
                    return nil
                }
                return value
            }
        }
        anchor(notes)
        return result
    }

    /// After a commit that sealed entries, records the newest one outside the file.
    private func anchor(_ notes: TransactionNotes) {
        guard let head = notes.sealedHead, let path,
              let anchorPath = seal.anchorPath(databaseID: head.databaseID, databasePath: path) else { return }
        seal.advance(head.anchor, at: anchorPath)
    }

    /// Where this file's audit anchor is kept, nil in memory or before the database has an identity.
    func anchorPath() throws -> String? {
        guard let path else { return nil }
        let id = try read { tx in try tx.setting(Setting.databaseID) }
        return id.flatMap { seal.anchorPath(databaseID: $0, databasePath: path) }
    }

    /// Raw access for tests that tamper with the file the way an attacker would (dropping a
    /// trigger, editing a row). Never used by the service; errors come back as SQLite gave them.
    func withRawConnection<T>(_ body: (Database) throws -> T) throws -> T {
        try writer.writeWithoutTransaction { db in try body(db) }
    }
}

/// What a database file holds, as far as `orgdeck demo` is concerned.
public enum DatabaseKind: Equatable, Sendable {
    /// No file.
    case missing
    /// A file with nothing in it yet.
    case empty
    /// A database that `orgdeck demo` created (marked so in its settings).
    case demo
    /// Anything else: a real database, or one this version cannot tell apart from one.
    case other
}
