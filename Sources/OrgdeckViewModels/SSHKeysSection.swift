import Foundation
import OrgdeckCore

extension SSHKeyInfo: ListItem { public var listID: String { id } }

/// The Security pane's SSH keys section (personal context): the public keys that sign the user
/// in to `orgdeck serve`, by SHA-256 fingerprint; add one by pasting its `authorized_keys`
/// line, details, remove after typing the key's ID.
public final class SSHKeysSection: ListSection<SSHKeyInfo, SSHKeysSection.Purpose> {
    public enum Purpose: Equatable, Sendable {
        case details
        case add
        case remove(id: String)
    }

    public init(env: PaneEnvironment) {
        super.init(env: env, title: "SSH keys", screen: .pane(.security), searchable: false, chrome: 2)
    }

    override func load() throws -> [SSHKeyInfo] { try env.service.sshKeys(env.session) }

    override func handle(_ event: ConsoleEvent, selected: SSHKeyInfo?) -> [Reaction]? {
        if event == .new {
            if let reason = env.refusalToChange { return refused(reason) }
            return present(.form(FormState(title: "Add an SSH key", fields: [
                FormField(key: "key", label: "Public key", hint: "paste the line of your .pub file: ssh-ed25519 AAAA… you@host",
                          maxLength: 4_000),
            ], submitLabel: "Add")), for: .add)
        }
        guard let key = selected else { return [.open, .delete, .copyID].contains(event) ? [] : nil }
        switch event {
        case .open:
            return present(.info(InfoState(title: "SSH key \(key.id)", rows: [
                InfoRow("Type", key.type), InfoRow("Fingerprint", key.fingerprint),
                InfoRow("Comment", key.comment.isEmpty ? "—" : key.comment),
                InfoRow("Added", key.addedAt.utcMinute), InfoRow("Last used", key.lastUsedAt?.utcMinute ?? "never"),
            ])), for: .details)
        case .delete:
            if let reason = env.refusalToChange { return refused(reason) }
            let last = state.list.rows.count == 1 ? " It is your only key: you will not sign in over SSH until you add another." : ""
            return present(.confirm(ConfirmState(title: "Remove SSH key",
                message: "Remove \(key.id) (\(key.fingerprint)\(key.comment.isEmpty ? "" : ", \(key.comment)"))?\(last) "
                    + "Type the key's ID to confirm.", requiredText: key.id, verb: "remove")), for: .remove(id: key.id))
        case .copyID: return [.effect(.copy(key.fingerprint))]
        default: return nil
        }
    }

    override func carryOut(_ purpose: Purpose, _ dialog: Dialog) throws -> [Reaction] {
        switch (purpose, dialog) {
        case (.add, .form(let form)):
            let key = try env.service.addSSHKey(env.session, line: form.value("key"))
            reload(selecting: key.id)
            return [.flash(.info("added \(key.type) \(key.fingerprint)"))]
        case (.remove(let id), .confirm):
            try env.service.removeSSHKey(env.session, id: id)
            _ = reload()
            return [.flash(.info("removed \(id)"))]
        case (.details, _), (.add, _), (.remove, _):
            return []
        }
    }

    override var listCommands: [PaneCommand] {
        let none = state.list.selected == nil ? "no SSH key yet" : nil
        return [PaneCommand(.new, "add key", refusal: env.refusalToChange), PaneCommand(.open, "details", refusal: none),
                PaneCommand(.delete, "remove", refusal: none ?? env.refusalToChange),
                PaneCommand(.copyID, "copy fingerprint", refusal: none)]
    }
}
