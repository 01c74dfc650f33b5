import OrgdeckCore

/// What a dialog of the console itself is for (not any pane's).
enum RootPurpose: Equatable, Sendable {
    case createOrganization
    case leave(organizationID: String)
    case decline(invitationID: String)
    case invitationDetails
    /// Leaving pages with unsaved edits, confirmed.
    case depart(Departure)
}

/// An overlay that belongs to the console itself.
enum RootOverlay: Equatable, Sendable {
    case profileMenu(ProfileMenuState)
    case help(scroll: Int)
    case palette(PaletteState)
    case secret(title: String, value: String)
    case inbox(InboxState)
}

/// The root view model: sign-in, contexts, the navigation stack, its own overlays and the flash
/// line. It holds the pane in front (and the pages pushed on it) and forwards events to it —
/// Bubble Tea's composable views; the panes are built by `PaneRegistry`.
public final class ConsoleViewModel: DialogOwner {
    public internal(set) var state: ConsoleState
    /// Theme names offered by `:theme` completion; set by the runtime.
    public var themeNames: [String] = []
    let service: OrgService
    let memory: PlaceMemory?
    /// The panes shown in this context, built when first shown.
    var panes: [Pane: any PaneModel] = [:]
    /// Pages pushed on the pane (an app, a team), in stack order.
    var pages: [any PaneModel] = []
    var rootOverlay: RootOverlay?
    var open: DialogSlot<RootPurpose>?
    /// The inbox a decline or details dialog was opened from, reopened when it closes.
    var inboxUnderneath: InboxState?
    var viewport = (rows: 20, columns: 80)
    /// My Apps' layout and order, carried from one context to the next.
    var appsLayout: MyAppsState?
    /// Whether the first frame has been painted (counts and badges wait for it).
    var settled = false
    /// The place last given to `memory`, so a key that moves nowhere writes nothing.
    var remembered: Place?
    /// The remembered item to put the cursor on once the first frame is painted (the window
    /// around it is work that grows with the data).
    var itemToRestore: String?
    /// An SSH session's console (`orgdeck serve`): signing out ends the session, and nothing
    /// reads or writes files on the server. Fixed at creation: the first pane, built then, must
    /// already know it.
    public let remote: Bool
    /// The user's names for the keys messages suggest.
    let keys: KeyNames

    /// `viewport` is the body's size when the terminal's is known before the first frame, so
    /// the first pane reads for the screen it will be drawn on.
    public init(service: OrgService, session: Session? = nil, memory: PlaceMemory? = nil,
                viewport: (rows: Int, columns: Int)? = nil, remote: Bool = false, keys: KeyNames = .defaults) {
        self.service = service
        self.memory = memory
        self.remote = remote
        self.keys = keys
        if let viewport { self.viewport = viewport }
        self.state = ConsoleState(readOnly: service.isReadOnly)
        if let session { enter(session) }
        syncState()
    }

    /// The pane or page in front.
    public var front: (any PaneModel)? { pages.last ?? panes[state.pane] }
    public var myApps: MyAppsViewModel? { panes[.myApps] as? MyAppsViewModel }
    public var account: AccountViewModel? { panes[.account] as? AccountViewModel }
    public var security: SecurityPage? { panes[.security] as? SecurityPage }
    public var appDetail: AppPageViewModel? { pages.last as? AppPageViewModel }
    public var team: TeamPageViewModel? { pages.last as? TeamPageViewModel }

    /// Whether the pane in front has nothing left for `.idle` to finish.
    public var isSettled: Bool { front?.isSettled ?? true }

    /// Whether printable keys are text (a form, a search line, the palette, the menu's letters).
    public var acceptsText: Bool {
        if state.signIn != nil { return true }
        switch rootOverlay {
        case .profileMenu, .palette: return true
        case .help, .secret, .inbox: return false
        case .none: break
        }
        if let dialog = openDialog ?? front?.dialog { return dialog.acceptsText }
        return front?.acceptsText ?? false
    }

    /// Handles one event; returns what the runtime must do.
    @discardableResult
    public func send(_ event: ConsoleEvent) -> [Effect] {
        var effects: [Effect] = []
        switch event {
        case .externalChange: refreshAfterExternalChange()
        case .viewport(let rows, let columns):
            viewport = (rows, columns)
            front?.setViewport(rows: rows, columns: columns)
        case .redraw: effects.append(.redraw)
        case .firstFramePainted: settle()
        case .idle: front?.settle()
        case .job(let report): handleJob(report)
        default:
            let flashBefore = state.flash, dialogBefore = openDialog ?? front?.dialog, screenBefore = frontTitle
            defer {
                // A form or dialog that opened is about this key: an older message (a refusal of
                // the key before) no longer speaks for what is on screen.
                if dialogBefore == nil, (openDialog ?? front?.dialog) != nil, state.flash == flashBefore { state.flash = nil }
                // Nor does a refusal or a note about a section or page just left (a success stays
                // until it fades: it says what was done).
                if frontTitle != screenBefore, state.flash == flashBefore, let level = flashBefore?.level, level == .warn || level == .note {
                    state.flash = nil
                }
            }
            if state.signIn != nil {
                handleSignIn(event, &effects)
            } else if let overlay = rootOverlay {
                handleOverlay(overlay, event, &effects)
            } else if let reactions = routeDialog(event) {
                apply(reactions, &effects)
                // A decline or the details, opened from the inbox, return to it.
                if open == nil, rootOverlay == nil, let inbox = inboxUnderneath {
                    inboxUnderneath = nil
                    if !inbox.invitations.isEmpty { rootOverlay = .inbox(inbox) }
                }
            } else {
                handleScreen(event, &effects)
            }
            // A section chosen in a pane is part of where the user is.
            rememberPlace()
        }
        syncState()
        return effects
    }

    /// Shows a message in the flash line (the runtime uses it for theme errors and the like).
    public func flash(_ flash: Flash?) { state.flash = flash }

    /// Events with no overlay of the console's own: global keys, then the pane in front.
    func handleScreen(_ event: ConsoleEvent, _ effects: inout [Effect]) {
        if let front, front.dialog != nil || front.acceptsText {
            apply(front.send(event) ?? [], &effects)
            return
        }
        switch event {
        case .selectPane(let pane): depart(.pane(pane), &effects)
        case .profileMenu:
            if let session = state.session {
                rootOverlay = .profileMenu(ProfileMenuState(user: session.user, memberships: state.memberships, current: state.context,
                                                            addRefusal: refusalToAddOrganization))
            }
        case .help: rootOverlay = .help(scroll: 0)
        case .palette: rootOverlay = .palette(PaletteState(commands: paletteCommands()))
        case .quit: depart(.quit, &effects)
        case .inbox: openInbox()
        case .refresh:
            refreshAfterExternalChange()
            state.flash = .info("refreshed")
        default:
            if let reactions = front?.send(event) {
                apply(reactions, &effects)
            } else if event == .back, !pages.isEmpty {
                depart(.back, &effects)
            } else if event == .leave {
                // Leaving the organization, unless the pane in front has something to leave (a shared app).
                apply(beginLeave(), &effects)
            }
        }
    }

    /// Copies the state that lives in the models into the snapshot tests and screens read.
    func syncState() {
        state.stack = [.pane(state.pane)] + pages.map(\.screen)
        switch rootOverlay {
        case .profileMenu(let menu): state.overlay = .profileMenu(menu)
        case .help(let scroll): state.overlay = .help(scroll: scroll)
        case .palette(let palette): state.overlay = .palette(palette)
        case .secret(let title, let value): state.overlay = .secret(title: title, value: value)
        case .inbox(let inbox): state.overlay = .inbox(inbox)
        case .none:
            if let dialog = openDialog ?? front?.dialog { state.overlay = Overlay(dialog) } else { state.overlay = .none }
        }
    }
}
