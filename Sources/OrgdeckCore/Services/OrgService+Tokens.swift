import Foundation

// MARK: - Tokens (PRODUCT.md §8)
extension OrgService {
    /// Creates a token (`odk_` + 32 base62 + 6-character checksum). Only its SHA-256 is stored.
    /// `expiresInDays` must be 1–365 (`defaultTokenExpiryDays` is 90), or up to the lowest
    /// `max_token_days` of the user's organizations. `scopes` are `TokenScope` names; none
    /// means every scope. Refused while the password must be changed.
    public func createToken(_ session: Session, description: String, scopes: [String], expiresInDays: Int) throws -> NewToken {
        if isReadOnly { throw CoreError.readOnly }
        if let reason = session.passwordChangeReason {
            throw CoreError.forbidden("your password must be changed first: \(reason); run orgdeck password change")
        }
        let description = try Validation.description(description)
        let parsed = try Set(scopes.map(TokenScope.parse))
        let granted = (parsed.isEmpty ? Set(TokenScope.allCases) : parsed).sorted()
        let secret = TokenCodec.generate()
        let info = try change { tx in
            if let reason = try Self.refusal(expiresInDays: expiresInDays, effectivePolicy(tx, userID: session.user.id)) {
                throw CoreError.invalid("expires_in_days", reason)
            }
            let at = now
            let info = try tx.insertToken(userID: session.user.id, description: description, scopes: granted.map(\.rawValue),
                                          sha256: TokenCodec.storedHash(of: secret), lastFour: String(secret.suffix(4)),
                                          createdAt: at, expiresAt: at.addingTimeInterval(Double(expiresInDays) * 86_400))
            try tx.appendAudit(record(session, organizationID: nil, action: "token.create", target: info.id,
                                      details: "expires in \(expiresInDays) days; scopes \(granted.map(\.rawValue).joined(separator: " "))"))
            return info
        }
        Log.info("created token \(info.id) for \(session.user.username)")
        return NewToken(secret: secret, info: info)
    }

    /// Why a token of the session user may not expire after `days` (nil: it may), by the limit
    /// `createToken` enforces; asked before the scopes are picked.
    public func refusalToTokenExpiry(_ session: Session, days: Int) throws -> String? {
        try store.read { tx in try Self.refusal(expiresInDays: days, effectivePolicy(tx, userID: session.user.id)) }
    }

    /// The most days a token of the session user may live: 365, or less by their
    /// organization's `max_token_days`.
    public func maxTokenDays(_ session: Session) throws -> Int {
        try store.read { tx in min(Self.maxTokenExpiryDays, try effectivePolicy(tx, userID: session.user.id).maxTokenDays) }
    }

    private static func refusal(expiresInDays days: Int, _ policy: PasswordPolicy) -> String? {
        let limit = min(maxTokenExpiryDays, policy.maxTokenDays)
        guard !(1...limit).contains(days) else { return nil }
        return "a token expires after 1 to \(limit) days" + (limit < maxTokenExpiryDays ? " (your organization's max_token_days)" : "")
    }

    /// The session user's tokens, newest first (never the secrets).
    public func tokens(_ session: Session) throws -> [TokenInfo] {
        try store.read { tx in try tx.tokens(userID: session.user.id) }
    }

    /// Revokes one of the session user's tokens. Someone else's token is "not found".
    /// Revoking a revoked token changes nothing; the result says when it was revoked.
    @discardableResult
    public func revokeToken(_ session: Session, id: String) throws -> TokenRevocation {
        if isReadOnly { throw CoreError.readOnly }
        return try change { tx in
            guard let token = try tx.token(publicID: id), token.info.userID == session.user.id else {
                throw CoreError.notFound("no token \(Validation.visible(id))")
            }
            if let revokedAt = token.info.revokedAt { return TokenRevocation(id: token.info.id, revokedAt: revokedAt, already: true) }
            let at = now
            try tx.revokeToken(publicID: token.info.id, at: at)
            try tx.appendAudit(record(session, organizationID: nil, action: "token.revoke", target: token.info.id))
            return TokenRevocation(id: token.info.id, revokedAt: at, already: false)
        }
    }

    /// The refusal of a well-formed token that this database does not hold.
    public static let unknownToken = CoreError.notAuthenticated("unknown token: this database holds no such token")

    /// How stale a token's recorded last use may get: reads record it at most this often.
    static let lastUseResolution: TimeInterval = 60

    /// Resolves a token to a session; `.notAuthenticated` for malformed, unknown, expired or revoked tokens.
    /// The checksum is checked before any lookup, so typos never touch the database.
    ///
    /// Authenticating is a read: the token's last use is recorded at most once a minute, in a
    /// write that is skipped rather than waited for when another process holds the write lock
    /// (or the disk is full), so a command that only reads never blocks or fails on a write.
    public func authenticate(token: String, source: AuditSource) throws -> Session {
        let token = token.trimmingCharacters(in: .whitespacesAndNewlines)
        guard TokenCodec.isWellFormed(token) else { throw CoreError.notAuthenticated("malformed token") }
        let hash = TokenCodec.storedHash(of: token)
        let at = now
        let (stored, user) = try store.read { tx -> (StoredToken, StoredUser) in
            guard let stored = try tx.token(sha256: hash) else { throw Self.unknownToken }
            if stored.info.revokedAt != nil { throw CoreError.notAuthenticated("token \(stored.info.id) was revoked") }
            if stored.info.expiresAt <= at { throw CoreError.notAuthenticated("token \(stored.info.id) has expired") }
            guard let user = try tx.user(id: stored.info.userID) else { throw Self.unknownToken }
            return (stored, user)
        }
        if stored.info.lastUsedAt.map({ at.timeIntervalSince($0) >= Self.lastUseResolution }) ?? true {
            do {
                _ = try store.writeIfFree { tx in try tx.touchToken(publicID: stored.info.id, at: at) }
            } catch {
                Log.warning("could not record the last use of \(stored.info.id): \(error)")
            }
        }
        // "*": a token made before scopes were enforced, which keeps every scope.
        let scopes = stored.info.scopes.contains("*") ? nil : Set(stored.info.scopes.compactMap(TokenScope.init(rawValue:)))
        return Session(user: user.user, source: source, scopes: scopes)
    }
}
