import Foundation
import OrgdeckCore
import OrgdeckTerminal
import OrgdeckViewModels

/// The Security pane: personal access tokens for the scripting interface.
enum SecurityView {
    static func draw(_ painter: inout Painter, _ area: Rect, state: SecurityState, now: Date) {
        painter.text("Personal access tokens", x: area.x + 1, y: area.y, .title)
        painter.text("  for ORGDECK_TOKEN; n creates one (shown once)", x: area.x + 23, y: area.y, width: area.width - 24, .muted)
        if let error = state.error { painter.text(error, x: area.x + 2, y: area.y + 2, width: area.width - 4, .error); return }
        if state.tokens.isEmpty {
            painter.text("No tokens yet. Press n to create one.", x: area.x + 2, y: area.y + 2, width: area.width - 4, .empty); return
        }
        let rows = state.tokens.map { token -> [String] in
            let status = token.revokedAt != nil ? "revoked" : token.expiresAt < now ? "expired" : "active"
            let lastUsed: String = token.lastUsedAt.map { TextLayout.relative($0, now: now) } ?? "never"
            return [token.id, token.description, "odk_…" + token.lastFour, TextLayout.day(token.expiresAt), lastUsed, status]
        }
        TableView.draw(&painter, Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1),
                       columns: [("ID", 9), ("Description", 22), ("Token", 10), ("Expires", 11), ("Last used", 10), ("Status", 9)],
                       rows: rows, cursor: state.cursor, empty: "")
    }
}
