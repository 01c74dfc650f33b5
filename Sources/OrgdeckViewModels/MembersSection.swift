import Foundation
import OrgdeckCore

/// The organization's members: search by name, email or role; details, role picker, remove.
public final class MembersSection: ListSection<Member, MembersSection.Purpose> {
    public enum Purpose: Equatable, Sendable {
        case details
        /// The role the picker was opened on: a change is refused as stale when it moved since.
        case role(username: String, from: Role)
        case remove(username: String)
    }

    init(env: PaneEnvironment) {
        super.init(env: env, title: AccountSection.members.rawValue, screen: .pane(.account), searchable: true, chrome: 2)
    }

    override func load() throws -> [Member] { try env.service.members(env.session, organizationID: organizationID) }

    override func matches(_ member: Member, _ text: String) -> Bool {
        member.user.username.lowercased().contains(text) || member.user.displayName.lowercased().contains(text)
            || member.user.email.lowercased().contains(text) || member.role.title.lowercased().contains(text)
    }

    override func handle(_ event: ConsoleEvent, selected: Member?) -> [Reaction]? {
        guard let member = selected else { return [.open, .edit, .delete, .copyID].contains(event) ? [] : nil }
        switch event {
        case .open:
            return present(.info(InfoState(title: member.user.displayName, rows: [
                InfoRow("Username", member.user.username), InfoRow("Email", member.user.email),
                InfoRow("Role", member.role.title), InfoRow("Teams", member.teams.isEmpty ? "none" : member.teams.joined(separator: ", ")),
                InfoRow("Joined", member.joinedAt.utcDay), InfoRow("Last active", member.lastActiveAt?.utcDay ?? "never"),
            ])), for: .details)
        case .edit:
            if let reason = roleRefusal(member) { return refused(reason) }
            return present(.picker(PickerState(title: "Role of \(member.user.username)", options: Role.options,
                                               selected: member.role.rawValue)), for: .role(username: member.user.username, from: member.role))
        case .delete:
            if let reason = removeRefusal(member) { return refused(reason) }
            return present(.confirm(ConfirmState(title: "Remove member",
                message: "Remove \(member.user.displayName) (\(member.user.username)) from \(organizationID)? Their team "
                    + "memberships go; their personal apps stay theirs. Type the username to confirm.",
                requiredText: member.user.username, verb: "remove")), for: .remove(username: member.user.username))
        case .copyID: return [.effect(.copy(member.user.username))]
        default: return nil
        }
    }

    func roleRefusal(_ member: Member) -> String? {
        env.refusal(.manageMembers) ?? (member.user.id == env.session.user.id ? "you cannot change your own role" : nil)
    }

    func removeRefusal(_ member: Member) -> String? {
        env.refusal(.manageMembers)
            ?? (member.user.id == env.session.user.id ? "you cannot remove yourself: leave the organization instead (L)" : nil)
    }

    override func carryOut(_ purpose: Purpose, _ dialog: Dialog) throws -> [Reaction] {
        switch (purpose, dialog) {
        case (.role(let username, let from), .picker(let picker)):
            guard let role = picker.highlighted.flatMap({ Role(rawValue: $0.value) }) else { return [] }
            do {
                _ = try env.service.changeRole(env.session, organizationID: organizationID, username: username, to: role, expected: from)
            } catch let error as CoreError where error == .stale {
                let now = try reloaded(username, gone: "\(username) left the organization meanwhile").role
                return present(.picker(picker.keptOverStale(now: now.title)), for: .role(username: username, from: now))
            }
            _ = reload()
            let inNoTeam = role == .teamContributor && state.list.rows.first { $0.user.username == username }?.teams.isEmpty == true
            return [.flash(.info("\(username) is now \(role.title)" + (inNoTeam ? " in no team: no app is theirs until a team adds them" : "")))]
        case (.remove(let username), .confirm):
            try env.service.removeMember(env.session, organizationID: organizationID, username: username)
            _ = reload()
            return [.flash(.info("removed \(username)"))]
        case (.details, _), (.role, _), (.remove, _):
            return []
        }
    }

    override var listCommands: [PaneCommand] {
        let member = state.list.selected
        let none = needsItem("member")
        return [PaneCommand(.open, "details", refusal: none),
                PaneCommand(.edit, "change role", refusal: none ?? member.flatMap(roleRefusal)),
                PaneCommand(.delete, "remove", refusal: none ?? member.flatMap(removeRefusal)),
                PaneCommand(.filter, "search"),
                PaneCommand(.copyID, "copy username", refusal: none)]
    }
}
