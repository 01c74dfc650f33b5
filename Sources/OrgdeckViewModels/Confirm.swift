/// What a confirmation is for.
public enum ConfirmPurpose: Equatable, Sendable {
    case deleteApp(id: String)
    case revokeToken(id: String)
    case removeMember(username: String)
    case rescindInvitation(id: String)
    case deleteTeam(id: String)
    case removeTeamMember(teamID: String, username: String)
    case removeTeamApp(teamID: String, appID: String)
    case deleteOrganization(id: String)
    case leaveOrganization(id: String)
}

/// A confirm dialog for a destructive action. When `requiredText` is set the user must type it
/// (the ID) before Enter does anything — the k9s lesson: deletes are never one keystroke.
public struct ConfirmState: Equatable, Sendable {
    public var purpose: ConfirmPurpose
    public var title: String
    public var message: String
    public var requiredText: String?
    public var typed: TextField
    public var error: String?

    public init(purpose: ConfirmPurpose, title: String, message: String, requiredText: String?) {
        self.purpose = purpose; self.title = title; self.message = message
        self.requiredText = requiredText; self.typed = TextField("", maxLength: 200); self.error = nil
    }

    /// Whether Enter may carry out the action.
    public var isSatisfied: Bool { requiredText == nil || typed.text == requiredText }
}
