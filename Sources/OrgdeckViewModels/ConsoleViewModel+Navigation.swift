import OrgdeckCore

extension ConsoleViewModel {
    /// Shows a pane: built the first time in this context, read again when it comes back.
    func selectPane(_ pane: Pane) {
        // A refusal or a "cancelled" was about the pane being left.
        if let level = state.flash?.level, level == .warn || level == .note { state.flash = nil }
        pages = []
        state.stack = [.pane(pane)]
        if !buildPane(pane) {
            var effects: [Effect] = []
            apply(front?.reload() ?? [], &effects)
            front?.setViewport(rows: viewport.rows, columns: viewport.columns)
        }
        rememberPlace()
    }

    /// Opens a page (an app, a team) on top of the current screen.
    func pushPage(_ screen: Screen) {
        guard let env = environment else { return }
        let page = PaneRegistry.make(screen, env, previousApps: nil, firstFrame: false, viewport: viewport)
        page.setViewport(rows: viewport.rows, columns: viewport.columns)
        pages.append(page)
    }

    /// Leaves the page in front; the screen returned to is read again, as the page may have
    /// changed what it shows.
    func popPage() {
        guard !pages.isEmpty else { return }
        pages.removeLast()
        var effects: [Effect] = []
        apply(front?.reload() ?? [], &effects)
    }

    /// Applies what a pane asked for.
    func apply(_ reactions: [Reaction], _ effects: inout [Effect]) {
        for reaction in reactions {
            switch reaction {
            case .flash(let flash): state.flash = flash
            case .effect(.job(let request)): if admit(request) { effects.append(.job(request)) }
            case .effect(let effect): effects.append(effect)
            case .push(let screen): pushPage(screen)
            case .pop: popPage()
            case .secret(let title, let value): rootOverlay = .secret(title: title, value: value)
            case .showPane(let pane): selectPane(pane)
            case .badgesChanged: loadInvitations()
            case .membershipsChanged(let context):
                let flash = state.flash
                loadMemberships()
                loadInvitations()
                if let context {
                    switchContext(context)
                } else if let id = state.context.organizationID, !state.memberships.contains(where: { $0.organization.id == id }) {
                    switchContext(.personal)
                }
                state.flash = flash
            }
        }
    }
}
