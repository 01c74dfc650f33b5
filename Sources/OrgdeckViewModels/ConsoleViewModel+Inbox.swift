import OrgdeckCore

extension ConsoleViewModel {
    /// Opens the invitations the user has received (after sign-in, the header badge, `:invitations`).
    func openInbox() {
        guard let session = state.session else { return }
        do {
            rootOverlay = .inbox(InboxState(invitations: try service.receivedInvitations(session)))
        } catch { state.flash = .error(error.userMessage) }
    }

    /// `a` accepts the selected invitation, `d` declines it after a confirm, Enter shows its
    /// details, Esc closes.
    func handleInbox(_ inbox: InboxState, _ event: ConsoleEvent, _ effects: inout [Effect]) {
        var inbox = inbox
        guard let session = state.session else { return }
        if inbox.list.navigate(event) { rootOverlay = .inbox(inbox); return }
        switch event {
        case .cancel, .back, .quit, .inbox: rootOverlay = nil; return
        case .accept:
            guard let invitation = inbox.selected else { inbox.error = "no invitation to act on"; break }
            if let reason = environment?.refusalToChange { inbox.error = reason; break }
            do {
                let membership = try service.acceptInvitation(session, id: invitation.id)
                rootOverlay = nil
                apply([.membershipsChanged(switchTo: .organization(membership.organization.id))], &effects)
                state.flash = .info("you joined \(membership.organization.name) as \(membership.role.title)")
                return
            } catch { inbox.error = error.userMessage }
        case .delete:
            guard let invitation = inbox.selected else { inbox.error = "no invitation to act on"; break }
            if let reason = environment?.refusalToChange { inbox.error = reason; break }
            rootOverlay = nil
            inboxUnderneath = inbox
            apply(present(.confirm(ConfirmState(title: "Decline invitation",
                message: "Decline the invitation to \(invitation.organizationName) (\(invitation.organizationID)) as "
                    + "\(invitation.role.title)? Its Admins would have to invite you again.", requiredText: nil, verb: "decline")),
                          for: .decline(invitationID: invitation.id)), &effects)
            return
        case .open, .submit:
            guard let invitation = inbox.selected else { inbox.error = "no invitation to act on"; break }
            rootOverlay = nil
            inboxUnderneath = inbox
            apply(present(.info(InfoState(title: "Invitation to \(invitation.organizationName)", rows: [
                InfoRow("Organization", "\(invitation.organizationName) (\(invitation.organizationID))"),
                InfoRow("Role", invitation.role.title), InfoRow("Teams", invitation.teams.isEmpty ? "none" : invitation.teams.joined(separator: ", ")),
                InfoRow("From", invitation.invitedBy), InfoRow("Sent", invitation.sentAt.utcDay), InfoRow("Expires", invitation.expiresAt.utcDay),
            ])), for: .invitationDetails), &effects)
            return
        default: break
        }
        rootOverlay = .inbox(inbox)
    }

    /// The inbox's keys, for the footer and `?`.
    var inboxCommands: [PaneCommand] {
        let none: String? = {
            if case .inbox(let inbox) = rootOverlay, inbox.selected == nil { return "no invitation" }
            return nil
        }()
        let change = none ?? environment?.refusalToChange
        return [PaneCommand(.accept, "accept", refusal: change), PaneCommand(.delete, "decline", refusal: change),
                PaneCommand(.open, "details", refusal: none), PaneCommand(.cancel, "later")]
    }
}
