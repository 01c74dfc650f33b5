import OrgdeckTerminal
import OrgdeckViewModels

/// One column of a `TableView`: how narrow it is worth showing, how wide it may grow, and how
/// much it matters when not everything fits.
struct TableColumn {
    var title: String
    /// The narrowest it is worth showing at: when the columns do not all fit at this width, the
    /// least important are hidden. A column whose content is narrower needs only that.
    var min: Int
    /// It never grows past this (nil: as wide as its widest cell).
    var max: Int?
    /// Columns of lower priority get room last and are hidden first.
    var priority: Int
    /// An identifier (an ID, a username, an email: what a user types elsewhere) gets room first,
    /// so it is the last to be cut.
    var identifier: Bool
    var alignRight: Bool
    /// Drawn in a quieter style (descriptions).
    var muted: Bool
    /// A fraction from 0 to 1 drawn as a bar as wide as the column gets (up to `max`), so a
    /// narrow table draws a shorter bar instead of cutting a long one.
    var bar: Bool
    /// File paths: cut in their middle like identifiers, as the file's name is at the end.
    var path: Bool

    init(_ title: String, min: Int = 4, max: Int? = nil, priority: Int = 5, identifier: Bool = false,
         alignRight: Bool = false, muted: Bool = false, bar: Bool = false, path: Bool = false) {
        self.title = title; self.min = min; self.max = max; self.priority = priority; self.identifier = identifier
        self.alignRight = alignRight; self.muted = muted; self.bar = bar; self.path = path
    }

    /// Columns at or below this priority are optional: they give way (are hidden) while an
    /// identifier or a more important column is cut.
    static let optionalPriority = 5

    var isEssential: Bool { identifier || priority > Self.optionalPriority }

    /// An optional column of free text with no bound (a description, details): it takes the
    /// room every other column leaves, after their longest cells.
    var isFiller: Bool { !isEssential && max == nil }
}

/// The one table widget every list uses: a header row, the rows with the cursor's highlighted,
/// a click target per row, and a line for the empty list.
enum TableView {
    /// `scrollTop` moved on as far as a table `height` rows high (its header included) needs to
    /// draw the row at `cursor`: for a table drawn shorter than its list counted on.
    static func scrollTop(_ scrollTop: Int, keeping cursor: Int, height: Int) -> Int {
        max(scrollTop, cursor - max(0, height - 2))
    }

    /// `rows` hold the list from absolute index `firstIndex` on (a window of a long list);
    /// `cursor` and `scrollTop` are absolute, and so are the clicks the rows report.
    static func draw(_ painter: inout Painter, _ area: Rect, columns: [TableColumn], rows: [[String]], cursor: Int?,
                     scrollTop: Int, empty: String, sortColumn: Int? = nil, ascending: Bool = true, marks: [String]? = nil,
                     firstIndex: Int = 0) {
        guard area.height >= 1, area.width >= 2 else { return }
        let markWidth = marks == nil ? 0 : 2
        let inner = area.width - 2 - markWidth
        var columns = columns
        if let sortColumn, columns.indices.contains(sortColumn) { columns[sortColumn].title += ascending ? " ↑" : " ↓" }
        // Without rows the columns take their minimum widths, so the titles still read as
        // columns ("App Name" is one title, not two) instead of being packed one space apart.
        let cells = columns.indices.map { i in
            columns[i].bar ? [columns[i].max ?? columns[i].min]
                : rows.isEmpty ? [columns[i].min] : rows.map { i < $0.count ? TextWidth.columns($0[i]) : 0 }
        }
        let widths = TableLayout.widths(columns, content: cells.map(TableLayout.typicalWidth), longest: cells.map { $0.max() ?? 0 },
                                        available: inner)
        let header = Rect(x: area.x, y: area.y, width: area.width, height: 1)
        painter.fill(header, .tableHeader)
        var x = area.x + 1 + markWidth
        for (i, column) in columns.enumerated() {
            guard let width = widths[i] else { continue }
            painter.text(column.title, x: x, y: header.y, width: width, i == sortColumn ? .tableSort : .tableHeader)
            x += width + 1
        }
        guard area.height >= 2 else { return }
        if rows.isEmpty {
            painter.text(empty, x: area.x + 2, y: area.y + Swift.min(2, area.height - 1), width: area.width - 3, .empty)
            return
        }
        let visibleRows = area.height - 1
        let top = Swift.max(0, Swift.min(scrollTop - firstIndex, rows.count - 1))
        for (offset, row) in rows.dropFirst(top).prefix(visibleRows).enumerated() {
            let local = top + offset
            let index = firstIndex + local
            let y = area.y + 1 + offset
            let selected = index == cursor
            let element: UIElement = selected ? .tableCursor : .tableRow
            let line = Rect(x: area.x, y: y, width: area.width, height: 1)
            painter.fill(line, element)
            if let marks, local < marks.count, !marks[local].isEmpty {
                painter.text(marks[local], x: area.x + 1, y: y, width: 1, selected ? .tableCursor : .pinned)
            }
            var x = area.x + 1 + markWidth
            for (i, column) in columns.enumerated() {
                guard let width = widths[i] else { continue }
                var value = i < row.count ? row[i] : ""
                if column.bar { value = Bars.bar(Double(value) ?? 0, width: width) }
                let cellElement: UIElement = selected ? .tableCursor : column.muted ? .muted : .tableRow
                // An identifier or a path keeps both ends, so rows that differ only at the end stay
                // apart; in a narrow column an identifier's start is what is recognised, while a
                // path's file name is still what tells it apart.
                let name = column.path ? (value.split(separator: "/").last.map { $0.count + 1 } ?? 0) : 0
                let shown = TextWidth.columns(value) <= width ? value
                    : (column.identifier && width >= 12) || (column.path && width >= 6)
                        ? TextWidth.elideMiddle(value, to: width, keepingEnd: name)
                    : TextWidth.truncate(value, to: width)
                let pad = column.alignRight ? Swift.max(0, width - TextWidth.columns(shown)) : 0
                painter.text(shown, x: x + pad, y: y, width: width - pad, cellElement)
                x += width + 1
            }
            painter.hit(line, .selectIndex(index))
        }
    }
}
