import OrgdeckCore

/// One line of the profile drop-down.
public enum MenuItem: Equatable, Sendable {
    /// Switch to this context; `title` is the account or organization name, `detail` the role.
    case context(Context, title: String, detail: String)
    case addOrganization
    case pane(Pane)
    case signOut
}

/// The profile drop-down of the seed: contexts, `+ Add an Organization`, the six panes, Sign Out.
public struct ProfileMenuState: Equatable, Sendable {
    public var items: [MenuItem]
    public var cursor: Int

    public init(user: User, memberships: [OrganizationMembership], current: Context) {
        var items: [MenuItem] = [.context(.personal, title: user.username, detail: "personal")]
        for membership in memberships {
            items.append(.context(.organization(membership.organization.id),
                                  title: membership.organization.name, detail: membership.role.title))
        }
        items.append(.addOrganization)
        items += Pane.allCases.map { MenuItem.pane($0) }
        items.append(.signOut)
        self.items = items
        // Open on the current context so Enter is a no-op and ↓ reaches the next one.
        self.cursor = items.firstIndex { if case .context(let c, _, _) = $0 { return c == current }; return false } ?? 0
    }

    public mutating func move(_ delta: Int) {
        cursor = min(max(0, cursor + delta), items.count - 1)
    }

    public var selected: MenuItem { items[cursor] }
}
