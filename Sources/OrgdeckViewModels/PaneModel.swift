import OrgdeckCore

/// A pane or a page of the console (Bubble Tea's nested model, TCA's scoped reducer): its own
/// state, events, dialogs, reload and commands. The root holds the one in front and forwards
/// events to it; adding a pane means its files plus one line in `PaneRegistry`.
public protocol PaneModel: AnyObject {
    /// The place in the navigation stack this model shows.
    var screen: Screen { get }
    /// A dialog the pane has open; it takes every key until it closes.
    var dialog: Dialog? { get }
    /// Whether printable keys are text: a search field has focus, or a dialog that takes text.
    var acceptsText: Bool { get }
    /// Handles one event; nil when the event means nothing here, so the root may use it.
    func send(_ event: ConsoleEvent) -> [Reaction]?
    /// Reads again what it shows, keeping cursors on their items; `.pop` when its subject is gone.
    func reload() -> [Reaction]
    /// What the keys do here now, for the footer and `?`; refused ones carry the reason.
    var commands: [PaneCommand] { get }
    /// The size of the body (between header and footer), for paging and grid moves; each pane
    /// takes off the rows its own title and table header use.
    func setViewport(rows: Int, columns: Int)
    /// Work deferred until after the first frame, or until typing rests (counts that grow
    /// with the data).
    func settle()
    /// Whether nothing is left for `settle` to do.
    var isSettled: Bool { get }
}

extension PaneModel {
    public func setViewport(rows: Int, columns: Int) {}
    public func settle() {}
    public var isSettled: Bool { true }
}

/// Who is looking, where, with what rights: what every pane is built with.
public struct PaneEnvironment: Sendable {
    public let service: OrgService
    public let session: Session
    public let context: Context
    /// The role in the organization of `context`; nil in a personal account.
    public let role: Role?
    /// Not a member of the context's owner: only the apps shared with the user are reached.
    public let outsider: Bool
    /// An SSH session's console: the server's files are not the user's to read or write.
    public let remote: Bool
    /// The user's names for the keys a message may suggest.
    public let keys: KeyNames

    public init(service: OrgService, session: Session, context: Context, role: Role?, outsider: Bool = false, remote: Bool = false,
                keys: KeyNames = .defaults) {
        self.service = service; self.session = session; self.context = context; self.role = role; self.outsider = outsider
        self.remote = remote; self.keys = keys
    }

    /// Why files cannot be read or written here (uploads, imports, exports): over SSH they would
    /// be the server's, not the user's.
    public var refusalOfFiles: String? {
        remote ? "over SSH, files would be read and written on the server: use orgdeck on your own machine, or the scripting commands with - for standard input or output" : nil
    }

    /// The environment of another context (an app's or a model's owner, opened from a shared
    /// or starred item): the user's role there, or an outsider's standing.
    public func reaching(_ other: Context) -> PaneEnvironment {
        guard other != context else { return self }
        switch other {
        case .personal: return PaneEnvironment(service: service, session: session, context: other, role: nil, remote: remote, keys: keys)
        case .user(let username):
            let own = username.lowercased() == session.user.username
            return PaneEnvironment(service: service, session: session, context: own ? .personal : other, role: nil, outsider: !own,
                                   remote: remote, keys: keys)
        case .organization(let id):
            let role = (try? service.role(session, in: id)) ?? nil
            return PaneEnvironment(service: service, session: session, context: other, role: role, outsider: role == nil,
                                   remote: remote, keys: keys)
        }
    }

    /// Why `action` is refused here now (on `app`, when one is in view), or nil: the question
    /// asked before any form opens, answered by the permission table the core enforces. On an
    /// app shared with the user, a collaboration holding one of `scopes` admits it.
    public func refusal(_ action: Action, app: App? = nil, scopes: [CollaboratorScope] = []) -> String? {
        service.refusal(action, role: role, app: app, outsider: outsider, scopes: scopes)
    }

    /// Whether the app is reached only through a collaboration: its scopes are all the user may do.
    public func sharedOnly(_ app: App?) -> Bool {
        guard app?.collaboration != nil else { return false }
        return outsider || (role == .teamContributor && app?.teamRole == nil)
    }

    /// Why a change anyone may make (a pin, a password) is refused now: only read-only mode.
    public var refusalToChange: String? { service.isReadOnly ? CoreError.readOnly.message : nil }
}

/// A refused key's answer: the reason as a warning, no form.
func refused(_ reason: String) -> [Reaction] { [.flash(.warn(reason))] }

/// "1 app", "3 apps": a count with its noun, plural (`plural`, else an s) when it is not one.
public func counted(_ count: Int, _ noun: String, plural: String? = nil) -> String {
    count == 1 ? "1 \(noun)" : "\(count) \(plural ?? noun + "s")"
}
