import OrgdeckCore

extension ConsoleViewModel {
    func handleOverlay(_ overlay: RootOverlay, _ event: ConsoleEvent, _ effects: inout [Effect]) {
        switch overlay {
        case .profileMenu(let menu): handleMenu(menu, event, &effects)
        case .help(let scroll): handleHelp(scroll, event)
        case .palette(let palette): handlePalette(palette, event, &effects)
        case .inbox(let inbox): handleInbox(inbox, event, &effects)
        case .secret(_, let value):
            switch event {
            case .copyID: effects.append(.copySecret(value, what: "the secret"))
            case .cancel, .back, .submit, .quit, .open: rootOverlay = nil
            default: break
            }
        }
    }

    // MARK: Profile menu

    /// The menu takes letters: each line's key picks it at once.
    func handleMenu(_ menu: ProfileMenuState, _ event: ConsoleEvent, _ effects: inout [Effect]) {
        var menu = menu
        switch event {
        case .move(.up), .previousFocus: menu.move(-1)
        case .move(.down), .nextFocus: menu.move(1)
        case .top: menu.cursor = 0
        case .bottom: menu.cursor = menu.items.count - 1
        case .text(let key):
            guard let index = menu.item(forKey: key) else { break }
            menu.cursor = index
            choose(menu.selected, &effects)
            return
        case .selectIndex(let index) where menu.items.indices.contains(index):
            choose(menu.items[index], &effects)
            return
        case .cancel, .back, .profileMenu, .quit: rootOverlay = nil; return
        case .open, .submit: choose(menu.selected, &effects); return
        default: break
        }
        rootOverlay = .profileMenu(menu)
    }

    func choose(_ item: MenuItem, _ effects: inout [Effect]) {
        rootOverlay = nil
        switch item {
        case .context(let context, let title, _): depart(.context(context, title: title), &effects)
        case .addOrganization: apply(beginNewOrganization(), &effects)
        case .pane(let pane): depart(.pane(pane), &effects)
        case .signOut: depart(.signOut, &effects)
        }
    }

    // MARK: Help

    /// Help scrolls as a list does (↑↓, PgUp/PgDn, g/G and Home/End), stopping at its ends so
    /// that a way back up is never spent on rows past the last; any other key closes it, and
    /// any key at all when it has nothing to scroll.
    func handleHelp(_ scroll: Int, _ event: ConsoleEvent) {
        // All in sight: every key closes it, as its last line says.
        guard helpScrollLimit > 0 else { rootOverlay = nil; return }
        let page = max(1, viewport.rows - 2)
        let target: Int
        switch event {
        case .move(.down): target = scroll + 1
        case .move(.up): target = scroll - 1
        case .pageDown: target = scroll + page
        case .pageUp: target = scroll - page
        case .top: target = 0
        case .bottom: target = Int.max
        default: rootOverlay = nil; return
        }
        rootOverlay = .help(scroll: min(max(0, target), helpScrollLimit))
    }

    /// The furthest help scrolls, in the steps the view scrolls by: each heading and each key
    /// but the first of its section (which would show as its heading did). The view lays out
    /// the same lines (a heading, the keys, a blank between sections) and stops at the first
    /// step from which the rest is in sight; counted here against one line fewer per column
    /// break, where a section cut in two repeats its heading, so the end is always reached.
    var helpScrollLimit: Int {
        let sections = helpSections.filter { !$0.commands.isEmpty }
        var lines: [HelpSection.Line] = []
        for (index, section) in sections.enumerated() {
            if index > 0 { lines.append(.blank) }
            lines.append(.heading)
            lines += Array(repeating: .key, count: section.commands.count)
        }
        let rows = viewport.rows - 1
        let columns = HelpSection.columns(screenWidth: viewport.columns, lines: lines.count, rows: rows)
        guard rows > 0, lines.count > rows * columns else { return 0 }
        let room = rows * columns - (columns - 1)
        let steps = HelpSection.scrollSteps(lines)
        // From a key inside a section, its heading is repeated on top: a line more.
        return steps.firstIndex { lines.count - $0 + (lines[$0] == .key ? 1 : 0) <= room } ?? max(0, steps.count - 1)
    }

    // MARK: The console's own dialogs

    /// Why adding an organization is refused now (read-only, or the per-user limit), or nil:
    /// asked before the form opens and shown greyed in the profile menu.
    var refusalToAddOrganization: String? {
        environment?.refusalToChange ?? service.refusalToCreateOrganization(memberships: state.memberships.count)
    }

    func beginNewOrganization() -> [Reaction] {
        if let reason = refusalToAddOrganization { return refused(reason) }
        return present(.form(FormState(title: "Add an Organization", fields: [
            FormField(key: "name", label: "Organization name", hint: "unique, e.g. Acme Robotics", maxLength: 100),
            FormField(key: "id", label: "Organization ID", hint: "appears in commands: letters, digits, - or _", maxLength: 32),
            FormField(key: "billing_email", label: "Billing email", maxLength: 254),
        ], submitLabel: "Confirm")), for: .createOrganization)
    }

    /// Why `L` leaves nothing from the personal account's panes (its Account pane's list leaves
    /// the organization highlighted there).
    static let leaveFromPersonal = "this is your personal account: switch to the organization you want to leave first, "
        + "or leave it from the list in Account"

    /// `L`: leave the organization in front (refused in the personal account).
    func beginLeave() -> [Reaction] {
        guard !state.memberships.isEmpty else { return refused("you belong to no organization") }
        // Only the organization in front: leaving one the screen does not show would surprise.
        guard let org = state.context.organizationID.flatMap({ id in state.memberships.first { $0.organization.id == id } })?
            .organization else {
            return refused(Self.leaveFromPersonal)
        }
        if let reason = environment?.refusalToChange { return refused(reason) }
        return present(.confirm(.leave(org)), for: .leave(organizationID: org.id))
    }

    func carryOut(_ purpose: RootPurpose, _ dialog: Dialog) throws -> [Reaction] {
        guard let session = state.session else { return [] }
        switch (purpose, dialog) {
        case (.createOrganization, .form(let form)):
            let org = try service.createOrganization(session, id: form.value("id"), name: form.value("name"),
                                                     billingEmail: form.value("billing_email"))
            return [.membershipsChanged(switchTo: .organization(org.id)), .flash(.info("created \(org.name); you are its Admin"))]
        case (.leave(let id), .confirm):
            try service.leaveOrganization(session, organizationID: id)
            return [.membershipsChanged(switchTo: .personal), .showPane(.myApps), .flash(.info("you left \(id)"))]
        case (.decline(let id), .confirm):
            let invitation = inboxUnderneath?.invitations.first { $0.id == id }
            try service.declineInvitation(session, id: id)
            loadInvitations()
            if var inbox = inboxUnderneath, let received = try? service.receivedInvitations(session) {
                inbox.list.show(received)
                inboxUnderneath = inbox
            }
            return [.flash(.info("declined the invitation to \(invitation?.organizationName ?? id)"))]
        case (.depart(let departure), .confirm):
            return make(departure)
        case (.createOrganization, _), (.leave, _), (.decline, _), (.invitationDetails, _), (.depart, _):
            return []
        }
    }
}
