import OrgdeckCore

/// A team's members: add one of the organization's members from a picker, remove after a confirm.
public final class TeamMembersSection: ListSection<Member, TeamMembersSection.Purpose> {
    public enum Purpose: Equatable, Sendable {
        case add
        case remove(username: String)
    }

    let teamID: String

    init(env: PaneEnvironment, teamID: String) {
        self.teamID = teamID
        super.init(env: env, title: TeamTab.members.rawValue, screen: .team(teamID), searchable: true, chrome: 1)
    }

    override func load() throws -> [Member] {
        try env.service.teamMembers(env.session, organizationID: organizationID, teamID: teamID)
    }

    override func matches(_ member: Member, _ text: String) -> Bool {
        member.user.username.lowercased().contains(text) || member.user.displayName.lowercased().contains(text)
    }

    override func handle(_ event: ConsoleEvent, selected: Member?) -> [Reaction]? {
        let manage = env.refusal(.manageTeams)
        switch event {
        case .new:
            if let manage { return refused(manage) }
            let inTeam = Set(state.all.map(\.user.username))
            let members = (try? env.service.members(env.session, organizationID: organizationID)) ?? []
            return present(.picker(PickerState(title: "Add a member to \(teamID)", options: members.map { member in
                PickerOption(value: member.user.username, label: member.user.username,
                             detail: "\(member.user.displayName) · \(member.role.shortTitle)",
                             refusal: inTeam.contains(member.user.username) ? "\(member.user.username) is already in \(teamID)" : nil)
            }, empty: "the organization has no members")), for: .add)
        case .delete:
            if let manage { return refused(manage) }
            guard let member = selected else { return [] }
            return present(.confirm(ConfirmState(title: "Remove from team", message: "Remove \(member.user.username) from team \(teamID)? "
                + "They stay in the organization.", requiredText: nil, verb: "remove")), for: .remove(username: member.user.username))
        case .copyID:
            return selected.map { [.effect(.copy($0.user.username))] } ?? []
        default: return nil
        }
    }

    override func carryOut(_ purpose: Purpose, _ dialog: Dialog) throws -> [Reaction] {
        switch (purpose, dialog) {
        case (.add, .picker(let picker)):
            guard let username = picker.highlighted?.value else { return [] }
            try env.service.addTeamMember(env.session, organizationID: organizationID, teamID: teamID, username: username)
            reload(selecting: username)
            return [.flash(.info("added \(username) to \(teamID)"))]
        case (.remove(let username), .confirm):
            try env.service.removeTeamMember(env.session, organizationID: organizationID, teamID: teamID, username: username)
            _ = reload()
            return [.flash(.info("removed \(username) from \(teamID)"))]
        case (.add, _), (.remove, _):
            return []
        }
    }

    override var listCommands: [PaneCommand] {
        let manage = env.refusal(.manageTeams)
        let none = needsItem("member")
        return [PaneCommand(.new, "add member", refusal: manage), PaneCommand(.delete, "remove member", refusal: none ?? manage),
                PaneCommand(.filter, "search"), PaneCommand(.copyID, "copy username", refusal: none)]
    }
}
