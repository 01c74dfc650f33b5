import Foundation
import OrgdeckCore
import OrgdeckTerminal
import OrgdeckViewModels

/// My Apps: a title line with count, sort and filter, then the grid of cards or the table.
enum MyAppsView {
    /// `commands`: what works here, so the empty list suggests a key only where it works;
    /// `emptyNote`: why the role sees no app, said instead.
    static func draw(_ painter: inout Painter, _ area: Rect, state: MyAppsState, title: String, commands: [PaneCommand] = [],
                     emptyNote: String? = nil, now: Date) {
        guard area.height >= 2 else { return }
        let (titleRow, list) = area.splitTop(1)
        drawTitle(&painter, titleRow, state: state, title: title)
        if let error = state.error {
            painter.text(error, x: list.x + 2, y: list.y + 1, width: list.width - 4, .error)
            return
        }
        if state.total == 0 {
            // Suggest the key only to whom it works.
            let message = state.filter.isEmpty
                ? emptyNote ?? "No apps here yet." + painter.suggest(.new, " Press %k to create one.", in: commands)
                : "No app matches \"\(state.filter.text)\". Esc clears the filter."
            painter.text(message, x: list.x + 2, y: list.y + 1, width: list.width - 4, .empty)
            return
        }
        switch state.layout {
        case .list: AppListView.draw(&painter, list, state: state, now: now)
        case .grid: AppGridView.draw(&painter, list, state: state, now: now)
        }
    }

    static func drawTitle(_ painter: inout Painter, _ row: Rect, state: MyAppsState, title: String) {
        var x = row.x + 1
        x += painter.text("My Apps", x: x, y: row.y, .title)
        x += painter.text(" · \(title)", x: x, y: row.y, width: max(0, row.width / 3), .muted)
        let total = state.totalIsExact ? String(state.total) : "\(state.total - 1)+"
        let count = state.total == 1 && state.totalIsExact ? "1 app" : "\(total) apps"
        let position = state.total > 0 ? "\(state.cursor + 1)/\(count)" : count
        x += painter.text("  \(position)", x: x, y: row.y, .muted)
        x += painter.text("  sort ", x: x, y: row.y, .muted)
        x += painter.text(state.sortLabel, x: x, y: row.y, .tableSort)
        x += painter.text("  \(state.layout.rawValue)", x: x, y: row.y, .muted)
        if state.filtering || !state.filter.isEmpty {
            x += painter.text("  /", x: x, y: row.y, .footerKey)
            let room = row.maxX - x - 1
            let shown = state.filtering ? state.filter.markedAtCursor : state.filter.text
            painter.text(shown, x: x, y: row.y, width: room, state.filtering ? .inputFocus : .input)
        }
    }
}

/// The table view of My Apps: the one table widget over the loaded window; the ID is cut last.
enum AppListView {
    static let columns = [
        TableColumn("ID", min: 10, priority: 10, identifier: true),
        TableColumn("Name", min: 12, max: 40, priority: 9),
        TableColumn("Updated", min: 10, max: 10, priority: 6),
        TableColumn("Labels", min: 6, max: 24, priority: 3),
        TableColumn("Description", min: 12, priority: 1, muted: true),
    ]

    static func draw(_ painter: inout Painter, _ area: Rect, state: MyAppsState, now: Date) {
        let rows = state.window.map { app -> [String] in
            [app.id, app.name, TextLayout.relative(app.updatedAt, now: now), app.labels.joined(separator: ", "),
             app.description.split(separator: "\n").first.map(String.init) ?? ""]
        }
        TableView.draw(&painter, area, columns: columns, rows: rows, cursor: state.cursor, scrollTop: state.scrollTop,
                       empty: "", sortColumn: state.sort == .name ? 1 : 2, ascending: state.ascending,
                       marks: state.window.map { $0.pinned ? "●" : "" }, firstIndex: state.windowOffset)
    }
}

/// The card grid view of My Apps.
enum AppGridView {
    static let cardWidth = 26
    static let cardHeight = 5

    static func draw(_ painter: inout Painter, _ area: Rect, state: MyAppsState, now: Date) {
        let columns = max(1, (area.width - 1) / cardWidth)
        // The cards share the width the grid leaves over, so a wide terminal shows more of
        // each name and ID instead of a blank strip at the right.
        let cardWidth = max(Self.cardWidth, (area.width - 1) / columns)
        let visibleRows = max(1, area.height / cardHeight)
        for row in 0..<visibleRows {
            for column in 0..<columns {
                let index = (state.scrollTop + row) * columns + column
                guard index < state.total else { return }
                let rect = Rect(x: area.x + 1 + column * cardWidth, y: area.y + row * cardHeight, width: cardWidth - 1, height: cardHeight)
                drawCard(&painter, rect, app: state.app(at: index), selected: index == state.cursor, now: now)
                painter.hit(rect, .selectIndex(index))
            }
        }
    }

    static func drawCard(_ painter: inout Painter, _ rect: Rect, app: App?, selected: Bool, now: Date) {
        let element: UIElement = selected ? .cardCursor : .card
        painter.fill(rect, element)
        painter.box(rect, selected ? .borderFocus : .border)
        guard let app else { return }
        let inner = rect.inset(1)
        let pin = app.pinned ? "● " : ""
        if app.pinned { painter.text("●", x: inner.x, y: inner.y, .pinned) }
        painter.text(app.name, x: inner.x + TextWidth.columns(pin), y: inner.y, width: inner.width - TextWidth.columns(pin), selected ? .cardCursor : .cardTitle)
        painter.text(TextWidth.elideMiddle(app.id, to: inner.width), x: inner.x, y: inner.y + 1, width: inner.width,
                     selected ? .cardCursor : .muted)
        painter.text("updated " + TextLayout.relative(app.updatedAt, now: now), x: inner.x, y: inner.y + 2, width: inner.width, selected ? .cardCursor : .muted)
    }
}
