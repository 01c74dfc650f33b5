import Foundation
import OrgdeckCore
import OrgdeckTerminal
import OrgdeckViewModels

/// The Workflows section's table.
enum WorkflowsTable {
    static let columns = [
        TableColumn("Workflow", min: 8, priority: 10, identifier: true),
        TableColumn("Name", min: 10, priority: 7),
        TableColumn("Nodes", min: 5, max: 5, priority: 8, alignRight: true),
        TableColumn("Visibility", min: 10, max: 10, priority: 6),
        TableColumn("Updated", min: 8, max: 14, priority: 3),
    ]

    static func draw(_ painter: inout Painter, _ area: Rect, state: ListSectionState<Workflow>, commands: [PaneCommand] = [], now: Date) {
        let list = state.list
        let y = AccountView.title(&painter, area, "Workflows", counting: state)
        if let error = state.error { painter.text(error, x: area.x + 2, y: y + 1, width: area.width - 3, .error); return }
        let rows = list.rows.map { [$0.id, $0.name, String($0.graph.nodes.count), $0.visibility.rawValue, TextLayout.relative($0.updatedAt, now: now)] }
        TableView.draw(&painter, Rect(x: area.x, y: y, width: area.width, height: area.maxY - y), columns: columns, rows: rows,
                       cursor: list.cursor, scrollTop: list.scrollTop,
                       empty: list.search.isEmpty ? "No workflows." + painter.suggest(.new, " %k creates one and opens its graph.", in: commands)
                           : "No workflow matches.",
                       marks: list.rows.map { $0.starred ? "★" : "" })
    }
}

/// The collaborators of an app (its page's section).
enum CollaboratorsTable {
    static let columns = [
        TableColumn("User", min: 6, max: 32, priority: 10, identifier: true),
        TableColumn("Name", min: 8, priority: 5),
        TableColumn("Scopes", min: 12, priority: 9),
        TableColumn("Added", min: 8, max: 14, priority: 3),
    ]

    static func draw(_ painter: inout Painter, _ area: Rect, state: ListSectionState<Collaborator>, now: Date) {
        let list = state.list
        let y = AccountView.title(&painter, area, "Collaborators", counting: state)
        if let error = state.error { painter.text(error, x: area.x + 2, y: y + 1, width: area.width - 3, .error); return }
        let rows = list.rows.map { [$0.user.username, $0.user.displayName, CollaboratorScope.text($0.scopes), TextLayout.relative($0.addedAt, now: now)] }
        TableView.draw(&painter, Rect(x: area.x, y: y, width: area.width, height: area.maxY - y), columns: columns, rows: rows,
                       cursor: list.cursor, scrollTop: list.scrollTop,
                       empty: "Not shared with anyone. n shares the app with a user, inside or outside the organization.")
    }
}

/// The Collaborations pane: its two sections in a sidebar.
enum CollaborationsView {
    static let sharedColumns = [
        TableColumn("Owner", min: 6, max: 24, priority: 9, identifier: true),
        TableColumn("App", min: 8, max: 32, priority: 10, identifier: true),
        TableColumn("Name", min: 8, priority: 5),
        TableColumn("Your scopes", min: 12, priority: 8),
    ]
    static let collaboratorColumns = [
        TableColumn("App", min: 8, max: 32, priority: 10, identifier: true),
        TableColumn("User", min: 6, max: 32, priority: 10, identifier: true),
        TableColumn("Name", min: 8, priority: 4),
        TableColumn("Scopes", min: 12, priority: 8),
    ]

    static func draw(_ painter: inout Painter, _ area: Rect, pane: CollaborationsPane, context: String) {
        let body = SidebarView.page(&painter, area, title: "Collaborations · \(context)", page: pane)
        switch pane.section {
        case let shared as SharedWithYouSection:
            let list = shared.state.list
            let y = AccountView.title(&painter, body, "Shared with you", counting: shared.state)
            painter.text("apps of others you collaborate on · Enter opens with your scopes · L leaves", x: body.x + 1, y: y,
                         width: body.width - 2, .muted)
            if let error = shared.state.error { painter.text(error, x: body.x + 2, y: y + 2, width: body.width - 3, .error); return }
            TableView.draw(&painter, Rect(x: body.x, y: y + 1, width: body.width, height: body.maxY - y - 1), columns: sharedColumns,
                           rows: list.rows.map { [$0.ownerLabel, $0.app.id, $0.app.name, CollaboratorScope.text($0.scopes)] },
                           cursor: list.cursor, scrollTop: list.scrollTop, empty: "No app is shared with you.")
        case let collaborators as AppCollaboratorsSection:
            let list = collaborators.state.list
            let y = AccountView.title(&painter, body, collaborators.title, counting: collaborators.state)
            if let reason = collaborators.manageRefusal, reason != CoreError.readOnly.message {
                painter.text(reason, x: body.x + 2, y: y + 1, width: body.width - 3, .muted)
                return
            }
            painter.text("share an app from its page (its Collaborators section)", x: body.x + 1, y: y, width: body.width - 2, .muted)
            if let error = collaborators.state.error { painter.text(error, x: body.x + 2, y: y + 2, width: body.width - 3, .error); return }
            TableView.draw(&painter, Rect(x: body.x, y: y + 1, width: body.width, height: body.maxY - y - 1), columns: collaboratorColumns,
                           rows: list.rows.map { [$0.appID, $0.collaborator.user.username, $0.collaborator.user.displayName,
                                                  CollaboratorScope.text($0.collaborator.scopes)] },
                           cursor: list.cursor, scrollTop: list.scrollTop, empty: "None of these apps is shared with anyone.")
        default:
            painter.text("no view for \(pane.section.title)", x: body.x + 1, y: body.y + 1, width: body.width - 2, .error)
        }
    }
}
