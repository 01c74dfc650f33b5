import OrgdeckCore

/// The two tabs of a team's page.
public enum TeamTab: String, CaseIterable, Equatable, Sendable {
    case members = "Members"
    case apps = "Apps"
}

/// What a team's page shows above its tabs.
public struct TeamPageState: Equatable, Sendable {
    public var teamID: String
    public var team: Team?
    public var error: String?
}

/// A team's page: its label policy (`e`, where the tab in front does not edit a row with it),
/// then the Members and Apps tabs.
public final class TeamPageViewModel: SectionedPage, DialogOwner {
    enum Purpose: Equatable, Sendable { case policy }

    public internal(set) var state: TeamPageState
    let env: PaneEnvironment
    var open: DialogSlot<Purpose>?

    public init(env: PaneEnvironment, teamID: String) {
        self.env = env
        state = TeamPageState(teamID: teamID, team: nil, error: nil)
        super.init(screen: .team(teamID), sections: [TeamMembersSection(env: env, teamID: teamID),
                                                     TeamAppsSection(env: env, teamID: teamID)])
        _ = reload()
    }

    var organizationID: String { env.context.organizationID ?? "" }
    /// The tab in front.
    public var tab: TeamTab { selected == 0 ? .members : .apps }

    override func reloadPage() -> [Reaction] {
        do {
            state.team = try env.service.team(env.session, organizationID: organizationID, id: state.teamID)
            state.error = nil
        } catch let error as CoreError where error.kind == .notFound && state.team != nil {
            return [.pop, .flash(.warn("team \(state.teamID) was deleted elsewhere"))]
        } catch { state.error = error.userMessage }
        return []
    }

    /// The team's title, its label policy and the tabs.
    override var headerRows: Int { 3 }

    override var pageDialog: Dialog? { openDialog }

    override func pageSend(_ event: ConsoleEvent) -> [Reaction]? {
        if let reactions = routeDialog(event) { return reactions }
        switch event {
        case .edit:
            if let reason = env.refusal(.manageTeams) { return refused(reason) }
            return present(.form(FormState(title: "Siloed access for \(state.teamID)", fields: [
                FormField(key: "labels", label: "Only apps labelled", value: (state.team?.requiredLabels ?? []).joined(separator: ", "),
                          hint: "labels, comma separated; empty for no policy", maxLength: 300),
            ])), for: .policy)
        case .toggleView: return show(1 - selected)
        default: return nil
        }
    }

    func carryOut(_ purpose: Purpose, _ dialog: Dialog) throws -> [Reaction] {
        switch (purpose, dialog) {
        case (.policy, .form(let form)):
            let labels = AppActions.list(form.value("labels"))
            let team = try env.service.setTeamPolicy(env.session, organizationID: organizationID, teamID: state.teamID,
                                                     requiredLabels: labels)
            state.team = team
            return [.flash(.info(labels.isEmpty ? "team \(team.id) has no label policy"
                                 : "team \(team.id) now only takes apps labelled \(team.requiredLabels.joined(separator: ", "))"))]
        case (.policy, _):
            return []
        }
    }

    override var pageCommands: [PaneCommand] { [PaneCommand(.back, "back"), policyCommand] }

    /// The label policy's own command, whichever tab is in front: on Apps, where `e` changes an
    /// app's role, the page says where the policy is changed.
    public var policyCommand: PaneCommand { PaneCommand(.edit, "label policy", refusal: env.refusal(.manageTeams)) }
}
