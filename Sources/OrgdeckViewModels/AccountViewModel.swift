import OrgdeckCore

/// The sections of the Account pane's sidebar in an organization.
public enum AccountSection: String, CaseIterable, Equatable, Sendable {
    case profile = "Profile"
    case members = "Members"
    case teams = "Teams"
    case invitations = "Invitations"
    case activity = "Activity"
}

/// The Account pane: the user's profile and activity in the personal context; in an
/// organization its settings, with Profile, Members, Teams, Invitations and Activity in a sidebar. Every change goes through
/// the core, which enforces the roles; each section refuses on the key what the role may not do.
public final class AccountViewModel: SectionedPage {
    let env: PaneEnvironment

    public init(env: PaneEnvironment) {
        self.env = env
        let sections: [any SectionModel]
        if env.context.organizationID != nil {
            sections = [OrganizationProfileSection(env: env), MembersSection(env: env), TeamsSection(env: env),
                        InvitationsSection(env: env), ActivitySection(env: env)]
        } else {
            sections = [PersonalProfileSection(env: env), ActivitySection(env: env)]
        }
        super.init(screen: .pane(.account), sections: sections)
        _ = reload()
    }

    public var context: Context { env.context }
    public var role: Role? { env.role }

    /// The section in front.
    public var accountSection: AccountSection {
        AccountSection.allCases.first { $0.rawValue == section.title } ?? .profile
    }

    /// Shows a section (the palette's `:members`, `:teams`).
    public func select(_ section: AccountSection) {
        show(titled: section.rawValue)
    }

    /// The sections available in this context.
    public var accountSections: [AccountSection] {
        sections.compactMap { section in AccountSection.allCases.first { $0.rawValue == section.title } }
    }

    // MARK: Inviting from Members

    /// Members are added by invitation (the web portal's Invite Member sits on its Members
    /// page): `n` there opens Invitations with its invite form.
    override func pageSend(_ event: ConsoleEvent) -> [Reaction]? {
        guard event == .new, accountSection == .members, let index = sections.firstIndex(where: { $0 is InvitationsSection })
        else { return nil }
        if let reason = env.refusal(.manageInvitations) { return refused(reason) }
        let shown = show(index)
        return shown + (section.send(.new) ?? [])
    }

    override var pageCommands: [PaneCommand] {
        accountSection == .members ? [PaneCommand(.new, "invite", refusal: env.refusal(.manageInvitations))] : []
    }
}
