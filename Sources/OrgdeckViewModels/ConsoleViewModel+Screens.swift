import OrgdeckCore

extension ConsoleViewModel {
    /// Events with no overlay open: global keys first, then the screen in front.
    func handleScreen(_ event: ConsoleEvent, _ effects: inout [Effect]) {
        if let apps = myApps, state.screen == .pane(.myApps), apps.state.filtering {
            handleFilter(apps, event)
            return
        }
        switch event {
        case .selectPane(let pane): selectPane(pane); return
        case .profileMenu:
            if let session = state.session {
                state.overlay = .profileMenu(ProfileMenuState(user: session.user, memberships: state.memberships, current: state.context))
            }
            return
        case .help: state.overlay = .help(scroll: 0); return
        case .palette:
            state.overlay = .palette(PaletteState(commands: paletteCommands()))
            return
        case .quit: effects.append(.quit); return
        case .inbox: openInbox(); return
        case .leave where state.screen != .pane(.account):
            preparePane(.account); if let account { apply(account.leave(), &effects) }
            return
        case .refresh:
            refreshAfterExternalChange()
            state.flash = .info("refreshed")
            return
        case .back where state.stack.count > 1:
            popScreen(); return
        default: break
        }
        switch state.screen {
        case .pane(.myApps): if let apps = myApps { handleMyApps(apps, event, &effects) }
        case .app: if let detail = appDetail { handleAppDetail(detail, event, &effects) }
        case .pane(.account): if let account { apply(account.handle(event), &effects) }
        case .team: if let team { apply(team.handle(event), &effects) }
        case .pane(.security): if let security { apply(security.handle(event), &effects) }
        case .pane: break
        }
    }

    func handleFilter(_ apps: MyAppsViewModel, _ event: ConsoleEvent) {
        switch event {
        case .move(let direction): apps.move(direction)
        case .submit: apps.commitFilter()
        case .cancel, .back: apps.clearFilter()
        default: apps.editFilter { $0.apply(event) }
        }
    }

    func handleMyApps(_ apps: MyAppsViewModel, _ event: ConsoleEvent, _ effects: inout [Effect]) {
        switch event {
        case .move(let direction): apps.move(direction)
        case .top: apps.moveToTop()
        case .bottom: apps.moveToBottom()
        case .pageUp: apps.page(false)
        case .pageDown: apps.page(true)
        case .selectIndex(let index): apps.select(index: index)
        case .filter: apps.startFilter()
        case .back, .cancel: apps.clearFilter()
        case .cycleSort: apps.cycleSort()
        case .toggleView: apps.toggleLayout()
        case .open: apply(apps.open(), &effects)
        case .new: apply(apps.new(), &effects)
        case .edit: apply(apps.edit(), &effects)
        case .duplicate: apply(apps.duplicate(), &effects)
        case .transfer: apply(apps.transfer(), &effects)
        case .delete: apply(apps.delete(), &effects)
        case .copyID: apply(apps.copyID(), &effects)
        case .pin: apply(apps.togglePin(), &effects)
        case .star: state.flash = .info("stars are for models and workflows; open an app to star them")
        default: break
        }
    }

    func handleAppDetail(_ detail: AppDetailViewModel, _ event: ConsoleEvent, _ effects: inout [Effect]) {
        switch event {
        case .move(let direction): detail.move(direction)
        case .selectIndex(let index) where AppSection.allCases.indices.contains(index): detail.select(AppSection.allCases[index])
        case .nextFocus: detail.move(.down)
        case .previousFocus: detail.move(.up)
        case .edit: apply(detail.edit(), &effects)
        case .duplicate: apply(detail.duplicate(), &effects)
        case .transfer: apply(detail.transfer(), &effects)
        case .delete: apply(detail.delete(), &effects)
        case .copyID: apply(detail.copyID(), &effects)
        case .pin: apply(detail.togglePin(), &effects)
        default: break
        }
    }

    // MARK: Sign-in

    func handleSignIn(_ event: ConsoleEvent, _ effects: inout [Effect]) {
        guard var signIn = state.signIn else { return }
        switch event {
        case .quit, .cancel: effects.append(.quit); return
        case .toggleSignUp:
            signIn = SignInState(mode: signIn.mode == .signIn ? .signUp : .signIn)
        case .submit:
            if signIn.form.focus < signIn.form.fields.count - 1 && signIn.form.fields[signIn.form.focus + 1].value.isEmpty {
                signIn.form.focusNext()
            } else {
                submitSignIn(&signIn)
                if state.signIn == nil { return }
            }
        default:
            editForm(&signIn.form, event)
        }
        state.signIn = signIn
    }

    func submitSignIn(_ signIn: inout SignInState) {
        let form = signIn.form
        do {
            let session: Session
            switch signIn.mode {
            case .signIn:
                session = try service.signIn(login: form.value("login"), password: form.fields[1].value.text, source: .tui)
            case .signUp:
                _ = try service.signUp(username: form.value("username"), displayName: form.value("name"),
                                       email: form.value("email"), password: form.fields[3].value.text, source: .tui)
                session = try service.signIn(login: form.value("username"), password: form.fields[3].value.text, source: .tui)
            }
            enter(session)
            state.flash = .info("signed in as \(session.user.username)")
        } catch {
            signIn.form.error = error.userMessage
            signIn.form.focus(field: (error as? CoreError)?.field)
            // A failed sign-in clears the password, never the login.
            if signIn.mode == .signIn { signIn.form.fields[1].value.clear(); signIn.form.focus = 1 }
        }
    }

    /// Text editing and focus moves shared by every form.
    func editForm(_ form: inout FormState, _ event: ConsoleEvent) {
        switch event {
        case .nextFocus, .move(.down): form.focusNext()
        case .previousFocus, .move(.up): form.focusPrevious()
        default: form.edit { $0.apply(event) }
        }
    }
}
