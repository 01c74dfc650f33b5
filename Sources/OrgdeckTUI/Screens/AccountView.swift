import Foundation
import OrgdeckCore
import OrgdeckTerminal
import OrgdeckViewModels

/// The Account pane: the user's profile, or the organization's profile and members.
enum AccountView {
    static func draw(_ painter: inout Painter, _ area: Rect, state: AccountState, context: Context, now: Date) {
        var y = area.y
        if let error = state.error {
            painter.text(error, x: area.x + 2, y: y + 1, width: area.width - 4, .error); return
        }
        if let org = state.organization {
            painter.text("Organization profile", x: area.x + 1, y: y, .title); y += 1
            row(&painter, "Name", org.name, area, &y)
            row(&painter, "ID", org.id, area, &y)
            row(&painter, "Billing email", org.billingEmail, area, &y)
            row(&painter, "Your role", state.role?.title ?? "—", area, &y)
            y += 1
            drawMembers(&painter, Rect(x: area.x, y: y, width: area.width, height: area.maxY - y), state: state, now: now)
        } else {
            painter.text("Your profile", x: area.x + 1, y: y, .title); y += 1
            row(&painter, "Username", state.user.username, area, &y)
            row(&painter, "Display name", state.user.displayName, area, &y)
            row(&painter, "Email", state.user.email, area, &y)
            row(&painter, "Member since", TextLayout.day(state.user.createdAt), area, &y)
            y += 1
            painter.text("Organizations", x: area.x + 1, y: y, .title); y += 1
            if state.memberships.isEmpty {
                painter.text("None. Add one from the profile menu (p).", x: area.x + 3, y: y, width: area.width - 4, .empty)
            }
            for membership in state.memberships where y < area.maxY {
                painter.text(membership.organization.name, x: area.x + 3, y: y, width: 30, .base)
                painter.text(membership.organization.id, x: area.x + 34, y: y, width: 20, .muted)
                painter.text(membership.role.title, x: area.x + 55, y: y, width: area.maxX - area.x - 56, .muted)
                y += 1
            }
        }
    }

    static func drawMembers(_ painter: inout Painter, _ area: Rect, state: AccountState, now: Date) {
        guard area.height >= 3 else { return }
        painter.text("Members (\(state.members.count))", x: area.x + 1, y: area.y, .title)
        let header = Rect(x: area.x, y: area.y + 1, width: area.width, height: 1)
        painter.fill(header, .tableHeader)
        let columns: [(String, Int)] = [("Username", 16), ("Name", 22), ("Role", 26), ("Joined", 11), ("Last active", 12)]
        var x = area.x + 1
        for (title, width) in columns { painter.text(title, x: x, y: header.y, width: width, .tableHeader); x += width + 1 }
        let rows = area.height - 2
        let top = max(0, state.cursor - rows + 1)
        for (offset, member) in state.members.dropFirst(top).prefix(rows).enumerated() {
            let index = top + offset
            let y = area.y + 2 + offset
            let element: UIElement = index == state.cursor ? .tableCursor : .tableRow
            let line = Rect(x: area.x, y: y, width: area.width, height: 1)
            painter.fill(line, element)
            let lastActive: String = member.lastActiveAt.map { TextLayout.relative($0, now: now) } ?? "never"
            let values: [String] = [member.user.username, member.user.displayName, member.role.title, TextLayout.day(member.joinedAt), lastActive]
            var x = area.x + 1
            for (value, column) in zip(values, columns) { painter.text(value, x: x, y: y, width: column.1, element); x += column.1 + 1 }
            painter.hit(line, .selectIndex(index))
        }
    }

    static func row(_ painter: inout Painter, _ label: String, _ value: String, _ area: Rect, _ y: inout Int) {
        guard y < area.maxY else { return }
        painter.text(label, x: area.x + 3, y: y, width: 15, .muted)
        painter.text(value, x: area.x + 19, y: y, width: area.width - 20, .base)
        y += 1
    }
}
