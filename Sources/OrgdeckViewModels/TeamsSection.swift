import OrgdeckCore

/// The organization's teams: the search asks the core; create, rename, delete (after typing
/// the ID); Enter opens a team's page.
public final class TeamsSection: ListSection<Team, TeamsSection.Purpose> {
    public enum Purpose: Equatable, Sendable {
        case create
        case rename(id: String)
        case delete(id: String)
    }

    init(env: PaneEnvironment) {
        super.init(env: env, title: AccountSection.teams.rawValue, screen: .pane(.account), searchable: true, chrome: 2)
    }

    override func load() throws -> [Team] {
        try env.service.teams(env.session, organizationID: organizationID, filter: state.list.search.text)
    }

    override var searchesInCore: Bool { true }

    override func handle(_ event: ConsoleEvent, selected: Team?) -> [Reaction]? {
        let manage = env.refusal(.manageTeams)
        if event == .new {
            if let manage { return refused(manage) }
            return present(.form(FormState(title: "New team", fields: [
                FormField(key: "id", label: "Team ID", hint: AppActions.idHint, maxLength: 32),
                FormField(key: "name", label: "Name", maxLength: 100),
            ], submitLabel: "Create")), for: .create)
        }
        guard let team = selected else { return [.open, .edit, .delete, .copyID].contains(event) ? [] : nil }
        switch event {
        case .open: return [.push(.team(team.id))]
        case .edit:
            if let manage { return refused(manage) }
            return present(.form(FormState(title: "Rename team \(team.id)", fields: [
                FormField(key: "name", label: "Name", value: team.name, maxLength: 100),
            ])), for: .rename(id: team.id))
        case .delete:
            if let manage { return refused(manage) }
            return present(.confirm(ConfirmState(title: "Delete team",
                message: "Delete team \(team.name) (\(team.id))? Its members keep their organization role but lose access "
                    + "through it. Type the team ID to confirm.", requiredText: team.id, verb: "delete")), for: .delete(id: team.id))
        case .copyID: return [.effect(.copy(team.id))]
        default: return nil
        }
    }

    override func carryOut(_ purpose: Purpose, _ dialog: Dialog) throws -> [Reaction] {
        switch (purpose, dialog) {
        case (.create, .form(let form)):
            let team = try env.service.createTeam(env.session, organizationID: organizationID, id: form.value("id"), name: form.value("name"))
            reload(selecting: team.id)
            return [.flash(.info("created team \(team.id)"))]
        case (.rename(let id), .form(let form)):
            do {
                _ = try env.service.renameTeam(env.session, organizationID: organizationID, id: id, name: form.value("name"),
                                               expectedName: form.original("name"))
            } catch let error as CoreError where error == .stale {
                let current = try reloaded(id, gone: "team \(id) was deleted meanwhile")
                return present(.form(form.keptOverStale(["name": current.name])), for: purpose)
            }
            _ = reload()
            return [.flash(.info("renamed team \(id)"))]
        case (.delete(let id), .confirm):
            try env.service.deleteTeam(env.session, organizationID: organizationID, id: id)
            _ = reload()
            return [.flash(.info("deleted team \(id)"))]
        case (.create, _), (.rename, _), (.delete, _):
            return []
        }
    }

    override var listCommands: [PaneCommand] {
        let manage = env.refusal(.manageTeams)
        let none = needsItem("team")
        return [PaneCommand(.open, "open", refusal: none), PaneCommand(.new, "new team", refusal: manage),
                PaneCommand(.edit, "rename", refusal: none ?? manage), PaneCommand(.delete, "delete", refusal: none ?? manage),
                PaneCommand(.filter, "search"), PaneCommand(.copyID, "copy ID", refusal: none)]
    }
}
