import OrgdeckViewModels

extension ConsoleRenderer {
    /// Hints for the Account pane's current section; what the role may not do is greyed.
    func accountHints(_ model: ConsoleViewModel, _ hint: (KeyAction, String, Bool) -> FooterView.Hint) -> [FooterView.Hint] {
        let allowed = model.state.allowed
        guard let account = model.account else { return [] }
        if account.state.searching {
            return [FooterView.Hint(key: "Enter", label: "keep search", enabled: true), FooterView.Hint(key: "Esc", label: "clear", enabled: true)]
        }
        let inOrganization = account.state.organization != nil
        switch account.state.section {
        case .profile:
            guard inOrganization else {
                return [hint(.edit, "change password", !model.state.readOnly), hint(.leave, "leave organization", !account.state.memberships.isEmpty),
                        hint(.inbox, "invitations", true),
                        hint(.profile, "profile menu", true), hint(.quit, "quit", true)]
            }
            return [hint(.nextFocus, "sections", true), hint(.edit, "edit profile", allowed.contains(.manageOrganization)),
                    hint(.delete, "delete organization", allowed.contains(.manageOrganization)), hint(.leave, "leave", true)]
        case .members:
            let manage = allowed.contains(.manageMembers)
            return [hint(.nextFocus, "sections", true), hint(.open, "change role", manage), hint(.delete, "remove", manage),
                    hint(.filter, "search", true), hint(.copyID, "copy username", true)]
        case .teams:
            let manage = allowed.contains(.manageTeams)
            return [hint(.nextFocus, "sections", true), hint(.open, "open", true), hint(.new, "new team", manage),
                    hint(.edit, "rename", manage), hint(.delete, "delete", manage), hint(.filter, "search", true)]
        case .invitations:
            let manage = allowed.contains(.manageInvitations)
            return [hint(.nextFocus, "sections", true), hint(.new, "invite", manage), hint(.edit, "resend", manage),
                    hint(.delete, "rescind", manage), hint(.copyID, "copy ID", true)]
        }
    }
}
