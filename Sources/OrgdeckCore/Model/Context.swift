/// Whose resources the user is working with: their own, or an organization's.
/// Mirrors the profile drop-down of the seed (and k9s's context).
public enum Context: Hashable, Sendable, CustomStringConvertible {
    case personal
    case organization(String)
    /// Another user's personal account (by username), reached only through the apps they shared.
    case user(String)

    /// The organization ID, or nil for the personal account.
    public var organizationID: String? {
        if case .organization(let id) = self { return id }
        return nil
    }

    public var description: String {
        switch self {
        case .personal: return "personal"
        case .organization(let id): return id
        case .user(let username): return "@" + username
        }
    }
}

/// Who owns an app.
public enum Owner: Hashable, Sendable {
    case user(Int64)
    case organization(String)
}
