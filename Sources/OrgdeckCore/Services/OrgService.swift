import Foundation

/// The one entry point of the domain core: every rule, permission check and audit
/// record happens behind these methods, whatever the front end.
///
/// Thread-safe; one instance per process is enough. Methods throw `CoreError`.
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

        public init(readOnly: Bool = false, clock: @escaping @Sendable () -> Date = { Date() },
                    passwordRounds: Int = 600_000, organizationsPerUser: Int = 1) {
            self.readOnly = readOnly; self.clock = clock
            self.passwordRounds = passwordRounds; self.organizationsPerUser = organizationsPerUser
        }
    }

    /// Opens (creating if needed) the database file at `path`: folder 0700, file 0600, WAL, migrations run.
    public static func open(path: String, options: Options = Options()) throws -> OrgService {
        fatalError("unimplemented")
    }

    /// A fresh in-memory database with the real migrations (tests, benchmarks).
    public static func inMemory(options: Options = Options()) throws -> OrgService {
        fatalError("unimplemented")
    }

    /// Whether writes are refused.
    public var isReadOnly: Bool { fatalError("unimplemented") }

    /// A number that changes whenever any connection (this process or another) commits.
    /// The console polls it to refresh what is on screen.
    public func changeToken() throws -> Int64 { fatalError("unimplemented") }
}

// MARK: - Accounts (PRODUCT.md §4)
extension OrgService {
    /// Creates an account. Validates username, display name, email (unique, case-insensitive) and password.
    public func signUp(username: String, displayName: String, email: String, password: String,
                       source: AuditSource) throws -> User { fatalError("unimplemented") }

    /// Checks credentials (`login` is a username or an email). Wrong credentials give one generic
    /// `.notAuthenticated` message; after 10 failures the account locks for 10 minutes and the
    /// message says until when. Rehashes the password if parameters changed.
    public func signIn(login: String, password: String, source: AuditSource) throws -> Session { fatalError("unimplemented") }

    public func user(id: Int64) throws -> User { fatalError("unimplemented") }
    public func user(username: String) throws -> User { fatalError("unimplemented") }
    /// Finds a user by username or (case-insensitive) email.
    public func user(login: String) throws -> User { fatalError("unimplemented") }
}

// MARK: - Organizations (PRODUCT.md §5)
extension OrgService {
    /// Creates an organization; the creator becomes its Admin. Refused at the per-user limit
    /// with "leave your current organization first".
    public func createOrganization(_ session: Session, id: String, name: String, billingEmail: String) throws -> Organization { fatalError("unimplemented") }
    public func organization(_ session: Session, id: String) throws -> Organization { fatalError("unimplemented") }
    /// The organizations the user belongs to, with their role, ordered by name.
    public func memberships(_ session: Session) throws -> [OrganizationMembership] { fatalError("unimplemented") }
    /// The user's role in the organization, or nil if not a member.
    public func role(_ session: Session, in organizationID: String) throws -> Role? { fatalError("unimplemented") }
    /// Members of an organization (any member may list them), ordered by username.
    public func members(_ session: Session, organizationID: String) throws -> [Member] { fatalError("unimplemented") }
    /// Whether the session may perform `action` in `context` (for greying out; the core checks again).
    public func isAllowed(_ session: Session, _ action: Action, in context: Context) -> Bool { fatalError("unimplemented") }
}

// MARK: - Apps (PRODUCT.md §6)
extension OrgService {
    /// A window of the apps visible in the context, pinned first, then by the query's order.
    public func apps(_ session: Session, in context: Context, query: AppQuery) throws -> Page<App> { fatalError("unimplemented") }
    public func app(_ session: Session, in context: Context, id: String) throws -> App { fatalError("unimplemented") }
    public func createApp(_ session: Session, in context: Context, id: String, name: String, description: String) throws -> App { fatalError("unimplemented") }
    /// Updates name and description; refused with `CoreError.stale` when `expectedVersion` is not current.
    public func updateApp(_ session: Session, in context: Context, id: String, name: String, description: String,
                          expectedVersion: Int) throws -> App { fatalError("unimplemented") }
    public func deleteApp(_ session: Session, in context: Context, id: String) throws { fatalError("unimplemented") }
    public func duplicateApp(_ session: Session, in context: Context, id: String, newID: String, newName: String?) throws -> App { fatalError("unimplemented") }
    /// Moves a personal app to an organization where the owner may create apps.
    public func transferApp(_ session: Session, id: String, toOrganization: String, newID: String?, newName: String?) throws -> App { fatalError("unimplemented") }
    public func setPinned(_ session: Session, in context: Context, id: String, pinned: Bool) throws { fatalError("unimplemented") }
}

// MARK: - Tokens (PRODUCT.md §8)
extension OrgService {
    /// Creates a token (`odk_` + 32 base62 + 6-character checksum). Only its SHA-256 is stored.
    public func createToken(_ session: Session, description: String, scopes: [String], expiresInDays: Int) throws -> NewToken { fatalError("unimplemented") }
    public func tokens(_ session: Session) throws -> [TokenInfo] { fatalError("unimplemented") }
    public func revokeToken(_ session: Session, id: String) throws { fatalError("unimplemented") }
    /// Resolves a token to a session; `.notAuthenticated` for malformed, unknown, expired or revoked tokens.
    public func authenticate(token: String, source: AuditSource) throws -> Session { fatalError("unimplemented") }
}

// MARK: - Audit (PRODUCT.md §7)
extension OrgService {
    /// Newest first; an Admin sees the organization's, others their own.
    public func auditEntries(_ session: Session, in context: Context, offset: Int, limit: Int) throws -> Page<AuditEntry> { fatalError("unimplemented") }
    /// Walks the whole chain and reports the first broken link.
    public func verifyAudit() throws -> AuditVerification { fatalError("unimplemented") }
}

// MARK: - Demo and benchmark data
extension OrgService {
    /// Fills an empty database with the demo organization, members in all four roles, teams,
    /// ~15 apps, a personal app of the admin's and a user outside the organization.
    /// Returns the demo admin's username. Idempotent: does nothing if the demo admin exists.
    @discardableResult
    public func seedDemo() throws -> String { fatalError("unimplemented") }

    /// Bulk-loads a large database for the benchmark: `apps` apps spread over `users` users and
    /// `organizations` organizations (raw statements in one transaction; seconds, not minutes).
    public func seedLarge(apps: Int, users: Int, organizations: Int) throws { fatalError("unimplemented") }
}
