import OrgdeckCore

extension ConsoleViewModel {
    // MARK: Sign-in

    func handleSignIn(_ event: ConsoleEvent, _ effects: inout [Effect]) {
        guard var signIn = state.signIn else { return }
        switch event {
        // Esc on the sign-up form goes back to signing in; on the first screen it quits.
        case .cancel where signIn.mode == .signUp: signIn = signIn.switched()
        case .quit, .cancel: effects.append(.quit); return
        case .toggleSignUp:
            guard signIn.mode != .changePassword else { break }
            signIn = signIn.switched()
        case .submit:
            if signIn.form.focus < signIn.form.fields.count - 1 && signIn.form.fields[signIn.form.focus + 1].value.isEmpty {
                signIn.form.focusNext()
            } else {
                submitSignIn(&signIn)
                if state.signIn == nil { return }
            }
        default:
            signIn.form.apply(event)
        }
        state.signIn = signIn
    }

    func submitSignIn(_ signIn: inout SignInState) {
        let form = signIn.form
        do {
            let session: Session
            switch signIn.mode {
            case .changePassword:
                guard var pending = signIn.pending else { return }
                guard form.rawValue("new") == form.rawValue("repeat") else {
                    throw CoreError.invalid("repeat", "the two new passwords differ")
                }
                try service.changePassword(pending, current: form.rawValue("current"), new: form.rawValue("new"))
                pending.passwordChangeReason = nil
                session = pending
            case .signIn:
                session = try service.signIn(login: form.value("login"), password: form.rawValue("password"), source: .tui)
            case .signUp:
                _ = try service.signUp(username: form.value("username"), displayName: form.value("display_name"),
                                       email: form.value("email"), password: form.rawValue("password"), source: .tui)
                session = try service.signIn(login: form.value("username"), password: form.rawValue("password"), source: .tui)
            }
            enter(session)
            // A password that must be changed first leaves a new sign-in screen, the change form.
            if let next = state.signIn { signIn = next; return }
            state.flash = .info(signIn.mode == .changePassword ? "password changed; signed in as \(session.user.username)"
                                                               : "signed in as \(session.user.username)")
        } catch {
            signIn.form.error = error.userMessage
            signIn.form.focus(field: (error as? CoreError)?.field)
            // A failed sign-in clears the password, never the login. A failed change clears the
            // passwords at fault: the new ones, and the current one only when it was wrong (it
            // was cleared with them, and the cursor left below it, so the next try failed on it).
            if signIn.mode == .signIn { signIn.form.fields[1].value.clear(); signIn.form.focus = 1 }
            if signIn.mode == .changePassword {
                let currentWrong = (error as? CoreError)?.field == "current"
                for index in signIn.form.fields.indices where currentWrong || signIn.form.fields[index].key != "current" {
                    signIn.form.fields[index].value.clear()
                }
                signIn.form.focus = currentWrong ? 0 : 1
            }
        }
    }

    /// Signs in: loads memberships and lands where the user left (their last context, pane and
    /// section, when still theirs), else on My Apps in the personal context. Before the first
    /// frame only what that frame shows is read; the invitations wait for `settle`.
    func enter(_ session: Session) {
        if let reason = session.passwordChangeReason {
            state.signIn = .changePassword(session, reason: reason, requirements: service.passwordRequirements(session))
            return
        }
        state.session = session
        state.signIn = nil
        rootOverlay = nil
        loadMemberships()
        var context = Context.personal
        var pane = Pane.myApps
        var gone: String?
        let place = memory?.place(for: session.user.username)
        remembered = place
        // The user's grid or list, not the previous user's of this terminal.
        appsLayout = place?.layout.flatMap(AppLayout.init(rawValue:)).map { layout in
            var apps = MyAppsState(context: .personal)
            apps.layout = layout
            return apps
        }
        if let place {
            if place.context != "personal" {
                if state.memberships.contains(where: { $0.organization.id == place.context }) {
                    context = .organization(place.context)
                } else {
                    gone = place.context
                }
            }
            pane = Pane(rawValue: place.pane) ?? .myApps
        }
        state.stack = [.pane(pane)]
        switchContext(context, remember: false)
        if gone == nil, let title = place?.section, let page = front as? SectionedPage {
            var effects: [Effect] = []
            apply(page.show(titled: title), &effects)
        }
        if gone == nil, let item = place?.item {
            if settled { selectInPane(item) } else { itemToRestore = item }
        }
        rememberPlace()
        if let gone {
            // Where the user left is no longer theirs: say so rather than land elsewhere silently.
            state.flash = .info("you are no longer in \(gone); this is your personal account")
        }
        if settled { settleAfterSignIn() }
    }

    /// After the first frame: the counts the first window skipped, the invitations badge, and
    /// the invitations themselves when there are any.
    func settle() {
        settled = true
        if let item = itemToRestore { itemToRestore = nil; selectInPane(item) }
        front?.settle()
        if state.session != nil { settleAfterSignIn() }
    }

    func settleAfterSignIn() {
        loadInvitations()
        if state.invitationCount > 0, rootOverlay == nil, open == nil, let session = state.session,
           let received = try? service.receivedInvitations(session) {
            rootOverlay = .inbox(InboxState(invitations: received))
        }
    }

    /// Counts the invitations waiting for the user, and reads the budget alert of the context
    /// (the header badges).
    func loadInvitations() {
        guard let session = state.session else { return }
        state.invitationCount = (try? service.receivedInvitations(session).count) ?? 0
        state.budgetAlert = service.budgetAlert(session, in: state.context)
    }

    func loadMemberships() {
        guard let session = state.session else { return }
        state.memberships = (try? service.memberships(session)) ?? []
    }

    /// The environment panes are built with in the current context.
    var environment: PaneEnvironment? {
        state.session.map { PaneEnvironment(service: service, session: $0, context: state.context, role: state.role, remote: remote,
                                               keys: keys) }
    }

    /// Switches context (one keystroke from the profile menu): the pane stays, its model is
    /// built anew for the context; the other panes are built when next shown. `remember`:
    /// false while sign-in restores a place, which is remembered once whole.
    public func switchContext(_ context: Context, remember: Bool = true) {
        guard let session = state.session else { return }
        // The grid/list choice and the order are the user's, not the context's.
        if let apps = myApps?.state { appsLayout = apps }
        state.context = context
        pages = []
        panes = [:]
        rootOverlay = nil
        open = nil
        buildPane(state.pane)
        state.budgetAlert = settled ? service.budgetAlert(session, in: context) : nil
        if remember { rememberPlace() }
        syncState()
    }

    /// Builds the pane's model for the current context the first time it is shown.
    @discardableResult
    func buildPane(_ pane: Pane) -> Bool {
        guard panes[pane] == nil, let env = environment else { return false }
        let model = PaneRegistry.make(.pane(pane), env, previousApps: appsLayout, firstFrame: !settled,
                                       viewport: viewport)
        model.setViewport(rows: viewport.rows, columns: viewport.columns)
        panes[pane] = model
        return true
    }

    func signOut() {
        state = ConsoleState(readOnly: state.readOnly)
        panes = [:]; pages = []; rootOverlay = nil; open = nil
        state.flash = .info("signed out")
    }

    /// Records the current context, pane and section for the next sign-in (only when one of
    /// them changed: the memory is a file); `leaving` (quit, sign-out), the item under the
    /// pane's cursor too.
    func rememberPlace(leaving: Bool = false) {
        guard let memory, let user = state.session?.user.username else { return }
        let place = Place(context: state.context.organizationID ?? "personal", pane: state.pane.rawValue,
                          section: (panes[state.pane] as? SectionedPage)?.section.title,
                          layout: (myApps?.state ?? appsLayout)?.layout.rawValue, item: leaving ? paneItemID : nil)
        // Between leavings the item is not followed: a place that differs only by it is the same.
        guard place != remembered, leaving || place != remembered.map({ var kept = $0; kept.item = nil; return kept }) else { return }
        remembered = place
        memory.remember(place, for: user)
    }

    /// Another process changed the database: read again what is on screen, keeping cursors on
    /// their items. A role changed elsewhere rebuilds the panes, so what they offer follows it.
    func refreshAfterExternalChange() {
        guard let session = state.session else { return }
        let role = state.role
        loadMemberships()
        loadInvitations()
        if let id = state.context.organizationID, !state.memberships.contains(where: { $0.organization.id == id }) {
            switchContext(.personal)
            state.flash = .warn("you are no longer a member of \(id)")
            return
        }
        if state.role != role {
            let paneSection = (panes[state.pane] as? SectionedPage)?.section
            let place = (section: paneSection.map { ($0.title, Self.itemID(in: $0)) }, apps: myApps?.state,
                         app: pages.first.flatMap { page -> (id: String, section: String, item: String?)? in
                             guard case .app(let id) = page.screen, let detail = page as? AppPageViewModel else { return nil }
                             return (id, detail.section.title, Self.itemID(in: detail.section))
                         })
            // Everything is built again for the new role; then the user is put back where they
            // were, as far as the role still reaches: the section, the app and its section, the
            // apps' filter and the app under the cursor. Open dialogs close (they were offered
            // for the old role).
            switchContext(state.context)
            if let (title, item) = place.section, let page = panes[state.pane] as? SectionedPage {
                page.show(titled: title)
                if page.section.title == title { Self.select(item, in: page.section) }
            }
            if let apps = place.apps { myApps?.carryOver(apps) }
            if let app = place.app, state.pane == .myApps, (try? service.app(session, in: state.context, id: app.id)) != nil {
                pushPage(.app(app.id))
                if let detail = appDetail {
                    detail.show(titled: app.section)
                    if detail.section.title == app.section { Self.select(app.item, in: detail.section) }
                }
                syncState()
            }
            state.flash = .warn("your role in \(state.contextTitle) is now \(state.role?.title ?? "none")")
            return
        }
        var effects: [Effect] = []
        if let page = pages.last {
            apply(page.reload(), &effects)
        } else {
            apply(front?.reload() ?? [], &effects)
        }
    }
}

extension ConsoleViewModel {
    /// The item under the cursor of a list (My Apps, Models, Members…), nil for other screens.
    static func itemID(in section: any PaneModel) -> String? {
        (section as? any ItemSelecting)?.selectedItemID
    }

    /// Puts a list's cursor back on `item`, when it is still listed.
    static func select(_ item: String?, in section: any PaneModel) {
        guard let item, let list = section as? any ItemSelecting else { return }
        list.selectItem(item)
    }

    /// The item under the cursor of the pane in front of the pages (its section's, in a pane
    /// with sections).
    var paneItemID: String? {
        guard let pane = panes[state.pane] else { return nil }
        return Self.itemID(in: (pane as? SectionedPage)?.section ?? pane)
    }

    /// Puts the pane's cursor (its section's) on `item`, when it is still listed.
    func selectInPane(_ item: String) {
        guard let pane = panes[state.pane] else { return }
        Self.select(item, in: (pane as? SectionedPage)?.section ?? pane)
        syncState()
    }
}
