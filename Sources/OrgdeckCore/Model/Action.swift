/// Everything the permission matrix speaks of (PRODUCT.md §5). Later issues add cases.
public enum Action: String, CaseIterable, Sendable {
    case seeApps = "app.see"
    case createApp = "app.create"
    case renameApp = "app.rename"
    case duplicateApp = "app.duplicate"
    case deleteApp = "app.delete"
    case transferAppIn = "app.transfer_in"
    case editAppContent = "app.edit_content"
    case predict = "app.predict"
    case manageTeams = "team.manage"
    case manageMembers = "member.manage"
    case manageOrganization = "org.manage"
    case seeBilling = "billing.see"
    case seeOwnUsage = "usage.see_own"
    /// Send, list, rescind and resend the organization's invitations.
    case manageInvitations = "invitation.manage"
    /// Set and remove an app's compliance labels (an app setting, like its name).
    case labelApps = "app.label"
    /// Queue, cancel and delete model versions.
    case trainModels = "model.train"
    /// Make a model public or private.
    case setModelVisibility = "model.visibility"
    /// Set the organization's password policy (and, with their issue, identity providers).
    case manageSecurity = "security.manage"
    /// Set the organization's budget, rate card and billing email.
    case manageBilling = "billing.manage"
    /// Share an app with collaborators, change their scopes, remove them.
    case manageCollaborators = "app.collaborators"
}

extension Action {
    /// Whether performing it changes data (and so is refused in read-only mode).
    public var isChange: Bool {
        switch self {
        case .seeApps, .predict, .seeBilling, .seeOwnUsage: return false
        default: return true
        }
    }
}
