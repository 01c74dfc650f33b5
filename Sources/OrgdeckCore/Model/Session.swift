/// Where a change came from, as recorded in the audit log.
public enum AuditSource: String, Sendable, Codable {
    case tui
    case cli
}

/// A signed-in user acting through one front end.
public struct Session: Equatable, Sendable {
    public var user: User
    public var source: AuditSource

    public init(user: User, source: AuditSource) {
        self.user = user; self.source = source
    }
}
