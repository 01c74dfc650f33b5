/// Where a change came from, as recorded in the audit log.
public enum AuditSource: String, Sendable, Codable {
    case tui
    case cli
    /// `orgdeck serve` itself: SSH sign-ins, refusals and session ends.
    case ssh
}

/// A signed-in user acting through one front end.
public struct Session: Equatable, Sendable {
    public var user: User
    public var source: AuditSource
    /// Why the password must be changed before anything else (it breaks the policy now in force,
    /// or has expired), as found at sign-in; nil when it need not be.
    public var passwordChangeReason: String?
    /// What a token session may do; nil for a session signed in with a password (all of it).
    public var scopes: Set<TokenScope>?

    public init(user: User, source: AuditSource, passwordChangeReason: String? = nil, scopes: Set<TokenScope>? = nil) {
        self.user = user; self.source = source
        self.passwordChangeReason = passwordChangeReason; self.scopes = scopes
    }

    /// Refuses (forbidden) a token session without `scope`, naming it.
    public func require(_ scope: TokenScope) throws {
        guard let scopes, !scopes.contains(scope) else { return }
        throw CoreError.forbidden("this token lacks the scope \(scope.rawValue): create one with --scopes \(scope.rawValue)")
    }
}
