import Foundation
import OrgdeckCore

/// The two tabs of a team's page.
public enum TeamTab: String, CaseIterable, Equatable, Sendable {
    case members = "Members"
    case apps = "Apps"
}

/// What a team's page shows.
public struct TeamState: Equatable, Sendable {
    public var teamID: String
    public var team: Team?
    public var tab: TeamTab
    public var members: [Member]
    public var apps: [TeamApp]
    public var cursor: Int
    public var search: TextField
    public var searching: Bool
    public var error: String?

    public var visibleMembers: [Member] {
        let text = search.text.lowercased()
        return text.isEmpty ? members : members.filter {
            $0.user.username.lowercased().contains(text) || $0.user.displayName.lowercased().contains(text)
        }
    }

    public var visibleApps: [TeamApp] {
        let text = search.text.lowercased()
        return text.isEmpty ? apps : apps.filter { $0.app.id.lowercased().contains(text) || $0.app.name.lowercased().contains(text) }
    }

    public var rowCount: Int { tab == .members ? visibleMembers.count : visibleApps.count }
}

/// A team's page: its members and its apps (with the team–app role), and its label policy.
public final class TeamViewModel {
    public internal(set) var state: TeamState
    let service: OrgService
    let session: Session
    let organizationID: String

    public init(service: OrgService, session: Session, organizationID: String, teamID: String) {
        self.service = service; self.session = session; self.organizationID = organizationID
        state = TeamState(teamID: teamID, team: nil, tab: .members, members: [], apps: [], cursor: 0,
                          search: TextField("", maxLength: 100), searching: false, error: nil)
        reload()
    }

    /// Re-reads the team; reports `.pop` when it was deleted elsewhere.
    @discardableResult
    public func reload() -> Reaction? {
        do {
            state.team = try service.team(session, organizationID: organizationID, id: state.teamID)
            state.members = try service.teamMembers(session, organizationID: organizationID, teamID: state.teamID)
            state.apps = try service.teamApps(session, organizationID: organizationID, teamID: state.teamID)
            state.error = nil
        } catch let error as CoreError where error.kind == .notFound && state.team != nil {
            return .pop
        } catch {
            state.error = error.userMessage
        }
        state.cursor = min(max(0, state.cursor), max(0, state.rowCount - 1))
        return nil
    }

    public var acceptsText: Bool { state.searching }

    func handle(_ event: ConsoleEvent) -> [Reaction] {
        if state.searching {
            switch event {
            case .move(.down): state.cursor = min(state.cursor + 1, max(0, state.rowCount - 1))
            case .move(.up): state.cursor = max(0, state.cursor - 1)
            case .submit: state.searching = false
            case .cancel, .back: state.searching = false; state.search.clear()
            default:
                let before = state.search.text
                state.search.apply(event)
                if state.search.text != before { state.cursor = 0 }
            }
            return []
        }
        switch event {
        case .move(.down): state.cursor = min(state.cursor + 1, max(0, state.rowCount - 1))
        case .move(.up): state.cursor = max(0, state.cursor - 1)
        case .nextFocus, .previousFocus, .move(.left), .move(.right), .toggleView:
            state.tab = state.tab == .members ? .apps : .members
            state.cursor = 0; state.search.clear()
        case .selectIndex(let index): state.cursor = min(max(0, index), max(0, state.rowCount - 1))
        case .filter: state.searching = true
        case .new: return [.form(addForm())]
        case .edit: return [.form(policyForm())]
        case .delete: return removeConfirm()
        default: break
        }
        return []
    }

    func addForm() -> FormState {
        switch state.tab {
        case .members:
            return FormState(purpose: .addTeamMember(teamID: state.teamID), title: "Add a member to \(state.teamID)", fields: [
                FormField(key: "username", label: "Username", hint: "members of the organization only", maxLength: 32),
            ], submitLabel: "Add")
        case .apps:
            return FormState(purpose: .addTeamApp(teamID: state.teamID), title: "Add an app to \(state.teamID)", fields: [
                FormField(key: "app", label: "App ID", hint: "apps of the organization only", maxLength: 32),
                FormField(key: "role", label: "Team–app role", value: TeamAppRole.viewer.rawValue, hint: "viewer or contributor", maxLength: 20),
            ], submitLabel: "Add")
        }
    }

    func policyForm() -> FormState {
        FormState(purpose: .teamPolicy(teamID: state.teamID), title: "Siloed access for \(state.teamID)", fields: [
            FormField(key: "labels", label: "Only apps labelled", value: (state.team?.requiredLabels ?? []).joined(separator: ", "),
                      hint: "labels, comma separated; empty for no policy", maxLength: 300),
        ])
    }

    func removeConfirm() -> [Reaction] {
        switch state.tab {
        case .members:
            let members = state.visibleMembers
            guard members.indices.contains(state.cursor) else { return [] }
            let name = members[state.cursor].user.username
            return [.confirm(ConfirmState(purpose: .removeTeamMember(teamID: state.teamID, username: name), title: "Remove from team",
                                          message: "Remove \(name) from team \(state.teamID)?", requiredText: nil))]
        case .apps:
            let apps = state.visibleApps
            guard apps.indices.contains(state.cursor) else { return [] }
            let id = apps[state.cursor].app.id
            return [.confirm(ConfirmState(purpose: .removeTeamApp(teamID: state.teamID, appID: id), title: "Remove from team",
                                          message: "Remove app \(id) from team \(state.teamID)?", requiredText: nil))]
        }
    }

    func submit(_ form: FormState) throws -> Flash {
        let flash: Flash
        switch form.purpose {
        case .addTeamMember(let team):
            try service.addTeamMember(session, organizationID: organizationID, teamID: team, username: form.value("username"))
            flash = .info("added \(form.value("username")) to \(team)")
        case .addTeamApp(let team):
            guard let role = TeamAppRole(rawValue: form.value("role").lowercased()) else {
                throw CoreError.invalid("role", "team–app role must be viewer or contributor")
            }
            try service.addTeamApp(session, organizationID: organizationID, teamID: team, appID: form.value("app"), role: role)
            flash = .info("added app \(form.value("app")) to \(team) as \(role.rawValue)")
        case .teamPolicy(let team):
            let labels = AccountViewModel.list(form.value("labels"))
            _ = try service.setTeamPolicy(session, organizationID: organizationID, teamID: team, requiredLabels: labels)
            flash = .info(labels.isEmpty ? "team \(team) has no label policy" : "team \(team) now only takes apps labelled \(labels.joined(separator: ", "))")
        default:
            return .warn("nothing to do")
        }
        reload()
        return flash
    }

    func confirm(_ purpose: ConfirmPurpose) throws -> Flash {
        switch purpose {
        case .removeTeamMember(let team, let username):
            try service.removeTeamMember(session, organizationID: organizationID, teamID: team, username: username)
            reload(); return .info("removed \(username) from \(team)")
        case .removeTeamApp(let team, let app):
            try service.removeTeamApp(session, organizationID: organizationID, teamID: team, appID: app)
            reload(); return .info("removed \(app) from \(team)")
        default:
            return .warn("nothing to do")
        }
    }
}
