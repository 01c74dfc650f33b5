import OrgdeckCore

/// What a picker is choosing.
public enum PickerPurpose: Equatable, Sendable {
    case memberRole(username: String)
}

/// A short list of options to pick one from, e.g. the four roles.
public struct PickerState: Equatable, Sendable {
    public var purpose: PickerPurpose
    public var title: String
    /// (value, label, detail) triples; `value` is what the choice carries.
    public var options: [PickerOption]
    public var cursor: Int

    public init(purpose: PickerPurpose, title: String, options: [PickerOption], selected: String?) {
        self.purpose = purpose; self.title = title; self.options = options
        self.cursor = options.firstIndex { $0.value == selected } ?? 0
    }

    public mutating func move(_ delta: Int) { cursor = min(max(0, cursor + delta), options.count - 1) }
    public var selected: PickerOption { options[cursor] }

    /// The role picker for a member.
    public static func role(for member: Member) -> PickerState {
        PickerState(purpose: .memberRole(username: member.user.username), title: "Role of \(member.user.username)",
                    options: Role.allCases.map { PickerOption(value: $0.rawValue, label: $0.title, detail: $0.summary) },
                    selected: member.role.rawValue)
    }
}

/// One choice of a picker.
public struct PickerOption: Equatable, Sendable {
    public var value: String
    public var label: String
    public var detail: String
}

extension Role {
    /// A name short enough for table columns (at most 16 characters).
    public var shortTitle: String {
        switch self {
        case .admin: return "Admin"
        case .orgContributor: return "Org Contributor"
        case .orgUser: return "Org User"
        case .teamContributor: return "Team Contributor"
        }
    }

    /// One line on what the role may do (PRODUCT.md §5).
    public var summary: String {
        switch self {
        case .admin: return "everything, including members, billing and security"
        case .orgContributor: return "works on every app and manages teams"
        case .orgUser: return "sees every app and predicts; changes nothing"
        case .teamContributor: return "only the apps of their teams"
        }
    }
}

/// The invitations a user has received, to accept or decline.
public struct InboxState: Equatable, Sendable {
    public var invitations: [Invitation]
    public var cursor: Int
    public var error: String?

    public init(invitations: [Invitation]) { self.invitations = invitations; cursor = 0; error = nil }
    public var selected: Invitation? { invitations.indices.contains(cursor) ? invitations[cursor] : nil }
}
