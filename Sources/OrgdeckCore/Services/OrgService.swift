import Foundation

/// The one entry point of the domain core: every rule, permission check and audit
/// record happens behind these methods, whatever the front end.
///
/// Thread-safe; one instance per process is enough. Methods throw `CoreError`.
/// The methods live in extensions by concern: `OrgService+Accounts.swift`,
/// `+Organizations`, `+Administration` (profile, members, leave, delete), `+Invitations`,
/// `+Teams` (teams, siloed access, labels), `+Apps`, `+Tokens`, `+Audit`, `+Demo`, `+LargeSeed`.
public final class OrgService: Sendable {
    /// Options fixed when the service is opened.
    public struct Options: Sendable {
        /// Refuse every write with a clear message.
        public var readOnly: Bool
        /// Source of "now"; tests move it to expire locks and invitations.
        public var clock: @Sendable () -> Date
        /// PBKDF2 rounds for new password hashes (600,000 in production; tests may lower it).
        public var passwordRounds: Int
        /// How many organizations a user may belong to (platform setting, default 1).
        public var organizationsPerUser: Int
        /// Days an invitation stays acceptable after it is sent or resent (platform setting, default 7).
        public var invitationExpiryDays: Int
        /// Create the database file when it does not exist; false makes a missing file `.notFound`.
        public var createIfMissing: Bool
        /// How long a write waits for another process's write before "the database is busy".
        /// Scripts wait longer than the console, whose input must not freeze.
        public var busyTimeout: TimeInterval
        /// The audit seal key and anchors, kept outside the file; nil keeps a key in memory.
        public var auditKey: AuditKeyLocation?
        /// Reads share the writer's connection until `startupFinished()`, so a start-up opens one
        /// connection rather than two (each parses the whole schema). For one thread's start-up
        /// only: call `startupFinished()` before other threads read.
        public var startupReadsOnWriter = false

        /// Options with the production defaults unless given.
        public init(readOnly: Bool = false, clock: @escaping @Sendable () -> Date = { Date() },
                    passwordRounds: Int = 600_000, organizationsPerUser: Int = 1, invitationExpiryDays: Int = 7,
                    createIfMissing: Bool = true, busyTimeout: TimeInterval = 5, auditKey: AuditKeyLocation? = nil) {
            self.readOnly = readOnly; self.clock = clock
            self.passwordRounds = passwordRounds; self.organizationsPerUser = organizationsPerUser
            self.invitationExpiryDays = invitationExpiryDays
            self.createIfMissing = createIfMissing; self.busyTimeout = busyTimeout; self.auditKey = auditKey
        }
    }

    /// Failed sign-ins in a row that lock an account (policy default, PRODUCT.md §4).
    public static let maxFailedSignIns = 10
    /// How long a locked account stays locked (policy default).
    public static let lockoutDuration: TimeInterval = 10 * 60
    /// The longest lock a policy may set (`lockout_minutes` at most 1,440).
    static let longestLockout: TimeInterval = 1_440 * 60
    /// Token lifetime when the user does not choose one.
    public static let defaultTokenExpiryDays = 90
    /// The longest token lifetime allowed.
    public static let maxTokenExpiryDays = 365

    let store: SQLiteStore
    let options: Options
    /// Decoded parameters of recently used model versions.
    let parameterCache = ParameterCache()
    /// Refused reads recorded lately: one repeated by a re-reading console is audited once a minute.
    let repeatedDenials = RepeatedDenials()

    private init(store: SQLiteStore, options: Options) {
        self.store = store
        self.options = options
    }

    /// Opens (creating if needed and allowed) the database file at `path`: folder 0700, file
    /// 0600 (an existing file open to others is tightened, see `notices`), WAL, migrations run.
    public static func open(path: String, options: Options = Options()) throws -> OrgService {
        let store = try SQLiteStore.open(path: path, readOnly: options.readOnly, create: options.createIfMissing,
                                         busyTimeout: options.busyTimeout, auditKey: options.auditKey,
                                         startupReadsOnWriter: options.startupReadsOnWriter)
        let service = OrgService(store: store, options: options)
        Log.info("opened database \(path)\(options.readOnly ? " read-only" : "")")
        for notice in store.notices { Log.warning(notice) }
        return service
    }

    /// A second connection to the same database file, for work on another thread (training,
    /// uploads) that must not wait behind this one's transactions. An in-memory database has
    /// no file to open twice: it answers itself.
    public func openAnother() throws -> OrgService {
        guard let path = store.path else { return self }
        var options = self.options
        options.createIfMissing = false
        options.startupReadsOnWriter = false
        return try OrgService.open(path: path, options: options)
    }

    /// Ends `Options.startupReadsOnWriter`: from now on reads run on their own connections,
    /// concurrently with writes (the first one opens a reader).
    public func startupFinished() { store.startupFinished() }

    /// What opening the file changed (permissions tightened): front ends tell the user once.
    public var notices: [String] { store.notices }

    /// The audit anchor file of this database, nil in memory (for `orgdeck info`).
    public func auditAnchorPath() throws -> String? { try store.anchorPath() }

    /// A fresh in-memory database with the real migrations (tests, benchmarks).
    public static func inMemory(options: Options = Options()) throws -> OrgService {
        OrgService(store: try SQLiteStore.inMemory(readOnly: options.readOnly), options: options)
    }

    /// An independent in-memory copy of this database as it is now (tests, benchmarks: seed once,
    /// start many times from the same data). Audit seals made before the copy do not verify in it.
    public func inMemoryCopy() throws -> OrgService {
        OrgService(store: try store.inMemoryCopy(), options: options)
    }

    /// Whether writes are refused.
    public var isReadOnly: Bool { options.readOnly }

    /// A number that changes whenever any connection (this process or another) commits.
    /// The console polls it to refresh what is on screen.
    public func changeToken() throws -> Int64 { try store.changeToken() }

    /// "Now", from the configured clock.
    var now: Date { options.clock() }

    /// "Now" as the core sees it (tests move the clock): front ends ask which month is current.
    public var currentDate: Date { now }

    var hasher: PasswordHasher { PasswordHasher(rounds: options.passwordRounds) }
}
