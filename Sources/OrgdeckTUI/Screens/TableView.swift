import OrgdeckTerminal
import OrgdeckViewModels

/// A table with a header row, a cursor row kept in view, and an empty-state line.
enum TableView {
    static func draw(_ painter: inout Painter, _ area: Rect, columns: [(String, Int)], rows: [[String]], cursor: Int, empty: String) {
        guard area.height >= 2 else { return }
        let header = Rect(x: area.x, y: area.y, width: area.width, height: 1)
        painter.fill(header, .tableHeader)
        var x = area.x + 1
        for (title, width) in columns where x < area.maxX {
            painter.text(title, x: x, y: header.y, width: min(width, area.maxX - x), .tableHeader)
            x += width + 1
        }
        if rows.isEmpty {
            painter.text(empty, x: area.x + 2, y: area.y + 2, width: area.width - 3, .empty)
            return
        }
        let visible = area.height - 1
        let top = max(0, cursor - visible + 1)
        for (offset, row) in rows.dropFirst(top).prefix(visible).enumerated() {
            let index = top + offset
            let y = area.y + 1 + offset
            let element: UIElement = index == cursor ? .tableCursor : .tableRow
            let line = Rect(x: area.x, y: y, width: area.width, height: 1)
            painter.fill(line, element)
            var x = area.x + 1
            for (value, column) in zip(row, columns) where x < area.maxX {
                painter.text(value, x: x, y: y, width: min(column.1, area.maxX - x), element)
                x += column.1 + 1
            }
            painter.hit(line, .selectIndex(index))
        }
    }
}
