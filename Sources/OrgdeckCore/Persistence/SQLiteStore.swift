import Foundation
import GRDB

/// The SQLite implementation of the store: owns the connections, runs the migrations and
/// hands out transactions. The service never sees a `Database`; it calls the domain methods
/// of `StoreTransaction`, so another store (PostgreSQL) can later stand behind the same calls.
final class SQLiteStore: @unchecked Sendable {
    /// Writes go through this; reads too (a pool reads concurrently, a queue serially).
    private let writer: any DatabaseWriter
    /// A connection used only for `PRAGMA data_version`, which changes when *another*
    /// connection commits; opened on the first poll, after the console's first frame.
    /// Nil for in-memory stores, which have one connection. Guarded by `versionLock`.
    private var versionConnection: DatabaseQueue?
    private let versionLock = NSLock()
    /// How `versionConnection` is opened, nil in memory.
    private let versionConfiguration: Configuration?
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
    /// While true, reads run on the writer's connection (see `OrgService.Options.startupReadsOnWriter`).
    /// Guarded by `versionLock`.
    private var readsOnWriter = false

    private init(writer: any DatabaseWriter, versionConfiguration: Configuration?, readOnly: Bool, path: String?,
                 seal: AuditSeal, busyTimeout: TimeInterval, notices: [String]) {
        self.writer = writer
        self.versionConfiguration = versionConfiguration
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
        // After a checkpoint the WAL is cut back to this size, so a bulk write does not leave a
        // file every later process must read through when it opens the database.
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_size_limit = \(walSizeLimit)")
            db.add(function: fold)
        }
        return config
    }

    /// `orgdeck_fold(text)`: the text without case and accents, as searches compare it. SQLite's
    /// LIKE folds ASCII letters only: "ecole" found no "École".
    static let fold = DatabaseFunction("orgdeck_fold", argumentCount: 1, pure: true) { values in
        String.fromDatabaseValue(values[0]).map(SQLiteStore.folded)
    }

    /// `text` compared without case and accents (decomposed, so a combining accent goes too).
    static func folded(_ text: String) -> String {
        text.decomposedStringWithCanonicalMapping.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }

    /// The most the WAL keeps on disk after a checkpoint, in bytes.
    static let walSizeLimit = 4 * 1024 * 1024

    /// Opens the file: folder 0700, file 0600 (existing ones tightened), WAL, migrations.
    /// With `create` false a missing file is `.notFound` and nothing is created.
    static func open(path: String, readOnly: Bool, create: Bool, busyTimeout: TimeInterval,
                     auditKey: AuditKeyLocation?, startupReadsOnWriter: Bool = false) throws -> SQLiteStore {
        try StoreErrors.mapping {
            let url = URL(fileURLWithPath: path)
            if !create && !FileManager.default.fileExists(atPath: url.path) {
                throw CoreError.notFound("no database at \(url.path)")
            }
            let notices = try prepareFile(at: url)
            let pool = try DatabasePool(path: url.path, configuration: configuration(busyTimeout: busyTimeout))
            // Only a database that needs it is migrated: opening an up-to-date file writes nothing,
            // so a read works while another process holds the write lock or the disk is full.
            // A start-up asks on the writer's connection: a reader would be a second connection to
            // set up and a second parse of the schema before anything is shown.
            let migrated = startupReadsOnWriter
                ? try pool.writeWithoutTransaction { db in try Migrations.migrator.hasCompletedMigrations(db) }
                : try pool.read { db in try Migrations.migrator.hasCompletedMigrations(db) }
            if !migrated {
                try Migrations.migrator.migrate(pool)
            }
            var versionConfig = configuration(busyTimeout: busyTimeout)
            versionConfig.readonly = true
            versionConfig.label = "orgdeck.data_version"
            let store = SQLiteStore(writer: pool, versionConfiguration: versionConfig, readOnly: readOnly, path: url.path,
                                    seal: AuditSeal(location: auditKey), busyTimeout: busyTimeout, notices: notices)
            store.readsOnWriter = startupReadsOnWriter
            return store
        }
    }

    /// A private in-memory database with the same migrations and an in-memory audit key.
    static func inMemory(readOnly: Bool) throws -> SQLiteStore {
        try StoreErrors.mapping {
            let queue = try DatabaseQueue(configuration: configuration(busyTimeout: defaultBusyTimeout))
            try Migrations.migrator.migrate(queue)
            return SQLiteStore(writer: queue, versionConfiguration: nil, readOnly: readOnly, path: nil,
                               seal: AuditSeal(location: nil), busyTimeout: defaultBusyTimeout, notices: [])
        }
    }

    /// A private in-memory copy of this database as it is now, with its own audit key (its seals
    /// no longer verify): to seed once and start many times from the same data.
    func inMemoryCopy() throws -> SQLiteStore {
        try StoreErrors.mapping {
            let queue = try DatabaseQueue(configuration: Self.configuration(busyTimeout: Self.defaultBusyTimeout))
            try writer.backup(to: queue)
            return SQLiteStore(writer: queue, versionConfiguration: nil, readOnly: readOnly, path: nil,
                               seal: AuditSeal(location: nil), busyTimeout: Self.defaultBusyTimeout, notices: [])
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

    deinit { close() }

    /// Closes the connections, first folding a large WAL back into the database file.
    func close() {
        versionLock.withLock {
            try? versionConnection?.close()
            versionConnection = nil
        }
        if !readOnly, let path, (Self.fileSize(path + "-wal") ?? 0) > Self.walFoldThreshold { foldWAL() }
        try? writer.close()
    }

    /// A WAL above this size is folded back when the store closes. Every process that opens the
    /// file while no other has it open rebuilds its index by reading every valid frame; SQLite
    /// keeps the WAL near 4 MiB by itself, but one big transaction (a bulk load) leaves it as
    /// large as the data, and each later start would read all of it (90 ms on 100k apps).
    static let walFoldThreshold = 1024 * 1024

    /// Copies the WAL into the database file and truncates it, giving up at once (no waiting)
    /// when another process is reading or writing: its own WAL index keeps newcomers fast.
    /// Then a table made and dropped leaves a few frames in the fresh WAL, because GRDB does the
    /// same to any file whose WAL is empty when it opens it, and that write would wait for
    /// another process's write lock: opening must stay a read. (An update to an equal value
    /// would not do: SQLite writes no page for it.)
    func foldWAL() {
        guard path != nil else { return }
        try? writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA busy_timeout = 0")
            defer { try? db.execute(sql: "PRAGMA busy_timeout = \(busyMilliseconds)") }
            guard (try? db.checkpoint(.truncate)) != nil else { return }
            try? db.inSavepoint {
                try db.execute(sql: "CREATE TABLE orgdeck_wal_keeper (id INTEGER PRIMARY KEY); DROP TABLE orgdeck_wal_keeper")
                return .commit
            }
        }
    }

    /// The size of the file at `path` in bytes, nil when it cannot be read.
    /// (`stat` itself: FileManager's attributes also look up the owner's name and box every value.)
    static func fileSize(_ path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int(info.st_size)
    }

    /// A number that changes whenever anyone commits.
    func changeToken() throws -> Int64 {
        try StoreErrors.mapping {
            if let path, let versionConfiguration {
                let connection = try versionLock.withLock {
                    if let versionConnection { return versionConnection }
                    let opened = try DatabaseQueue(path: path, configuration: versionConfiguration)
                    versionConnection = opened
                    return opened
                }
                // Outside any transaction, so each call sees the latest commit.
                return try connection.writeWithoutTransaction { db in
                    try Int64.fetchOne(db, sql: "PRAGMA data_version") ?? 0
                }
            }
            // One connection only: count its own changes instead.
            return try writer.read { db in try Int64.fetchOne(db, sql: "SELECT total_changes()") ?? 0 }
        }
    }

    /// Runs `body` in a read transaction (a consistent snapshot).
    func read<T>(_ body: (StoreTransaction) throws -> T) throws -> T {
        versionLock.lock()
        let onWriter = readsOnWriter
        versionLock.unlock()
        return try StoreErrors.mapping {
            guard onWriter else {
                return try writer.read { db in try body(StoreTransaction(db: db, seal: seal, notes: TransactionNotes())) }
            }
            // The same isolation as a reader's: one deferred transaction, writes refused.
            return try writer.writeWithoutTransaction { db in
                try db.execute(sql: "BEGIN DEFERRED")
                defer { try? db.execute(sql: "ROLLBACK") }
                return try db.readOnly { try body(StoreTransaction(db: db, seal: seal, notes: TransactionNotes())) }
            }
        }
    }

    /// Reads move to their own connections from now on.
    func startupFinished() {
        versionLock.lock()
        readsOnWriter = false
        versionLock.unlock()
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
