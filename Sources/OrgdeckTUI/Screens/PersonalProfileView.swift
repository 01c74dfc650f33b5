import OrgdeckTerminal
import OrgdeckViewModels

/// The Account pane in the personal context: the user's profile and organizations.
enum PersonalProfileView {
    static func draw(_ painter: inout Painter, _ area: Rect, state: AccountState) {
        var y = area.y
        painter.text("Your profile", x: area.x + 1, y: y, .title); y += 1
        for (label, value) in [("Username", state.user.username), ("Display name", state.user.displayName),
                               ("Email", state.user.email), ("Member since", TextLayout.day(state.user.createdAt))] where y < area.maxY {
            painter.text(label, x: area.x + 3, y: y, width: 15, .muted)
            painter.text(value, x: area.x + 19, y: y, width: area.width - 20, .base)
            y += 1
        }
        y += 1
        guard y < area.maxY else { return }
        painter.text("Organizations", x: area.x + 1, y: y, .title); y += 1
        let rows = state.memberships.map { [$0.organization.name, $0.organization.id, $0.role.title] }
        TableView.draw(&painter, Rect(x: area.x, y: y, width: area.width, height: area.maxY - y),
                       columns: [("Name", 26), ("ID", 16), ("Role", 24)], rows: rows, cursor: state.cursor,
                       empty: "None. Add one from the profile menu (p), or accept an invitation (i).")
    }
}
