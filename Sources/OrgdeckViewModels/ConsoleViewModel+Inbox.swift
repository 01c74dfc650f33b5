import OrgdeckCore

extension ConsoleViewModel {
    /// Opens the invitations the user has received (after sign-in, the header badge, `:invitations`).
    func openInbox() {
        guard let session = state.session else { return }
        do {
            state.overlay = .inbox(InboxState(invitations: try service.receivedInvitations(session)))
        } catch { state.flash = .error(error.userMessage) }
    }

    /// Enter accepts the selected invitation, `d` declines it, Esc closes.
    func handleInbox(_ inbox: InboxState, _ event: ConsoleEvent) {
        var inbox = inbox
        guard let session = state.session else { return }
        switch event {
        case .move(.down): inbox.cursor = min(inbox.cursor + 1, max(0, inbox.invitations.count - 1))
        case .move(.up): inbox.cursor = max(0, inbox.cursor - 1)
        case .selectIndex(let index) where inbox.invitations.indices.contains(index): inbox.cursor = index
        case .cancel, .back, .quit, .inbox: state.overlay = .none; return
        case .open, .submit:
            guard let invitation = inbox.selected else { state.overlay = .none; return }
            do {
                let membership = try service.acceptInvitation(session, id: invitation.id)
                state.overlay = .none
                loadMemberships()
                loadInvitations()
                switchContext(.organization(membership.organization.id))
                state.flash = .info("you joined \(membership.organization.name) as \(membership.role.title)")
                return
            } catch {
                inbox.error = error.userMessage
            }
        case .delete:
            guard let invitation = inbox.selected else { return }
            do {
                try service.declineInvitation(session, id: invitation.id)
                inbox.invitations.remove(at: inbox.cursor)
                inbox.cursor = min(inbox.cursor, max(0, inbox.invitations.count - 1))
                loadInvitations()
                state.flash = .info("declined the invitation to \(invitation.organizationName)")
            } catch { inbox.error = error.userMessage }
        default: break
        }
        state.overlay = .inbox(inbox)
    }

    /// Enter applies the picked option, Esc closes.
    func handlePicker(_ picker: PickerState, _ event: ConsoleEvent) {
        var picker = picker
        switch event {
        case .move(.down), .nextFocus: picker.move(1)
        case .move(.up), .previousFocus: picker.move(-1)
        case .selectIndex(let index) where picker.options.indices.contains(index):
            picker.cursor = index
            state.overlay = .none
            if let account { state.flash = account.pick(picker) }
            return
        case .cancel, .back, .quit: state.overlay = .none; return
        case .open, .submit:
            state.overlay = .none
            if let account { state.flash = account.pick(picker) }
            return
        default: break
        }
        state.overlay = .picker(picker)
    }
}
