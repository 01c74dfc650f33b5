import OrgdeckCore

extension AuditEntry: ListItem { public var listID: String { String(id) } }

/// The Security pane's Sign-ins section (personal context): the account's recent sign-ins (console, scripts, SSH), SSH keys added,
/// failures and locks, from the audit log, newest first.
public final class SignInHistorySection: ListSection<AuditEntry, SignInHistorySection.Purpose> {
    public enum Purpose: Equatable, Sendable { case details }

    public init(env: PaneEnvironment) {
        super.init(env: env, title: "Sign-ins", screen: .pane(.security), searchable: true, chrome: 2)
    }

    /// A search matches the outcome as listed ("wrong password", "over SSH"), the source and the details.
    override func matches(_ entry: AuditEntry, _ text: String) -> Bool {
        [Self.outcome(entry), entry.source.rawValue, entry.details].contains { $0.lowercased().contains(text) }
    }

    override func load() throws -> [AuditEntry] { try env.service.signInHistory(env.session) }

    /// "signed in", "wrong password", "locked".
    public static func outcome(_ entry: AuditEntry) -> String {
        switch entry.action {
        case "user.signin": return entry.details.isEmpty ? "signed in" : "signed in; password change required"
        case "user.locked": return "locked: \(entry.details)"
        case "user.ssh_signin": return "signed in over SSH"
        case "user.ssh_refused": return "SSH refused"
        case "user.ssh_key_add": return entry.actor == nil ? "SSH key added by the operator" : "SSH key added"
        default: return "failed: wrong password"
        }
    }

    override func handle(_ event: ConsoleEvent, selected: AuditEntry?) -> [Reaction]? {
        guard event == .open else { return nil }
        guard let entry = selected else { return [] }
        return present(.info(InfoState(title: "Sign-in \(entry.id)", rows: [
            InfoRow("When", entry.at.utcMinute), InfoRow("Source", entry.source.rawValue),
            InfoRow("Outcome", Self.outcome(entry)), InfoRow("Details", entry.details.isEmpty ? "—" : entry.details),
        ])), for: .details)
    }

    override var listCommands: [PaneCommand] {
        [PaneCommand(.open, "details", refusal: state.list.selected == nil ? "no sign-in recorded" : nil), PaneCommand(.filter, "search")]
    }
}
