import Foundation
import OrgdeckCore
import OrgdeckTerminal
import OrgdeckViewModels

/// The Security pane: personal access tokens for the scripting interface.
enum SecurityView {
    static let columns = [
        TableColumn("ID", min: 5, max: 12, priority: 10, identifier: true),
        TableColumn("Description", min: 10, priority: 8),
        TableColumn("Token", min: 9, max: 9, priority: 7),
        TableColumn("Expires", min: 10, max: 10, priority: 6),
        TableColumn("Last used", min: 8, max: 10, priority: 5),
        TableColumn("Status", min: 7, max: 7, priority: 9),
    ]

    static func draw(_ painter: inout Painter, _ area: Rect, state: ListSectionState<TokenInfo>, now: Date) {
        let used = painter.text("Personal access tokens", x: area.x + 1, y: area.y, .title)
        painter.text("  for ORGDECK_TOKEN; n creates one (shown once)", x: area.x + 1 + used, y: area.y,
                     width: area.width - used - 2, .muted)
        if let error = state.error { painter.text(error, x: area.x + 2, y: area.y + 2, width: area.width - 4, .error); return }
        let rows = state.list.rows.map { token -> [String] in
            let status = token.revokedAt != nil ? "revoked" : token.expiresAt < now ? "expired" : "active"
            return [token.id, token.description, "odk_…" + token.lastFour, TextLayout.day(token.expiresAt),
                    token.lastUsedAt.map { TextLayout.relative($0, now: now) } ?? "never", status]
        }
        TableView.draw(&painter, Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1), columns: columns,
                       rows: rows, cursor: state.list.cursor, scrollTop: state.list.scrollTop,
                       empty: "No tokens yet. Press n to create one.")
    }
}
