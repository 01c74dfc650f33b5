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
    public var overlay: Overlay
    public var flash: Flash?
    public var readOnly: Bool
    /// What the user's role allows in the current context (for greying out hints).
    public var allowed: Set<Action>
    /// Pending invitations the user has received (the header badge).
    public var invitationCount: Int

    public init(readOnly: Bool) {
        signIn = SignInState()
        session = nil
        context = .personal
        memberships = []
        stack = [.pane(.myApps)]
        overlay = .none
        flash = nil
        self.readOnly = readOnly
        allowed = []
        invitationCount = 0
    }

    /// The screen on top of the stack.
    public var screen: Screen { stack.last ?? .pane(.myApps) }

    /// The pane the current screen belongs to (an app page belongs to My Apps).
    public var pane: Pane {
        for screen in stack.reversed() {
            if case .pane(let pane) = screen { return pane }
            if case .team = screen { return .account }
        }
        return .myApps
    }

    /// The display name of the current context.
    public var contextTitle: String {
        switch context {
        case .personal: return session?.user.username ?? ""
        case .organization(let id):
            return memberships.first { $0.organization.id == id }?.organization.name ?? id
        }
    }

    /// The role in the current organization, nil in the personal context.
    public var role: Role? {
        guard let id = context.organizationID else { return nil }
        return memberships.first { $0.organization.id == id }?.role
    }
}
