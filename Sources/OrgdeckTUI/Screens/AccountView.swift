import Foundation
import OrgdeckCore
import OrgdeckTerminal
import OrgdeckViewModels

/// The Account pane: the personal profile, or an organization's settings page with a sidebar —
/// Profile, Members, Teams, Invitations — each section's list drawn by the one table widget.
enum AccountView {
    static let sidebarWidth = 15

    static func draw(_ painter: inout Painter, _ area: Rect, account: AccountViewModel, now: Date) {
        let (titleRow, rest) = area.splitTop(1)
        let orgName = (account.sections.first as? OrganizationProfileSection)?.state.organization?.name
        let title = account.context.organizationID == nil ? "Your account" : "\(orgName ?? account.context.description) settings"
        painter.text(title, x: titleRow.x + 1, y: titleRow.y, width: titleRow.width - 2, .title)
        let (sidebar, content) = rest.splitLeft(sidebarWidth)
        SidebarView.draw(&painter, sidebar, titles: account.sections.map(\.title), selected: account.selected)
        let body = Rect(x: content.x + 1, y: content.y, width: content.width - 1, height: content.height)
        switch account.section {
        case let personal as PersonalProfileSection: PersonalProfileView.draw(&painter, body, state: personal.state)
        case let activity as ActivitySection: ActivityTable.draw(&painter, body, state: activity.state, now: now)
        case let profile as OrganizationProfileSection: drawProfile(&painter, body, state: profile.state, role: account.role)
        case let members as MembersSection: MembersTable.draw(&painter, body, state: members.state, now: now)
        case let teams as TeamsSection: TeamsTable.draw(&painter, body, state: teams.state, commands: teams.commands)
        case let invitations as InvitationsSection:
            InvitationsTable.draw(&painter, body, state: invitations.state, visible: invitations.visible, commands: invitations.commands)
        default: painter.text("no view for \(account.section.title)", x: body.x + 1, y: body.y + 1, width: body.width - 2, .error)
        }
    }

    static func drawProfile(_ painter: inout Painter, _ area: Rect, state: OrganizationProfileState, role: Role?) {
        if let error = state.error { painter.text(error, x: area.x + 1, y: area.y + 1, width: area.width - 2, .error); return }
        guard let org = state.organization else { return }
        var y = area.y + 1
        for (label, value) in [("Name", org.name), ("ID", org.id), ("Billing email", org.billingEmail),
                               ("Your role", role?.title ?? "—"), ("Members", String(state.memberCount)),
                               ("Teams", String(state.teamCount)), ("Created", TextLayout.day(org.createdAt))] where y < area.maxY {
            painter.text(label, x: area.x + 1, y: y, width: 15, .muted)
            painter.text(value, x: area.x + 17, y: y, width: area.width - 18, .base)
            y += 1
        }
    }

    /// A section's title line, with a quieter note beside it or its search when there is one;
    /// returns the row below it.
    @discardableResult
    /// A list's title with how many rows it shows: "Members (3 of 12)" while a search hides
    /// some, so an empty result does not read as an empty list.
    static func title<Item: ListItem>(_ painter: inout Painter, _ area: Rect, _ name: String, counting state: ListSectionState<Item>) -> Int {
        let (shown, all) = (state.list.rows.count, state.all.count)
        let count = state.list.search.isEmpty || shown >= all ? "\(shown)" : "\(shown) of \(all)"
        return title(&painter, area, "\(name) (\(count))", search: state.list.search, searching: state.list.searching)
    }

    static func title(_ painter: inout Painter, _ area: Rect, _ text: String, note: String? = nil, search: TextField? = nil,
                      searching: Bool = false) -> Int {
        let used = painter.text(text, x: area.x + 1, y: area.y, .title)
        if let note {
            painter.text("  " + note, x: area.x + 1 + used, y: area.y, width: area.width - used - 2, .muted)
        }
        if let search {
            SidebarView.search(&painter, x: area.x + 1 + used, y: area.y, maxX: area.maxX, search: search, searching: searching)
        }
        return area.y + 1
    }
}

/// The Members section's table.
enum MembersTable {
    static let columns = [
        TableColumn("Username", min: 8, priority: 10, identifier: true),
        TableColumn("Name", min: 12, priority: 7),
        TableColumn("Email", min: 16, priority: 9, identifier: true),
        TableColumn("Role", min: 12, max: 16, priority: 8),
        TableColumn("Teams", min: 8, max: 24, priority: 3),
        TableColumn("Joined", min: 10, max: 10, priority: 4),
        TableColumn("Last active", min: 9, max: 11, priority: 5),
    ]

    static func draw(_ painter: inout Painter, _ area: Rect, state: ListSectionState<Member>, now: Date) {
        let list = state.list
        let y = AccountView.title(&painter, area, "Members", counting: state)
        if let error = state.error { painter.text(error, x: area.x + 2, y: y + 1, width: area.width - 3, .error); return }
        let rows = list.rows.map { member -> [String] in
            [member.user.username, member.user.displayName, member.user.email, member.role.shortTitle,
             member.teams.joined(separator: ", "), TextLayout.day(member.joinedAt),
             member.lastActiveAt.map { TextLayout.relative($0, now: now) } ?? "never"]
        }
        TableView.draw(&painter, Rect(x: area.x, y: y, width: area.width, height: area.maxY - y), columns: columns, rows: rows,
                       cursor: list.cursor, scrollTop: list.scrollTop, empty: list.search.isEmpty ? "No members." : "No member matches.")
    }
}

/// The Teams section's table.
enum TeamsTable {
    static let columns = [
        TableColumn("ID", min: 8, priority: 10, identifier: true),
        TableColumn("Name", min: 10, priority: 9),
        TableColumn("Members", min: 7, max: 7, priority: 6, alignRight: true),
        TableColumn("Apps", min: 4, max: 4, priority: 5, alignRight: true),
        TableColumn("Policy", min: 10, priority: 4),
    ]

    /// `commands`: what works here, so the empty list suggests `n` only where it works.
    static func draw(_ painter: inout Painter, _ area: Rect, state: ListSectionState<Team>, commands: [PaneCommand] = []) {
        let list = state.list
        let y = AccountView.title(&painter, area, "Teams", counting: state)
        if let error = state.error { painter.text(error, x: area.x + 2, y: y + 1, width: area.width - 3, .error); return }
        let rows = list.rows.map { team -> [String] in
            [team.id, team.name, String(team.memberCount), String(team.appCount),
             team.requiredLabels.isEmpty ? "—" : "only " + team.requiredLabels.joined(separator: ", ")]
        }
        TableView.draw(&painter, Rect(x: area.x, y: y, width: area.width, height: area.maxY - y), columns: columns, rows: rows,
                       cursor: list.cursor, scrollTop: list.scrollTop,
                       empty: list.search.isEmpty ? "No teams yet." + painter.suggest(.new, " Press %k to create one.", in: commands)
                           : "No team matches.")
    }
}

/// The Invitations section's table.
enum InvitationsTable {
    static let columns = [
        TableColumn("Email", min: 16, priority: 10, identifier: true),
        TableColumn("Role", min: 12, max: 16, priority: 8),
        TableColumn("Teams", min: 8, max: 20, priority: 2),
        TableColumn("By", min: 6, max: 14, priority: 3),
        TableColumn("Sent", min: 10, max: 10, priority: 4),
        TableColumn("Expires", min: 10, max: 10, priority: 6),
        TableColumn("State", min: 9, max: 9, priority: 9),
    ]

    static func draw(_ painter: inout Painter, _ area: Rect, state: ListSectionState<Invitation>, visible: Bool,
                     commands: [PaneCommand] = []) {
        let list = state.list
        let pending = list.rows.filter { $0.state == .pending }.count
        let y = AccountView.title(&painter, area, visible ? "Invitations (\(pending) pending)" : "Invitations",
                                  search: list.search, searching: list.searching)
        guard visible else {
            painter.text("Only Admins see and send the organization's invitations.", x: area.x + 2, y: y + 1, width: area.width - 3, .empty)
            return
        }
        if let error = state.error { painter.text(error, x: area.x + 2, y: y + 1, width: area.width - 3, .error); return }
        let rows = list.rows.map { invitation -> [String] in
            [invitation.email, invitation.role.shortTitle, invitation.teams.joined(separator: ", "), invitation.invitedBy,
             TextLayout.day(invitation.sentAt), TextLayout.day(invitation.expiresAt), invitation.state.rawValue]
        }
        TableView.draw(&painter, Rect(x: area.x, y: y, width: area.width, height: area.maxY - y), columns: columns, rows: rows,
                       cursor: list.cursor, scrollTop: list.scrollTop,
                       empty: "No invitations." + painter.suggest(.new, " Press %k to invite someone.", in: commands))
    }
}
