import OrgdeckCore

extension ConsoleViewModel {
    func handleMenu(_ menu: ProfileMenuState, _ event: ConsoleEvent, _ effects: inout [Effect]) {
        var menu = menu
        switch event {
        case .move(.up): menu.move(-1)
        case .move(.down), .nextFocus: menu.move(1)
        case .top: menu.cursor = 0
        case .bottom: menu.cursor = menu.items.count - 1
        case .selectIndex(let index) where menu.items.indices.contains(index):
            menu.cursor = index
            state.overlay = .profileMenu(menu)
            handleMenu(menu, .open, &effects)
            return
        case .cancel, .back, .profileMenu, .quit: state.overlay = .none; return
        case .open, .submit:
            state.overlay = .none
            switch menu.selected {
            case .context(let context, let title, _):
                if context != state.context {
                    switchContext(context)
                    state.flash = .info("switched to \(title)")
                }
            case .addOrganization: state.overlay = .form(newOrganizationForm())
            case .pane(let pane): selectPane(pane)
            case .signOut: signOut()
            }
            return
        default: break
        }
        state.overlay = .profileMenu(menu)
    }

    func newOrganizationForm() -> FormState {
        FormState(purpose: .createOrganization, title: "Add an Organization", fields: [
            FormField(key: "name", label: "Organization name", hint: "unique, e.g. Acme Robotics", maxLength: 100),
            FormField(key: "id", label: "Organization ID", hint: "appears in commands: letters, digits, - or _", maxLength: 32),
            FormField(key: "billing", label: "Billing email", maxLength: 254),
        ], submitLabel: "Confirm")
    }

    func handleHelp(_ scroll: Int, _ event: ConsoleEvent) {
        switch event {
        case .move(.down): state.overlay = .help(scroll: scroll + 1)
        case .move(.up): state.overlay = .help(scroll: max(0, scroll - 1))
        case .pageDown: state.overlay = .help(scroll: scroll + 10)
        case .pageUp: state.overlay = .help(scroll: max(0, scroll - 10))
        default: state.overlay = .none
        }
    }

    /// Every command the palette knows, for completion.
    public func paletteCommands() -> [String] {
        var commands = Pane.allCases.map(\.command)
        commands += ["personal"] + state.memberships.map { "org \($0.organization.id)" }
        commands += themeNames.map { "theme \($0)" }
        commands += ["members", "teams", "invitations", "leave", "new-org", "help", "refresh", "signout", "quit"]
        return commands
    }

    func handlePalette(_ palette: PaletteState, _ event: ConsoleEvent, _ effects: inout [Effect]) {
        var palette = palette
        switch event {
        case .cancel, .back: state.overlay = .none; return
        case .nextFocus: palette.complete()
        case .move(.down): palette.move(1)
        case .move(.up): palette.move(-1)
        case .submit:
            let typed = palette.input.text.trimmingCharacters(in: .whitespaces)
            let command = typed.isEmpty ? (palette.completions.first ?? "") : typed
            state.overlay = .none
            if let error = runPaletteCommand(command, &effects) {
                palette.error = error
                state.overlay = .palette(palette)
            }
            return
        default:
            palette.input.apply(event)
            palette.refresh(commands: paletteCommands())
        }
        state.overlay = .palette(palette)
    }

    /// Runs `:command`; returns an error to show in the palette when it is not understood.
    func runPaletteCommand(_ line: String, _ effects: inout [Effect]) -> String? {
        let words = line.split(separator: " ").map(String.init)
        guard let head = words.first?.lowercased() else { return nil }
        let argument = words.dropFirst().joined(separator: " ")
        if let pane = Pane.allCases.first(where: { $0.command == head || ($0 == .myApps && head == "myapps") }) {
            selectPane(pane); return nil
        }
        switch head {
        case "members": selectPane(.account); account?.select(.members); return nil
        case "teams": selectPane(.account); account?.select(.teams); return nil
        case "tokens": selectPane(.security); return nil
        case "invitations", "inbox": openInbox(); return nil
        case "leave": preparePane(.account); if let account { apply(account.leave(), &effects) }; return nil
        case "personal": switchContext(.personal); state.flash = .info("switched to your personal account"); return nil
        case "org":
            guard let membership = state.memberships.first(where: { $0.organization.id.lowercased() == argument.lowercased() }) else {
                return argument.isEmpty ? "usage: org ID" : "you are not a member of an organization \"\(argument)\""
            }
            switchContext(.organization(membership.organization.id))
            state.flash = .info("switched to \(membership.organization.name)")
            return nil
        case "theme":
            guard !argument.isEmpty else { return "usage: theme NAME (one of \(themeNames.joined(separator: ", ")))" }
            effects.append(.applyTheme(argument)); return nil
        case "new-org": state.overlay = .form(newOrganizationForm()); return nil
        case "help": state.overlay = .help(scroll: 0); return nil
        case "refresh": refreshAfterExternalChange(); return nil
        case "signout": signOut(); return nil
        case "q", "quit": effects.append(.quit); return nil
        default: return "unknown command \"\(head)\"; Tab completes"
        }
    }

    func handleForm(_ form: FormState, _ event: ConsoleEvent) {
        var form = form
        switch event {
        case .cancel: state.overlay = .none; return
        case .submit:
            do {
                state.overlay = .none
                try submit(form)
            } catch {
                form.error = error.userMessage
                form.focus(field: (error as? CoreError)?.field)
                state.overlay = .form(form)
            }
            return
        default: editForm(&form, event)
        }
        state.overlay = .form(form)
    }

    /// Carries out a form; throws to keep it open with the error.
    func submit(_ form: FormState) throws {
        guard let session = state.session else { return }
        switch form.purpose {
        case .createOrganization:
            let org = try service.createOrganization(session, id: form.value("id"), name: form.value("name"),
                                                     billingEmail: form.value("billing"))
            loadMemberships()
            switchContext(.organization(org.id))
            state.flash = .info("created \(org.name); you are its Admin")
        case .createToken:
            guard let security else { return }
            let token = try security.create(form)
            state.overlay = .secret(title: "New token — shown once, copy it now", value: token)
        case .editOrganization, .invite, .createTeam, .renameTeam:
            guard let account else { return }
            state.flash = try account.submit(form)
            if case .invite = form.purpose { account.select(.invitations) }
            loadMemberships()
        case .changePassword:
            guard let account else { return }
            state.flash = try account.changePassword(form)
        case .addTeamMember, .addTeamApp, .teamPolicy:
            guard let team else { return }
            state.flash = try team.submit(form)
        case .createApp, .editApp, .duplicateApp, .transferApp, .editLabels:
            let actions = AppActions(service: service, session: session, context: state.context)
            let result = try actions.submit(form)
            state.flash = result.flash
            if case .transferApp = form.purpose, case .app = state.screen { popScreen() }
            appDetail?.reload()
            myApps?.reload(keeping: result.appID)
        }
    }

    func handleConfirm(_ confirm: ConfirmState, _ event: ConsoleEvent) {
        var confirm = confirm
        switch event {
        case .cancel: state.overlay = .none; state.flash = .info("cancelled"); return
        case .submit:
            guard confirm.isSatisfied else {
                confirm.error = "type \(confirm.requiredText ?? "") exactly to confirm"
                state.overlay = .confirm(confirm)
                return
            }
            state.overlay = .none
            do {
                switch confirm.purpose {
                case .deleteApp(let id):
                    guard let session = state.session else { return }
                    state.flash = try AppActions(service: service, session: session, context: state.context).delete(id: id)
                    if case .app = state.screen { popScreen() } else { myApps?.reload() }
                case .revokeToken(let id):
                    state.flash = try security?.revoke(id: id)
                case .removeTeamMember, .removeTeamApp:
                    state.flash = try team?.confirm(confirm.purpose)
                case .deleteOrganization, .leaveOrganization:
                    state.flash = try account?.confirm(confirm.purpose)
                    loadMemberships()
                    switchContext(.personal)
                    state.stack = [.pane(.myApps)]
                case .removeMember, .rescindInvitation, .deleteTeam:
                    state.flash = try account?.confirm(confirm.purpose)
                }
            } catch {
                state.flash = .error(error.userMessage)
            }
            return
        default:
            confirm.typed.apply(event)
            confirm.error = nil
        }
        state.overlay = .confirm(confirm)
    }

    func handleSecret(_ value: String, _ event: ConsoleEvent, _ effects: inout [Effect]) {
        switch event {
        case .copyID:
            effects.append(.copy(value))
            state.flash = .info("token copied")
        case .cancel, .back, .submit, .quit, .open:
            state.overlay = .none
        default: break
        }
    }
}
