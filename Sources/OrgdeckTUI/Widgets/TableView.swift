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

    init(_ title: String, min: Int = 4, max: Int? = nil, priority: Int = 5, identifier: Bool = false,
         alignRight: Bool = false, muted: Bool = false, bar: Bool = false) {
        self.title = title; self.min = min; self.max = max; self.priority = priority; self.identifier = identifier
        self.alignRight = alignRight; self.muted = muted; self.bar = bar
    }

    /// Columns at or below this priority are optional: they give way (are hidden) while an
    /// identifier or a more important column is cut.
    static let optionalPriority = 5

    var isEssential: Bool { identifier || priority > Self.optionalPriority }

    /// An optional column of free text with no bound (a description, details): it takes the
    /// room every other column leaves, after their longest cells.
    var isFiller: Bool { !isEssential && max == nil }
}

/// Column widths from content and the width available, like ratatui's constraint layout and
/// k9s's column hiding: when even the columns' minimums do not fit, the least important are
/// hidden (and come back when the terminal widens); every visible column gets its minimum; the
/// room left goes to identifiers first, then by priority, until each shows its typical cells;
/// then to longer cells, the smallest shortfall first; free-text fillers (descriptions) take
/// what is left, then columns still cut may pass their maximum. Optional columns narrow, then
/// give way, when that shows every essential column whole. Room nobody needs stays at the
/// right rather than stretching a column with blanks.
///
/// `content` is what a column's cells typically need (`typicalWidth`), `longest` what its
/// widest cell needs: one long email among short ones is shown whole only with room nobody
/// else needs, instead of cutting every other column of every row for it.
enum TableLayout {
    /// The width of each column, nil for a hidden one. `gap` columns separate neighbours.
    static func widths(_ columns: [TableColumn], content: [Int], longest: [Int]? = nil, available: Int, gap: Int = 1) -> [Int?] {
        let longest = longest ?? content
        var hidden: Set<Int> = []
        func layout() -> [Int?] {
            grow(widthsForTypical(columns, content: content, available: available, gap: gap, hidden: hidden), typical: content,
                 longest: longest, columns: columns, available: available, gap: gap)
        }
        func hideOne(_ width: [Int?]) -> Bool {
            let optional = columns.indices.filter { !columns[$0].isEssential && width[$0] != nil }
            guard let victim = optional.min(by: { columns[$0].priority != columns[$1].priority
                ? columns[$0].priority < columns[$1].priority : $0 > $1 }) else { return false }
            hidden.insert(victim)
            return true
        }
        // Essential columns cut short of their widest cell are shown whole if optional columns
        // narrowing, then giving way, allows it; when nothing would, every column stays and only
        // the long cells are cut (an identifier in its middle).
        var width = layout()
        let first = width
        while true {
            if let whole = squeezed(width, columns: columns, content: content, longest: longest) { return whole }
            guard hideOne(width) else { return first }
            width = layout()
        }
    }

    /// `width` with optional columns narrowed toward their minimum, least important first, so
    /// that every essential column shows its widest cell (up to its maximum); nil when that is
    /// not enough.
    private static func squeezed(_ width: [Int?], columns: [TableColumn], content: [Int], longest: [Int]) -> [Int?]? {
        var width = width
        let short = columns.indices.map { i -> Int in
            guard columns[i].isEssential, let shown = width[i] else { return 0 }
            return Swift.max(0, Swift.min(longest[i], columns[i].max ?? longest[i]) - shown)
        }
        var needed = short.reduce(0, +)
        guard needed > 0 else { return width }
        let least = columns.indices.map { i in Swift.min(columns[i].min, wanted(columns[i], content[i])) }
        let donors = columns.indices.filter { !columns[$0].isEssential && width[$0] != nil }
            .sorted { columns[$0].priority != columns[$1].priority ? columns[$0].priority < columns[$1].priority : $0 > $1 }
        guard donors.reduce(0, { $0 + width[$1]! - least[$1] }) >= needed else { return nil }
        for i in donors where needed > 0 {
            let take = Swift.min(width[i]! - least[i], needed)
            width[i]! -= take; needed -= take
        }
        for i in columns.indices where short[i] > 0 { width[i]! += short[i] }
        return width
    }

    /// The width `content` columns of cells ask of `column`: at least its title, at most its maximum.
    private static func wanted(_ column: TableColumn, _ content: Int) -> Int {
        let natural = Swift.max(content, TextWidth.columns(column.title))
        return Swift.max(1, Swift.min(natural, column.max ?? natural))
    }

    /// What a column's cells need but for outliers: the widest tenth of the cells (at least one
    /// of three or more) is left out when it is far wider than the rest (twice as wide and by
    /// eight columns), so one long email does not set the width of every row's column.
    static func typicalWidth(_ widths: [Int]) -> Int {
        guard widths.count >= 3 else { return widths.max() ?? 0 }
        let sorted = widths.sorted(by: >)
        let rest = sorted[Swift.max(1, widths.count / 10)]
        let limit = Swift.max(2 * rest, rest + 8)
        return sorted.first { $0 <= limit } ?? rest
    }

    /// Room left after every column but the fillers has its typical width: first to the columns
    /// whose widest cell needs more, the smallest shortfall first (so a long email does not
    /// starve a team list a few columns short), then to the fillers, up to their typical and
    /// then their widest cells.
    private static func grow(_ width: [Int?], typical: [Int], longest: [Int], columns: [TableColumn], available: Int,
                             gap: Int) -> [Int?] {
        var width = width
        let shown = columns.indices.filter { width[$0] != nil }
        var room = available - shown.reduce(0) { $0 + width[$1]! } - gap * Swift.max(0, shown.count - 1)
        func target(_ i: Int, _ cells: [Int]) -> Int {
            let natural = Swift.max(cells[i], TextWidth.columns(columns[i].title))
            return Swift.min(natural, columns[i].max ?? natural)
        }
        func widen(_ order: [Int], to cells: [Int]) {
            for i in order where room > 0 {
                let grow = Swift.min(room, target(i, cells) - width[i]!)
                if grow > 0 { width[i]! += grow; room -= grow }
            }
        }
        widen(shown.filter { !columns[$0].isFiller }.sorted { a, b in
            let (short, other) = (target(a, longest) - width[a]!, target(b, longest) - width[b]!)
            return short != other ? short < other : columns[a].priority > columns[b].priority
        }, to: longest)
        let fillers = shown.filter { columns[$0].isFiller }.sorted { columns[$0].priority > columns[$1].priority }
        widen(fillers, to: typical)
        widen(fillers, to: longest)
        // Room still left goes past a column's maximum to its widest cell: a maximum keeps a
        // name from crowding the others out, not from using what nobody else needs.
        for i in shown.sorted(by: { columns[$0].priority > columns[$1].priority }) where room > 0 && !columns[i].bar {
            let grow = Swift.min(room, Swift.max(longest[i], TextWidth.columns(columns[i].title)) - width[i]!)
            if grow > 0 { width[i]! += grow; room -= grow }
        }
        return width
    }

    /// The layout by `content` alone, with the columns in `hidden` left out from the start.
    private static func widthsForTypical(_ columns: [TableColumn], content: [Int], available: Int, gap: Int,
                                         hidden: Set<Int> = []) -> [Int?] {
        guard !columns.isEmpty, available > 0 else { return columns.map { _ in nil } }
        let wanted = columns.indices.map { Self.wanted(columns[$0], content[$0]) }
        let least = columns.indices.map { Swift.min(columns[$0].min, wanted[$0]) }
        var visible = columns.indices.filter { !hidden.contains($0) }
        func needed() -> Int { visible.reduce(0) { $0 + least[$1] } + gap * Swift.max(0, visible.count - 1) }
        func lowest(_ candidates: [Int]) -> Int? {
            candidates.min { a, b in columns[a].priority != columns[b].priority ? columns[a].priority < columns[b].priority : a > b }
        }
        while visible.count > 1 && needed() > available, let victim = lowest(visible) {
            visible.removeAll { $0 == victim }
        }
        while true {
            let width = allocate(visible, least: least, wanted: wanted, columns: columns, room: available - needed())
            let essentialCut = visible.contains { columns[$0].isEssential && (width[$0] ?? 0) < wanted[$0] }
            let optional = visible.filter { !columns[$0].isEssential }
            guard essentialCut, let victim = lowest(optional) else {
                return lend(width, visible: visible, wanted: wanted, columns: columns)
            }
            visible.removeAll { $0 == victim }
        }
    }

    /// An identifier still cut takes room from the free-text columns less important than itself
    /// (those without a maximum, such as names), least important first, down to half their
    /// minimum (six at least), when that shows it whole: a name cut short costs less than an
    /// email nobody can read or type, but cutting every row's name to show more of one long
    /// email that stays cut anyway costs more. Bounded values (roles, dates) keep their width.
    private static func lend(_ width: [Int?], visible: [Int], wanted: [Int], columns: [TableColumn]) -> [Int?] {
        var width = width
        let identifiers = visible.filter { columns[$0].identifier }.sorted { columns[$0].priority > columns[$1].priority }
        for id in identifiers {
            var short = wanted[id] - (width[id] ?? 0)
            let lenders = visible.filter { i in
                !columns[i].identifier && columns[i].priority < columns[id].priority && columns[i].max == nil
            }.sorted { columns[$0].priority < columns[$1].priority }
            let spares = lenders.map { Swift.max(0, (width[$0] ?? 0) - Swift.max(6, columns[$0].min / 2)) }
            guard short > 0, spares.reduce(0, +) >= short else { continue }
            for (i, spare) in zip(lenders, spares) where short > 0 {
                guard spare > 0 else { continue }
                let take = Swift.min(spare, short)
                width[i]! -= take; width[id]! += take; short -= take
            }
        }
        // A bounded value still cut (a role) takes the few columns it lacks from a wide identifier
        // that stays cut anyway, down to 24 columns: "Team Contributor" whole costs an email
        // already cut in its middle little it showed; a narrow identifier lends nothing.
        for bounded in visible where columns[bounded].isEssential && !columns[bounded].identifier && columns[bounded].max != nil {
            var short = wanted[bounded] - (width[bounded] ?? 0)
            for id in identifiers where short > 0 && (width[id] ?? 0) < wanted[id] {
                let take = Swift.min(short, (width[id] ?? 0) - Swift.max(24, columns[id].min))
                guard take > 0 else { continue }
                width[id]! -= take; width[bounded]! += take; short -= take
            }
        }
        return width
    }

    private static func allocate(_ visible: [Int], least: [Int], wanted: [Int], columns: [TableColumn], room: Int) -> [Int?] {
        var width = [Int?](repeating: nil, count: columns.count)
        for i in visible { width[i] = least[i] }
        var room = room
        // Fillers wait for `grow`: the others' longest cells come first.
        let order = visible.filter { !columns[$0].isFiller }.sorted { a, b in
            if columns[a].identifier != columns[b].identifier { return columns[a].identifier }
            return columns[a].priority != columns[b].priority ? columns[a].priority > columns[b].priority : a < b
        }
        for i in order where room > 0 {
            let grow = Swift.min(room, wanted[i] - (width[i] ?? 0))
            if grow > 0 { width[i]! += grow; room -= grow }
        }
        if room < 0, let first = visible.first {
            // Even the one column left is wider than the table: cut it to fit.
            width[first] = Swift.max(1, (width[first] ?? 0) + room)
        }
        return width
    }
}

/// The one table widget every list uses: a header row, the rows with the cursor's highlighted,
/// a click target per row, and a line for the empty list.
enum TableView {
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
        let cells = columns.indices.map { i in
            columns[i].bar ? [columns[i].max ?? columns[i].min] : rows.map { i < $0.count ? TextWidth.columns($0[i]) : 0 }
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
                // An identifier keeps both ends, so rows that differ only at the end stay apart;
                // in a narrow column its start is what is recognised.
                let shown = TextWidth.columns(value) <= width ? value
                    : column.identifier && width >= 12 ? TextWidth.elideMiddle(value, to: width) : TextWidth.truncate(value, to: width)
                let pad = column.alignRight ? Swift.max(0, width - TextWidth.columns(shown)) : 0
                painter.text(shown, x: x + pad, y: y, width: width - pad, cellElement)
                x += width + 1
            }
            painter.hit(line, .selectIndex(index))
        }
    }
}
