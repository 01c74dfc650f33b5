import OrgdeckCore

/// The root view model: sign-in, contexts, the navigation stack, overlays and the flash line.
/// It forwards events to the child model of the screen in front (Bubble Tea's composable views).
public final class ConsoleViewModel {
    public internal(set) var state: ConsoleState
    public internal(set) var myApps: MyAppsViewModel?
    public internal(set) var appDetail: AppDetailViewModel?
    public internal(set) var account: AccountViewModel?
    public internal(set) var security: SecurityViewModel?
    public internal(set) var team: TeamViewModel?
    /// Theme names offered by `:theme` completion; set by the runtime.
    public var themeNames: [String] = []
    let service: OrgService

    public init(service: OrgService, session: Session? = nil) {
        self.service = service
        self.state = ConsoleState(readOnly: service.isReadOnly)
        if let session { enter(session) }
    }

    /// Whether printable keys are text (a form, the palette, a confirm dialog or the filter is active).
    public var acceptsText: Bool {
        if state.signIn != nil { return true }
        switch state.overlay {
        case .form, .palette, .confirm: return true
        case .none:
            switch state.screen {
            case .pane(.myApps): return myApps?.state.filtering ?? false
            case .pane(.account): return account?.acceptsText ?? false
            case .team: return team?.acceptsText ?? false
            default: return false
            }
        default: return false
        }
    }

    /// Handles one event; returns what the runtime must do.
    @discardableResult
    public func send(_ event: ConsoleEvent) -> [Effect] {
        var effects: [Effect] = []
        if case .externalChange = event { refreshAfterExternalChange(); return [] }
        if case .viewport(let rows, let columns) = event { myApps?.setViewport(rows: rows, gridColumns: columns); return [] }
        if case .redraw = event { return [.redraw] }
        if state.signIn != nil {
            handleSignIn(event, &effects)
            return effects
        }
        switch state.overlay {
        case .none: handleScreen(event, &effects)
        case .profileMenu(let menu): handleMenu(menu, event, &effects)
        case .help(let scroll): handleHelp(scroll, event)
        case .palette(let palette): handlePalette(palette, event, &effects)
        case .form(let form): handleForm(form, event)
        case .confirm(let confirm): handleConfirm(confirm, event)
        case .secret(_, let value): handleSecret(value, event, &effects)
        case .picker(let picker): handlePicker(picker, event)
        case .inbox(let inbox): handleInbox(inbox, event)
        }
        return effects
    }

    /// Shows a message in the flash line (the runtime uses it for theme errors and the like).
    public func flash(_ flash: Flash?) { state.flash = flash }

    // MARK: Session and context

    /// Signs in: loads memberships, opens My Apps in the personal context.
    func enter(_ session: Session) {
        state.session = session
        state.signIn = nil
        state.stack = [.pane(.myApps)]
        state.overlay = .none
        loadMemberships()
        switchContext(.personal)
        loadInvitations()
        if state.invitationCount > 0, let received = try? service.receivedInvitations(session) {
            state.overlay = .inbox(InboxState(invitations: received))
        }
    }

    /// Counts the invitations waiting for the user (the header badge).
    func loadInvitations() {
        guard let session = state.session else { return }
        state.invitationCount = (try? service.receivedInvitations(session).count) ?? 0
    }

    func loadMemberships() {
        guard let session = state.session else { return }
        state.memberships = (try? service.memberships(session)) ?? []
    }

    /// Switches context (one keystroke from the profile menu) and reloads every pane for it.
    public func switchContext(_ context: Context) {
        guard let session = state.session else { return }
        state.context = context
        state.stack = [.pane(state.pane)]
        appDetail = nil
        team = nil
        state.allowed = Set(Action.allCases.filter { service.isAllowed(session, $0, in: context) })
        myApps = MyAppsViewModel(service: service, session: session, context: context, like: myApps?.state)
        // The Account and Security panes are read when first shown, so the first frame after
        // sign-in or a context switch costs only the My Apps window.
        account = nil
        security = nil
        preparePane(state.pane)
    }

    func signOut() {
        state = ConsoleState(readOnly: state.readOnly)
        myApps = nil; appDetail = nil; account = nil; security = nil; team = nil
        state.flash = .info("signed out")
    }

    /// Another process changed the database: re-read what is on screen, keeping cursors.
    func refreshAfterExternalChange() {
        guard state.session != nil else { return }
        loadMemberships()
        loadInvitations()
        if let id = state.context.organizationID, !state.memberships.contains(where: { $0.organization.id == id }) {
            switchContext(.personal)
            state.flash = .warn("you are no longer a member of \(id)")
            return
        }
        myApps?.reload()
        account?.reload()
        security?.reload()
        if let team, team.reload() == .pop {
            popScreen()
            state.flash = .warn("team \(team.state.teamID) was deleted elsewhere")
        }
        if let detail = appDetail, detail.reload() == .pop {
            popScreen()
            state.flash = .warn("app \(detail.state.appID) was deleted elsewhere")
        }
    }

    // MARK: Navigation stack

    func push(_ screen: Screen) {
        guard let session = state.session else { return }
        if case .app(let id) = screen {
            appDetail = AppDetailViewModel(service: service, session: session, context: state.context, appID: id)
        }
        if case .team(let id) = screen, let org = state.context.organizationID {
            team = TeamViewModel(service: service, session: session, organizationID: org, teamID: id)
        }
        state.stack.append(screen)
    }

    func popScreen() {
        guard state.stack.count > 1 else { return }
        state.stack.removeLast()
        if case .app = state.screen {} else { appDetail = nil }
        if case .team = state.screen {} else { team = nil }
        // Re-read only the list being returned to: the page may have changed what it shows.
        switch state.screen {
        case .pane(.myApps): myApps?.reload()
        case .pane(.account): account?.reload()
        default: break
        }
    }

    /// Creates the view model of a pane the first time it is shown in this context.
    func preparePane(_ pane: Pane) {
        guard let session = state.session else { return }
        if pane == .account, account == nil {
            account = AccountViewModel(service: service, session: session, context: state.context)
        }
        if pane == .security, security == nil {
            security = SecurityViewModel(service: service, session: session)
        }
    }

    func selectPane(_ pane: Pane) {
        let fresh = (pane == .account && account == nil) || (pane == .security && security == nil)
        preparePane(pane)
        state.stack = [.pane(pane)]
        appDetail = nil
        team = nil
        if fresh { return }
        switch pane {
        case .myApps: myApps?.reload()
        case .account: account?.reload()
        case .security: security?.reload()
        default: break
        }
    }

    /// Applies what a child model asked for.
    func apply(_ reactions: [Reaction], _ effects: inout [Effect]) {
        for reaction in reactions {
            switch reaction {
            case .flash(let flash): state.flash = flash
            case .form(let form): state.overlay = .form(form)
            case .confirm(let confirm): state.overlay = .confirm(confirm)
            case .picker(let picker): state.overlay = .picker(picker)
            case .effect(let effect): effects.append(effect)
            case .push(let screen): push(screen)
            case .pop: popScreen()
            }
        }
    }

    func apply(_ reaction: Reaction?, _ effects: inout [Effect]) {
        if let reaction { apply([reaction], &effects) }
    }
}
