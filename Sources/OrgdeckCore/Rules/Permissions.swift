/// How far a role's permission for an action reaches (PRODUCT.md §5).
public enum Reach: String, Sendable, Equatable {
    /// Not allowed.
    case none
    /// Only apps of the member's teams (any team–app role).
    case teamApps
    /// Only apps where one of the member's teams holds the `contributor` team–app role.
    case contributorApps
    /// Allowed throughout the organization.
    case all
}

/// The permission matrix of PRODUCT.md §5 as data: one row per action, one column per role.
/// Later issues add rows (and actions); the checks in the service never change shape.
public enum Permissions {
    /// Rows of the matrix, in the order of the spec. Columns: Admin, OC, OU, TC.
    private static let matrix: [Action: [Role: Reach]] = [
        .seeApps:            [.admin: .all, .orgContributor: .all, .orgUser: .all, .teamContributor: .teamApps],
        .createApp:          [.admin: .all, .orgContributor: .all],
        .renameApp:          [.admin: .all, .orgContributor: .all],
        .duplicateApp:       [.admin: .all, .orgContributor: .all],
        .deleteApp:          [.admin: .all, .orgContributor: .all],
        .transferAppIn:      [.admin: .all, .orgContributor: .all],
        .editAppContent:     [.admin: .all, .orgContributor: .all, .teamContributor: .contributorApps],
        .predict:            [.admin: .all, .orgContributor: .all, .orgUser: .all, .teamContributor: .teamApps],
        .manageTeams:        [.admin: .all, .orgContributor: .all],
        .manageMembers:      [.admin: .all],
        .manageOrganization: [.admin: .all],
        .seeBilling:         [.admin: .all],
        .seeOwnUsage:        [.admin: .all, .orgContributor: .all, .orgUser: .all, .teamContributor: .all],
        .manageInvitations:  [.admin: .all],
        .labelApps:          [.admin: .all, .orgContributor: .all],
        .trainModels:        [.admin: .all, .orgContributor: .all, .teamContributor: .contributorApps],
        .setModelVisibility: [.admin: .all, .orgContributor: .all, .teamContributor: .contributorApps],
        .manageSecurity:     [.admin: .all],
        .manageBilling:      [.admin: .all],
        .manageCollaborators: [.admin: .all, .orgContributor: .all],
    ]

    /// How far `role` may perform `action` in an organization.
    public static func reach(_ action: Action, for role: Role) -> Reach {
        matrix[action]?[role] ?? .none
    }

    /// Whether `role` may perform `action` on everything of its kind in the organization.
    /// Team-limited reaches answer false here; they are decided per app.
    public static func allows(_ action: Action, for role: Role) -> Bool {
        reach(action, for: role) == .all
    }

    /// The roles that may perform `action` throughout the organization, in matrix order.
    public static func roles(allowedTo action: Action) -> [Role] {
        Role.allCases.filter { allows(action, for: $0) }
    }

    /// The one question front ends ask before opening a form: why `role` may not perform
    /// `action` (on an app it reaches through a team with `teamRole`), or nil when it may.
    /// Answered from the same matrix `OrgService` enforces. `role` is nil in the personal
    /// context, where the user owns everything. A team-limited reach with no app in view
    /// answers nil: the operation decides per app.
    public static func refusal(_ action: Action, role: Role?, teamRole: TeamAppRole? = nil,
                               appInView: Bool = false) -> String? {
        guard let role else { return nil }
        let allowed: Bool
        switch reach(action, for: role) {
        case .all: allowed = true
        case .none: allowed = false
        case .teamApps: allowed = !appInView || teamRole != nil
        case .contributorApps: allowed = !appInView || teamRole == .contributor
        }
        if allowed { return nil }
        let message = denialMessage(for: action)
        return reach(action, for: role) == .none ? message : message + " (or a team that grants it on this app)"
    }

    /// The refusal message: "creating apps requires role Admin or Organization Contributor".
    public static func denialMessage(for action: Action) -> String {
        let roles = roles(allowedTo: action).map(\.title)
        let who: String
        switch roles.count {
        case 0: who = "a role nobody holds"
        case 1: who = "role \(roles[0])"
        default: who = "role " + roles.dropLast().joined(separator: ", ") + " or " + roles.last!
        }
        return "\(action.activity) requires \(who)"
    }
}

extension Action {
    /// The action as the subject of a sentence, for messages.
    public var activity: String {
        switch self {
        case .seeApps: return "seeing apps"
        case .createApp: return "creating apps"
        case .renameApp: return "renaming apps"
        case .duplicateApp: return "duplicating apps"
        case .deleteApp: return "deleting apps"
        case .transferAppIn: return "transferring apps in"
        case .editAppContent: return "editing app content"
        case .predict: return "predicting"
        case .manageTeams: return "managing teams"
        case .manageMembers: return "managing members"
        case .manageOrganization: return "managing the organization"
        case .seeBilling: return "seeing consolidated billing"
        case .seeOwnUsage: return "seeing your own usage"
        case .manageInvitations: return "managing invitations"
        case .labelApps: return "labelling apps"
        case .trainModels: return "training models"
        case .setModelVisibility: return "changing a model's visibility"
        case .manageSecurity: return "managing security settings"
        case .manageBilling: return "managing billing settings"
        case .manageCollaborators: return "managing an app's collaborators"
        }
    }
}
