import OrgdeckCore
import OrgdeckTerminal
import OrgdeckViewModels

/// A team's page: its policy, then a Members tab and an Apps tab.
enum TeamView {
    static func draw(_ painter: inout Painter, _ area: Rect, state: TeamState) {
        guard let team = state.team else {
            painter.text(state.error ?? "loading \(state.teamID)…", x: area.x + 2, y: area.y + 1, width: area.width - 4, .muted); return
        }
        var x = area.x + 1
        x += painter.text("Team \(team.name)", x: x, y: area.y, width: area.width / 2, .title)
        painter.text("  \(team.id)", x: x, y: area.y, width: area.maxX - x, .muted)
        let policy = team.requiredLabels.isEmpty ? "no label policy" : "siloed: only apps labelled " + team.requiredLabels.joined(separator: ", ")
        painter.text(policy, x: area.x + 1, y: area.y + 1, width: area.width - 2, team.requiredLabels.isEmpty ? .muted : .badge)
        var tx = area.x + 1
        for tab in TeamTab.allCases {
            let count = tab == .members ? state.members.count : state.apps.count
            let label = " \(tab.rawValue) (\(count)) "
            tx += painter.text(label, x: tx, y: area.y + 2, tab == state.tab ? .tabActive : .tab) + 1
        }
        if state.searching || !state.search.isEmpty {
            tx += painter.text(" /", x: tx, y: area.y + 2, .footerKey)
            painter.text(state.search.text + (state.searching ? "▏" : ""), x: tx, y: area.y + 2, width: area.maxX - tx, .inputFocus)
        }
        let table = Rect(x: area.x, y: area.y + 3, width: area.width, height: area.height - 3)
        switch state.tab {
        case .members:
            let rows = state.visibleMembers.map { [$0.user.username, $0.user.displayName, $0.role.title] }
            TableView.draw(&painter, table, columns: [("Username", 14), ("Name", 22), ("Organization role", 26)],
                           rows: rows, cursor: state.cursor, empty: "No members. Press n to add one.")
        case .apps:
            let rows = state.visibleApps.map { [$0.app.id, $0.app.name, $0.role.rawValue, $0.app.labels.joined(separator: ", ")] }
            TableView.draw(&painter, table, columns: [("App ID", 20), ("Name", 22), ("Role", 11), ("Labels", 16)],
                           rows: rows, cursor: state.cursor, empty: "No apps. Press n to add one.")
        }
    }
}
