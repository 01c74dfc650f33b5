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
/// Every line has its own key, shown beside it, so switching context is one keystroke: the
/// personal account `0`, an organization the first free letter of its name, a pane its number,
/// `+` adds an organization, `x` signs out. The personal account has a digit, not the first
/// letter of the username, so an organization's key is the same for every member (Acme is `a`
/// for all, not `c` for Ada because `a` was hers).
public struct ProfileMenuState: Equatable, Sendable {
    public var items: [MenuItem]
    /// The key of each item, in `items` order.
    public var keys: [String]
    public var cursor: Int
    /// Why `+ Add an Organization` would be refused now (the line is greyed with it), or nil.
    public var addRefusal: String?

    public init(user: User, memberships: [OrganizationMembership], current: Context, addRefusal: String? = nil) {
        self.addRefusal = addRefusal
        var items: [MenuItem] = [.context(.personal, title: user.username, detail: "personal")]
        for membership in memberships {
            items.append(.context(.organization(membership.organization.id),
                                  title: membership.organization.name, detail: membership.role.title))
        }
        items.append(.addOrganization)
        items += Pane.allCases.map { MenuItem.pane($0) }
        items.append(.signOut)
        self.items = items
        self.keys = Self.assignKeys(items)
        // Open on the current context so Enter is a no-op and ↓ reaches the next one.
        self.cursor = items.firstIndex { if case .context(let c, _, _) = $0 { return c == current }; return false } ?? 0
    }

    static func assignKeys(_ items: [MenuItem]) -> [String] {
        var used: Set<Character> = ["x"]
        let alphabet = Array("abcdefghijklmnopqrstuvwyz")
        return items.map { item in
            switch item {
            case .addOrganization: return "+"
            case .pane(let pane): return String(pane.rawValue)
            case .signOut: return "x"
            case .context(.personal, _, _): return "0"
            case .context(_, let title, _):
                let preferred = title.lowercased().filter { $0.isLetter && $0.isASCII }
                guard let letter = preferred.first(where: { !used.contains($0) }) ?? alphabet.first(where: { !used.contains($0) }) else {
                    return ""
                }
                used.insert(letter)
                return String(letter)
            }
        }
    }

    public mutating func move(_ delta: Int) {
        cursor = min(max(0, cursor + delta), items.count - 1)
    }

    public var selected: MenuItem { items[cursor] }

    /// The item a typed key picks, if any.
    public func item(forKey key: String) -> Int? { key.isEmpty ? nil : keys.firstIndex(of: key.lowercased()) }
}
