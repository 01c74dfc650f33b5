import OrgdeckCore

/// A team's apps with their team–app role: add one of the organization's apps (or change the
/// role of one already there) from a picker that searches as you type, then pick the role;
/// `e` changes the role of the app under the cursor; remove after a confirm.
public final class TeamAppsSection: ListSection<TeamApp, TeamAppsSection.Purpose> {
    public enum Purpose: Equatable, Sendable {
        case pickApp
        case pickRole(appID: String)
        case remove(appID: String)
    }

    let teamID: String

    /// How many of the organization's apps the picker shows at once; typing narrows them.
    static let pickerLimit = 200

    init(env: PaneEnvironment, teamID: String) {
        self.teamID = teamID
        super.init(env: env, title: TeamTab.apps.rawValue, screen: .team(teamID), searchable: true, chrome: 1)
    }

    override func load() throws -> [TeamApp] {
        try env.service.teamApps(env.session, organizationID: organizationID, teamID: teamID)
    }

    override func matches(_ pair: TeamApp, _ text: String) -> Bool {
        pair.app.id.lowercased().contains(text) || pair.app.name.lowercased().contains(text)
    }

    override func handle(_ event: ConsoleEvent, selected: TeamApp?) -> [Reaction]? {
        let manage = env.refusal(.manageTeams)
        switch event {
        case .new:
            if let manage { return refused(manage) }
            var picker = PickerState(title: "Add an app to \(teamID) (type to search)", options: options(for: .pickApp, filter: "") ?? [],
                                     empty: "no app of the organization matches")
            picker.filteredByOwner = true
            return present(.picker(picker), for: .pickApp)
        case .edit:
            // `e` edits the row, as it changes a member's role in Members; the team's own label
            // policy is the page's `e` on the Members tab.
            if let manage { return refused(manage) }
            guard let pair = selected else { return [] }
            return presentRolePicker(appID: pair.app.id, current: pair.role)
        case .delete:
            if let manage { return refused(manage) }
            guard let pair = selected else { return [] }
            return present(.confirm(ConfirmState(title: "Remove from team", message: "Remove app \(pair.app.id) from team \(teamID)? "
                + "Members reaching it only through this team lose access.", requiredText: nil, verb: "remove")),
                           for: .remove(appID: pair.app.id))
        case .copyID:
            return selected.map { [.effect(.copy($0.app.id))] } ?? []
        default: return nil
        }
    }

    /// The organization's apps matching `filter`, read from the core a window at a time; an app
    /// the team's label policy refuses is shown greyed with the reason and cannot be chosen.
    override func options(for purpose: Purpose, filter: String) -> [PickerOption]? {
        guard purpose == .pickApp else { return nil }
        let roles = Dictionary(state.all.map { ($0.app.id, $0.role) }, uniquingKeysWith: { first, _ in first })
        let team = try? env.service.team(env.session, organizationID: organizationID, id: teamID)
        let page = try? env.service.apps(env.session, in: env.context,
                                         query: AppQuery(filter: filter, sort: .name, ascending: true, limit: Self.pickerLimit,
                                                         countTotal: false))
        let options = (page?.items ?? []).map { app in
            PickerOption(value: app.id, label: app.id,
                         detail: app.name + (roles[app.id].map { " · in the team as \($0.rawValue)" } ?? ""),
                         refusal: team.flatMap { Self.refusal(missing: env.service.labelsMissing(app, for: $0)) })
        }
        // The apps that can be added first, each group by name.
        return options.filter { $0.refusal == nil } + options.filter { $0.refusal != nil }
    }

    /// Short enough for the picker's detail column: the picker is this team's.
    static func refusal(missing: [String]) -> String? {
        missing.isEmpty ? nil : "not labelled \(missing.joined(separator: ", ")), which this team requires"
    }

    override func carryOut(_ purpose: Purpose, _ dialog: Dialog) throws -> [Reaction] {
        switch (purpose, dialog) {
        case (.pickApp, .picker(let picker)):
            guard let appID = picker.highlighted?.value else { return [] }
            return presentRolePicker(appID: appID, current: state.all.first { $0.app.id == appID }?.role)
        case (.pickRole(let appID), .picker(let picker)):
            guard let role = picker.highlighted.flatMap({ TeamAppRole(rawValue: $0.value) }) else { return [] }
            try env.service.addTeamApp(env.session, organizationID: organizationID, teamID: teamID, appID: appID, role: role)
            let had = state.all.first { $0.app.id == appID }?.role
            reload(selecting: appID)
            if let had { return [.flash(.info(had == role ? "\(appID) stays \(role.rawValue) in \(teamID)"
                                                  : "\(appID) is now \(role.rawValue) in \(teamID)"))] }
            return [.flash(.info("added app \(appID) to \(teamID) as \(role.rawValue)"))]
        case (.remove(let appID), .confirm):
            try env.service.removeTeamApp(env.session, organizationID: organizationID, teamID: teamID, appID: appID)
            _ = reload()
            return [.flash(.info("removed \(appID) from \(teamID)"))]
        case (.pickApp, _), (.pickRole, _), (.remove, _):
            return []
        }
    }

    private func presentRolePicker(appID: String, current: TeamAppRole?) -> [Reaction] {
        present(.picker(PickerState(title: "Role of \(appID) in \(teamID)", options: TeamAppRole.options,
                                    selected: (current ?? .viewer).rawValue)), for: .pickRole(appID: appID))
    }

    override func abandoned(_ purpose: Purpose) -> String? {
        guard case .pickRole(let appID) = purpose else { return nil }
        return state.all.contains { $0.app.id == appID } ? "role of \(appID) in \(teamID) unchanged"
            : "\(appID) not added to \(teamID)"
    }

    override var listCommands: [PaneCommand] {
        let manage = env.refusal(.manageTeams)
        let none = needsItem("app")
        return [PaneCommand(.new, "add app", refusal: manage), PaneCommand(.edit, "change role", refusal: none ?? manage),
                PaneCommand(.delete, "remove app", refusal: none ?? manage),
                PaneCommand(.filter, "search"), PaneCommand(.copyID, "copy ID", refusal: none)]
    }
}
