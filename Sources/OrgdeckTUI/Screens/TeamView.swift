import OrgdeckCore
import OrgdeckTerminal
import OrgdeckViewModels

/// A team's page: its policy, then a Members tab and an Apps tab.
enum TeamView {
    static let memberColumns = [
        TableColumn("Username", min: 8, priority: 10, identifier: true),
        TableColumn("Name", min: 10, priority: 8),
        TableColumn("Organization role", min: 12, max: 24, priority: 9),
    ]
    static let appColumns = [
        TableColumn("App ID", min: 10, priority: 10, identifier: true),
        TableColumn("Name", min: 10, priority: 8),
        TableColumn("Role", min: 11, max: 11, priority: 9),
        TableColumn("Labels", min: 8, priority: 4),
    ]

    static func draw(_ painter: inout Painter, _ area: Rect, page: TeamPageViewModel) {
        let state = page.state
        guard let team = state.team else {
            painter.text(state.error ?? "loading \(state.teamID)…", x: area.x + 2, y: area.y + 1, width: area.width - 4, .muted); return
        }
        var x = area.x + 1
        x += painter.text("Team \(team.name)", x: x, y: area.y, width: area.width / 2, .title)
        painter.text("  \(team.id)", x: x, y: area.y, width: area.maxX - x, .muted)
        let policy = team.requiredLabels.isEmpty ? "no label policy" : "siloed: only apps labelled " + team.requiredLabels.joined(separator: ", ")
        let used = painter.text(policy, x: area.x + 1, y: area.y + 1, width: area.width - 2, team.requiredLabels.isEmpty ? .muted : .badge)
        if page.section is TeamAppsSection {
            // On Apps, `e` is an app's role: say where the policy is changed.
            let hint = painter.suggest(.edit, " · %k on the Members tab changes it", in: [page.policyCommand])
            painter.text(hint, x: area.x + 1 + used, y: area.y + 1, width: area.width - 2 - used, .muted)
        }
        let table = Rect(x: area.x, y: area.y + 3, width: area.width, height: area.height - 3)
        switch page.section {
        case let members as TeamMembersSection:
            let list = members.state.list
            let end = SidebarView.tabs(&painter, x: area.x + 1, y: area.y + 2,
                                       titles: ["Members (\(team.memberCount))", "Apps (\(team.appCount))"], selected: 0)
            SidebarView.search(&painter, x: end, y: area.y + 2, maxX: area.maxX, search: list.search, searching: list.searching)
            let rows = list.rows.map { [$0.user.username, $0.user.displayName, $0.role.title] }
            TableView.draw(&painter, table, columns: memberColumns, rows: rows, cursor: list.cursor, scrollTop: list.scrollTop,
                           empty: "No members." + painter.suggest(.new, " Press %k to add one.", in: members.commands))
        case let apps as TeamAppsSection:
            let list = apps.state.list
            let end = SidebarView.tabs(&painter, x: area.x + 1, y: area.y + 2,
                                       titles: ["Members (\(team.memberCount))", "Apps (\(team.appCount))"], selected: 1)
            SidebarView.search(&painter, x: end, y: area.y + 2, maxX: area.maxX, search: list.search, searching: list.searching)
            let rows = list.rows.map { [$0.app.id, $0.app.name, $0.role.rawValue, $0.app.labels.joined(separator: ", ")] }
            TableView.draw(&painter, table, columns: appColumns, rows: rows, cursor: list.cursor, scrollTop: list.scrollTop,
                           empty: "No apps." + painter.suggest(.new, " Press %k to add one.", in: apps.commands))
        default:
            painter.text("no view for \(page.section.title)", x: area.x + 2, y: area.y + 4, width: area.width - 4, .error)
        }
    }
}
