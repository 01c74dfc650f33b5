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
        let password = try Validation.password(password)
        if let rule = PasswordPolicy().violation(of: password, username: username, email: email) {
            throw CoreError.invalid("password", rule.message)
        }
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
    /// `.notAuthenticated` message. Failures are counted per attempted name, known or not, and the
    /// attempt is counted in the write that reads the counter, before the password is hashed: so
    /// however many guesses arrive in parallel (threads, processes), at most the account's
    /// `lockout_after` (its organizations' policy; `maxFailedSignIns` for an unknown name) are
    /// ever checked before the name locks for `lockout_minutes`, and an unknown name locks with
    /// the same message and timing as a real one. A right password clears the counter, is
    /// rehashed if the parameters changed, and is checked against the policy now in force (the
    /// session says why it must be changed, if it must). Every sign-in is audited.
    ///
    /// The counter and the lock are written even in read-only mode (see `SQLiteStore.write`).
    public func signIn(login: String, password: String, source: AuditSource) throws -> Session {
        let attempt = try reserveSignIn(login: login)
        switch attempt.outcome {
        case .locked(let until):
            throw Self.lockedError(remaining: until.timeIntervalSince(now))
        case .unknown:
            hasher.verifyDummy(password)
            try recordFailedSignIn(attempt, username: nil, source: source)
        case .known(let stored):
            let check = verify(password, against: stored.passwordHash)
            guard case .right(let needsRehash) = check else {
                try recordFailedSignIn(attempt, username: stored.user.username, source: source)
            }
            let newHash = needsRehash ? try hashPassword(Validation.normalizedPassword(password)) : nil
            // The policy now in force is checked against the password as typed: a tightened
            // policy or an expired password bites here, at the next sign-in.
            let reason = try store.write(bookkeeping: true) { tx -> String? in
                try tx.clearSignInCounter(name: attempt.counterName)
                try tx.recordSuccessfulSignIn(userID: stored.user.id, newPasswordHash: newHash, at: now)
                let reason = try requiredChange(tx, user: stored.user, password: password, at: now)
                try tx.setPasswordChangeReason(userID: stored.user.id, reason)
                try tx.appendAudit(AuditRecord(at: now, actor: stored.user.username, organizationID: nil, action: "user.signin",
                                               target: stored.user.username, details: reason.map { "password change required: \($0)" } ?? "",
                                               source: source, outcome: "ok"))
                return reason
            }
            Log.info("signed in \(stored.user.username) (\(source.rawValue))")
            return Session(user: stored.user, source: source, passwordChangeReason: reason)
        }
    }

    /// Whom a sign-in attempt names, and whether it may be checked at all.
    struct SignInAttempt {
        enum Outcome {
            case known(StoredUser)
            case unknown
            case locked(until: Date)
        }
        var outcome: Outcome
        /// `user:<id>` or `name:<login>`: the counter this attempt was charged to.
        var counterName: String
        /// This attempt's place among the failures in a row (1 for the first).
        var number: Int
        /// The failures in a row that lock the name, and for how long (the account's policy).
        var limit: Int
        var lockout: TimeInterval
    }

    /// Charges one attempt to the name's counter inside a write, before any hashing. The attempt
    /// that reaches the limit locks the name at once (a right password still clears it); later
    /// ones are refused as locked without being checked.
    func reserveSignIn(login: String) throws -> SignInAttempt {
        try store.write(bookkeeping: true) { tx in
            let at = now
            // Counters are kept as long as the longest lock any policy may set; each account's own
            // window (its lockout minutes) decides below when its failures stop counting.
            try tx.pruneSignInCounters(before: at.addingTimeInterval(-Self.longestLockout), now: at)
            let stored = try findUser(tx, login: login)
            let name = stored.map { "user:\($0.user.id)" } ?? "name:" + Self.counterKey(login)
            let (limit, minutes): (Int, Int)
            if let stored {
                let policy = try effectivePolicy(tx, userID: stored.user.id)
                (limit, minutes) = (policy.lockoutAfter, policy.lockoutMinutes)
            } else {
                (limit, minutes) = try tx.strictestLockout()
            }
            let lockout = Double(minutes) * 60
            var counter = try tx.signInCounter(name: name) ?? SignInCounter(attempts: 0, lockedUntil: nil)
            if let until = counter.lockedUntil {
                if until > at {
                    return SignInAttempt(outcome: .locked(until: until), counterName: name, number: counter.attempts,
                                         limit: limit, lockout: lockout)
                }
                counter = SignInCounter(attempts: 0, lockedUntil: nil)
            } else if let last = counter.lastAt, at.timeIntervalSince(last) > lockout {
                counter = SignInCounter(attempts: 0, lockedUntil: nil)   // failures older than the window no longer count
            }
            counter.attempts += 1
            if counter.attempts >= limit { counter.lockedUntil = at.addingTimeInterval(lockout) }
            try tx.setSignInCounter(name: name, counter, at: at)
            return SignInAttempt(outcome: stored.map { .known($0) } ?? .unknown, counterName: name, number: counter.attempts,
                                 limit: limit, lockout: lockout)
        }
    }

    /// Audits a failed attempt (and the lock, when this one reached the limit), then refuses.
    func recordFailedSignIn(_ attempt: SignInAttempt, username: String?, source: AuditSource) throws -> Never {
        let locks = attempt.number >= attempt.limit
        try store.write(bookkeeping: true) { tx in
            try tx.appendAudit(AuditRecord(at: now, actor: username, organizationID: nil, action: "user.signin_failed",
                                           target: username ?? "", details: username == nil ? "unknown account" : "failure \(attempt.number)",
                                           source: source, outcome: "denied"))
            if locks {
                try tx.appendAudit(AuditRecord(at: now, actor: username, organizationID: nil, action: "user.locked",
                                               target: username ?? "", details: "after \(attempt.number) failed sign-ins"
                                                   + (username == nil ? " (unknown account)" : ""),
                                               source: source, outcome: "ok"))
            }
        }
        if locks {
            if let username { Log.warning("locked account \(username) after repeated failed sign-ins") }
            throw Self.lockedError(remaining: attempt.lockout, prefix: "too many failed sign-ins: ")
        }
        throw Self.wrongCredentials
    }

    /// The counter key of a login that names no account: trimmed and lower-cased like a lookup.
    static func counterKey(_ login: String) -> String {
        String(login.trimmingCharacters(in: .whitespaces).lowercased().prefix(Validation.maxEmailLength))
    }

    /// Checks a password against a stored hash in its NFC form, and in the form it was typed when
    /// that differs: hashes made before passwords were normalised still sign in (and are re-hashed).
    func verify(_ password: String, against storedHash: String) -> PasswordHasher.Check {
        let normalized = Validation.normalizedPassword(password)
        let check = hasher.verify(normalized, against: storedHash)
        if case .right = check { return check }
        // Swift's == compares canonically equivalent strings as equal; the bytes hashed differ.
        guard !normalized.unicodeScalars.elementsEqual(password.unicodeScalars),
              case .right = hasher.verify(password, against: storedHash) else { return check }
        return .right(needsRehash: true)
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
