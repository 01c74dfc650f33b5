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
        let header = Rect(x: area.x, y: area.y + 1, width: area.width, height: 1)
        painter.fill(header, .tableHeader)
        let columns: [(String, Int)] = [("ID", 9), ("Description", 22), ("Token", 10), ("Expires", 11), ("Last used", 10), ("Status", 9)]
        var x = area.x + 1
        for (title, width) in columns { painter.text(title, x: x, y: header.y, width: width, .tableHeader); x += width + 1 }
        let rows = area.height - 2
        let top = max(0, state.cursor - rows + 1)
        for (offset, token) in state.tokens.dropFirst(top).prefix(rows).enumerated() {
            let index = top + offset
            let y = area.y + 2 + offset
            let element: UIElement = index == state.cursor ? .tableCursor : .tableRow
            let line = Rect(x: area.x, y: y, width: area.width, height: 1)
            painter.fill(line, element)
            let status = token.revokedAt != nil ? "revoked" : token.expiresAt < now ? "expired" : "active"
            let lastUsed: String = token.lastUsedAt.map { TextLayout.relative($0, now: now) } ?? "never"
            let masked: String = "odk_…" + token.lastFour
            let values: [String] = [token.id, token.description, masked, TextLayout.day(token.expiresAt), lastUsed, status]
            var x = area.x + 1
            for (value, column) in zip(values, columns) { painter.text(value, x: x, y: y, width: column.1, element); x += column.1 + 1 }
            painter.hit(line, .selectIndex(index))
        }
    }
}
