import Foundation
import OrgdeckCore
import OrgdeckTerminal
import OrgdeckViewModels

/// The Account pane: the personal profile, or an organization's settings page with a sidebar —
/// Profile, Members, Teams, Invitations.
enum AccountView {
    static let sidebarWidth = 15

    static func draw(_ painter: inout Painter, _ area: Rect, state: AccountState, now: Date) {
        if let error = state.error {
            painter.text(error, x: area.x + 2, y: area.y + 1, width: area.width - 4, .error); return
        }
        guard let org = state.organization else {
            PersonalProfileView.draw(&painter, area, state: state); return
        }
        let (titleRow, rest) = area.splitTop(1)
        painter.text("\(org.name) settings", x: titleRow.x + 1, y: titleRow.y, width: titleRow.width - 2, .title)
        let (sidebar, content) = rest.splitLeft(sidebarWidth)
        painter.fill(sidebar, .sidebar)
        for (index, section) in state.sections.enumerated() where index + 1 < sidebar.height {
            let active = section == state.section
            let line = Rect(x: sidebar.x, y: sidebar.y + 1 + index, width: sidebar.width, height: 1)
            painter.fill(line, active ? .sidebarActive : .sidebar)
            painter.text((active ? "▸ " : "  ") + section.rawValue, x: line.x + 1, y: line.y, width: line.width - 2, active ? .sidebarActive : .sidebar)
        }
        let body = Rect(x: content.x + 1, y: content.y, width: content.width - 1, height: content.height)
        switch state.section {
        case .profile: drawProfile(&painter, body, org: org, state: state)
        case .members: drawMembers(&painter, body, state: state, now: now)
        case .teams: drawTeams(&painter, body, state: state)
        case .invitations: drawInvitations(&painter, body, state: state, now: now)
        }
    }

    static func drawProfile(_ painter: inout Painter, _ area: Rect, org: Organization, state: AccountState) {
        var y = area.y + 1
        for (label, value) in [("Name", org.name), ("ID", org.id), ("Billing email", org.billingEmail),
                               ("Your role", state.role?.title ?? "—"), ("Members", String(state.members.count)),
                               ("Teams", String(state.teams.count))] where y < area.maxY {
            painter.text(label, x: area.x + 1, y: y, width: 15, .muted)
            painter.text(value, x: area.x + 17, y: y, width: area.width - 18, .base)
            y += 1
        }
    }

    /// The search line shown above a list while searching or when a search is kept.
    static func drawSearch(_ painter: inout Painter, _ area: Rect, state: AccountState, title: String) -> Int {
        var x = area.x + 1
        x += painter.text(title, x: x, y: area.y, .title)
        if state.searching || !state.search.isEmpty {
            x += painter.text("  /", x: x, y: area.y, .footerKey)
            painter.text(state.search.text + (state.searching ? "▏" : ""), x: x, y: area.y, width: area.maxX - x, state.searching ? .inputFocus : .input)
        }
        return area.y + 1
    }

    static func drawMembers(_ painter: inout Painter, _ area: Rect, state: AccountState, now: Date) {
        let members = state.visibleMembers
        let y = drawSearch(&painter, area, state: state, title: "Members (\(members.count))")
        let rows = members.map { member -> [String] in
            [member.user.username, member.user.displayName, member.role.shortTitle, String(member.teams.count),
             TextLayout.shortDay(member.joinedAt), member.lastActiveAt.map { TextLayout.relative($0, now: now) } ?? "never"]
        }
        TableView.draw(&painter, Rect(x: area.x, y: y, width: area.width, height: area.maxY - y),
                       // Sized so every column fits beside the sidebar at 80 columns.
                       columns: [("Username", 10), ("Name", 13), ("Role", 16), ("Tms", 3), ("Joined", 6), ("Active", 10)],
                       rows: rows, cursor: state.cursor, empty: state.search.isEmpty ? "No members." : "No member matches.")
    }

    static func drawTeams(_ painter: inout Painter, _ area: Rect, state: AccountState) {
        let y = drawSearch(&painter, area, state: state, title: "Teams (\(state.teams.count))")
        let rows = state.teams.map { team -> [String] in
            [team.id, team.name, String(team.memberCount), String(team.appCount),
             team.requiredLabels.isEmpty ? "—" : "only " + team.requiredLabels.joined(separator: ", ")]
        }
        TableView.draw(&painter, Rect(x: area.x, y: y, width: area.width, height: area.maxY - y),
                       columns: [("ID", 14), ("Name", 20), ("Members", 7), ("Apps", 4), ("Policy", 20)],
                       rows: rows, cursor: state.cursor, empty: "No teams yet. Press n to create one.")
    }

    static func drawInvitations(_ painter: inout Painter, _ area: Rect, state: AccountState, now: Date) {
        painter.text("Invitations (\(state.invitations.filter { $0.state == .pending }.count) pending)", x: area.x + 1, y: area.y, .title)
        guard state.role == .admin else {
            painter.text("Only Admins see and send the organization's invitations.", x: area.x + 2, y: area.y + 2, width: area.width - 3, .empty)
            return
        }
        let rows = state.invitations.map { invitation -> [String] in
            [invitation.email, invitation.role.shortTitle, invitation.invitedBy, TextLayout.shortDay(invitation.sentAt),
             TextLayout.shortDay(invitation.expiresAt), invitation.state.rawValue]
        }
        TableView.draw(&painter, Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1),
                       columns: [("Email", 14), ("Role", 16), ("By", 7), ("Sent", 6), ("Expires", 7), ("State", 9)],
                       rows: rows, cursor: state.cursor, empty: "No invitations. Press n to invite someone.")
    }
}
