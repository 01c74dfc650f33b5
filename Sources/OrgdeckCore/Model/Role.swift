/// A member's role in an organization (PRODUCT.md §5).
public enum Role: String, CaseIterable, Sendable, Codable, Hashable {
    case admin = "admin"
    case orgContributor = "org-contributor"
    case orgUser = "org-user"
    case teamContributor = "team-contributor"

    /// The name shown to users.
    public var title: String {
        switch self {
        case .admin: return "Admin"
        case .orgContributor: return "Organization Contributor"
        case .orgUser: return "Organization User"
        case .teamContributor: return "Team Contributor"
        }
    }
}
