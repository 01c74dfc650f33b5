import Foundation

// MARK: - Accounts (PRODUCT.md §4)
extension OrgService {
    /// The one message for an unknown login and a wrong password, so neither reveals the other.
    static let wrongCredentials = CoreError.notAuthenticated("wrong username or password")

    /// Creates an account. Validates username, display name, email (unique, case-insensitive) and password.
    public func signUp(username: String, displayName: String, email: String, password: String,
                       source: AuditSource) throws -> User {
        if isReadOnly { throw CoreError.readOnly }
        let username = try Validation.username(username)
        let displayName = try Validation.name(displayName, field: "display_name")
        let email = try Validation.email(email)
        try Validation.password(password)
        // Hashing is deliberately slow: do it before taking the write lock.
        let passwordHash = try hashPassword(password)
        let user = try change { tx -> User in
            if try tx.user(username: username) != nil {
                throw CoreError.conflict("username \(username) is taken", field: "username")
            }
            if try tx.user(email: email) != nil {
                throw CoreError.conflict("an account with email \(email) already exists", field: "email")
            }
            let user = try tx.insertUser(username: username, displayName: displayName, email: email,
                                         passwordHash: passwordHash, at: now)
            try tx.appendAudit(AuditRecord(at: now, actor: username, organizationID: nil, action: "user.signup",
                                           target: username, details: "", source: source, outcome: "ok"))
            return user
        }
        Log.info("signed up \(username)")
        return user
    }

    func hashPassword(_ password: String) throws -> String {
        do { return try hasher.hash(password) } catch {
            throw CoreError(.failure, "could not hash the password: \(error)")
        }
    }

    /// Checks credentials (`login` is a username or an email). Wrong credentials give one generic
    /// `.notAuthenticated` message; after 10 failures the account locks for 10 minutes and the
    /// message says until when. Rehashes the password if parameters changed.
    ///
    /// The failure counter and the lock are written even in read-only mode (see `SQLiteStore.write`).
    public func signIn(login: String, password: String, source: AuditSource) throws -> Session {
        let found = try store.read { tx in try findUser(tx, login: login) }
        guard let stored = found else {
            hasher.verifyDummy(password)
            try store.write(bookkeeping: true) { tx in
                try tx.appendAudit(AuditRecord(at: now, actor: nil, organizationID: nil, action: "user.signin_failed",
                                               target: "", details: "unknown account", source: source, outcome: "denied"))
            }
            throw Self.wrongCredentials
        }
        let start = now
        if let lockedUntil = stored.lockedUntil, lockedUntil > start {
            throw Self.lockedError(remaining: lockedUntil.timeIntervalSince(start))
        }
        switch hasher.verify(password, against: stored.passwordHash) {
        case .wrong:
            let locked = try store.write(bookkeeping: true) { tx -> Bool in
                // Re-read inside the write lock: another process may have counted failures too.
                let current = try tx.user(id: stored.user.id)?.failedAttempts ?? stored.failedAttempts
                let failures = current + 1
                let username = stored.user.username
                try tx.appendAudit(AuditRecord(at: now, actor: username, organizationID: nil, action: "user.signin_failed",
                                               target: username, details: "failure \(failures)", source: source,
                                               outcome: "denied"))
                if failures >= Self.maxFailedSignIns {
                    try tx.recordFailedSignIn(userID: stored.user.id, failedAttempts: 0,
                                              lockedUntil: now.addingTimeInterval(Self.lockoutDuration))
                    try tx.appendAudit(AuditRecord(at: now, actor: username, organizationID: nil, action: "user.locked",
                                                   target: username, details: "after \(failures) failed sign-ins",
                                                   source: source, outcome: "ok"))
                    return true
                }
                try tx.recordFailedSignIn(userID: stored.user.id, failedAttempts: failures, lockedUntil: nil)
                return false
            }
            if locked {
                Log.warning("locked account \(stored.user.username) after repeated failed sign-ins")
                throw Self.lockedError(remaining: Self.lockoutDuration, prefix: "too many failed sign-ins: ")
            }
            throw Self.wrongCredentials
        case .right(let needsRehash):
            let newHash = needsRehash ? try hashPassword(password) : nil
            try store.write(bookkeeping: true) { tx in
                try tx.recordSuccessfulSignIn(userID: stored.user.id, newPasswordHash: newHash, at: now)
            }
            Log.info("signed in \(stored.user.username) (\(source.rawValue))")
            return Session(user: stored.user, source: source)
        }
    }

    /// "account locked for 9 more minutes; try again later".
    static func lockedError(remaining: TimeInterval, prefix: String = "") -> CoreError {
        let minutes = max(1, Int((remaining / 60).rounded(.up)))
        return .notAuthenticated("\(prefix)account locked for \(minutes) more minute\(minutes == 1 ? "" : "s"); try again later")
    }

    /// A username (any case) or an email.
    func findUser(_ tx: StoreTransaction, login: String) throws -> StoredUser? {
        let login = login.trimmingCharacters(in: .whitespaces)
        if login.contains("@") { return try tx.user(email: login) }
        return try tx.user(username: login.lowercased())
    }

    /// The account with this internal ID, or `.notFound`.
    public func user(id: Int64) throws -> User {
        guard let user = try store.read({ tx in try tx.user(id: id) }) else {
            throw CoreError.notFound("no user with ID \(id)")
        }
        return user.user
    }

    /// The account with this username (any case), or `.notFound`.
    public func user(username: String) throws -> User {
        guard let user = try store.read({ tx in try tx.user(username: username.lowercased()) }) else {
            throw CoreError.notFound("no user \(Validation.visible(username))")
        }
        return user.user
    }

    /// Finds a user by username or (case-insensitive) email.
    public func user(login: String) throws -> User {
        guard let user = try store.read({ tx in try findUser(tx, login: login) }) else {
            throw CoreError.notFound("no user \(Validation.visible(login))")
        }
        return user.user
    }
}
