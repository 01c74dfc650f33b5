import OrgdeckCore

/// The whole state of the console above the panes: who is signed in, in which context, where in
/// the navigation stack, which overlay is open, and the flash line.
public struct ConsoleState: Equatable, Sendable {
    /// Non-nil while the sign-in screen is shown.
    public var signIn: SignInState?
    public var session: Session?
    public var context: Context
    public var memberships: [OrganizationMembership]
    /// Navigation stack; the last screen is shown. Never empty once signed in.
    public var stack: [Screen]
    /// What is open above the screen: the root's own overlays, else the dialog of the pane in front.
    public var overlay: Overlay
    public var flash: Flash?
    public var readOnly: Bool
    /// Pending invitations the user has received (the header badge); nil until counted after
    /// the first frame.
    public var invitationCount: Int
    /// The highest budget threshold reached this month in the context (the header badge for an
    /// organization's Admins and a personal account's owner); nil when none has.
    public var budgetAlert: Int?
    /// The running or last finished upload of this session.
    public var upload: UploadStatus?
    /// Versions being trained by this console's worker: version ID → progress.
    public var training: [String: Double] = [:]

    public init(readOnly: Bool) {
        signIn = SignInState()
        session = nil
        context = .personal
        memberships = []
        stack = [.pane(.myApps)]
        overlay = .none
        flash = nil
        self.readOnly = readOnly
        invitationCount = 0
    }

    /// The screen on top of the stack.
    public var screen: Screen { stack.last ?? .pane(.myApps) }

    /// The pane the current screen belongs to (an app page belongs to My Apps).
    public var pane: Pane {
        if case .pane(let pane) = stack.first { return pane }
        return .myApps
    }

    /// The display name of the current context.
    public var contextTitle: String {
        switch context {
        case .personal: return session?.user.username ?? ""
        case .user(let username): return "@" + username
        case .organization(let id):
            return memberships.first { $0.organization.id == id }?.organization.name ?? id
        }
    }

    /// The owner of what is in front when it is not the console's context (an app shared with
    /// the user, a model or workflow opened from Starred or Collaborations), nil otherwise: the
    /// header names where the user is acting, and with what standing.
    public var visiting: (title: String, standing: String)? {
        let owner: Context
        switch screen {
        case .sharedApp(let ref): owner = ref.context
        case .model(let ref): owner = ref.context
        case .workflow(let ref): owner = ref.context
        default: return nil
        }
        switch owner {
        case context, .personal: return nil
        case .user(let username):
            return username.lowercased() == session?.user.username ? nil : ("@" + username, "not your account")
        case .organization(let id):
            guard let membership = memberships.first(where: { $0.organization.id == id }) else { return (id, "not a member") }
            return (membership.organization.name, membership.role.title)
        }
    }

    /// The role in the current organization, nil in the personal context.
    public var role: Role? {
        guard let id = context.organizationID else { return nil }
        return memberships.first { $0.organization.id == id }?.role
    }
}

/// A modal layer above the current screen.
public enum Overlay: Equatable, Sendable {
    case none
    case profileMenu(ProfileMenuState)
    case help(scroll: Int)
    case palette(PaletteState)
    case form(FormState)
    case confirm(ConfirmState)
    case picker(PickerState)
    case info(InfoState)
    /// A secret shown once (a new token), with how to copy it.
    case secret(title: String, value: String)
    /// The invitations the signed-in user has received.
    case inbox(InboxState)

    init(_ dialog: Dialog) {
        switch dialog {
        case .form(let form): self = .form(form)
        case .confirm(let confirm): self = .confirm(confirm)
        case .picker(let picker): self = .picker(picker)
        case .info(let info): self = .info(info)
        }
    }
}

/// The invitations a user has received, to accept or decline.
public struct InboxState: Equatable, Sendable {
    public var list: ListState<Invitation>
    public var error: String?

    public init(invitations: [Invitation]) { list = ListState(rows: invitations); error = nil }
    public var invitations: [Invitation] { list.rows }
    public var selected: Invitation? { list.selected }
}
