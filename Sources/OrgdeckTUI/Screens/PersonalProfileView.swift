import OrgdeckTerminal
import OrgdeckViewModels

/// The Account pane in the personal context: the user's profile and organizations.
enum PersonalProfileView {
    static let columns = [
        TableColumn("Name", min: 10, priority: 9),
        TableColumn("ID", min: 6, priority: 10, identifier: true),
        TableColumn("Role", min: 12, max: 24, priority: 8),
        TableColumn("Joined", min: 6, max: 10, priority: 4),
    ]

    static func draw(_ painter: inout Painter, _ area: Rect, state: PersonalProfileState) {
        var y = area.y
        painter.text("Your profile", x: area.x + 1, y: y, .title); y += 1
        if let error = state.error { painter.text(error, x: area.x + 2, y: y, width: area.width - 3, .error); return }
        for (label, value) in [("Username", state.user.username), ("Display name", state.user.displayName),
                               ("Email", state.user.email), ("Member since", TextLayout.day(state.user.createdAt))] where y < area.maxY {
            painter.text(label, x: area.x + 3, y: y, width: 15, .muted)
            painter.text(value, x: area.x + 19, y: y, width: area.width - 20, .base)
            y += 1
        }
        y += 1
        guard y < area.maxY else { return }
        painter.text("Organizations", x: area.x + 1, y: y, .title); y += 1
        let list = state.memberships
        let rows = list.rows.map { [$0.organization.name, $0.organization.id, $0.role.title, TextLayout.day($0.joinedAt)] }
        TableView.draw(&painter, Rect(x: area.x, y: y, width: area.width, height: area.maxY - y), columns: columns, rows: rows,
                       cursor: list.cursor, scrollTop: list.scrollTop,
                       empty: "None" + painter.keys.names.suggest(.profileMenu, ": %k adds one")
                           + painter.keys.names.suggest(.inbox, "; %k shows invitations for you") + ".")
    }
}
