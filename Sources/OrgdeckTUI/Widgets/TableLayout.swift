import OrgdeckTerminal

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
            guard let victim = optional.min(by: lessImportant(columns)) else { return false }
            hidden.insert(victim)
            return true
        }
        // Essential columns cut short of their widest cell are shown whole if optional columns
        // narrowing, then giving way, allows it; when nothing would, every column stays and only
        // the long cells are cut (an identifier in its middle).
        var width = layout()
        let first = width
        while true {
            if let whole = squeezed(width, columns: columns, content: content, longest: longest) {
                return titlesLent(whole, columns: columns, content: content, longest: longest)
            }
            guard hideOne(width) else { return titlesLent(first, columns: columns, content: content, longest: longest) }
            width = layout()
        }
    }

    /// An identifier still cut takes the columns that only its title makes wide: "Visibility"
    /// over "public", "Quantity" over four digits. Their titles are cut instead (to five
    /// columns at least, "Visi…"); an ID is what a user types elsewhere, a title is read once.
    private static func titlesLent(_ width: [Int?], columns: [TableColumn], content: [Int], longest: [Int]) -> [Int?] {
        var width = width
        for i in columns.indices where columns[i].identifier {
            guard let shown = width[i] else { continue }
            var short = shortfall(columns[i], longest: longest[i], shown: shown)
            let donors = columns.indices.filter { !columns[$0].identifier && width[$0] != nil }.sorted(by: lessImportant(columns))
            for donor in donors where short > 0 {
                let spare = width[donor]! - Swift.max(5, content[donor], longest[donor])
                guard spare > 0 else { continue }
                let take = Swift.min(spare, short)
                width[donor]! -= take; width[i]! += take; short -= take
            }
        }
        return width
    }

    /// `width` with optional columns narrowed toward their minimum, least important first, so
    /// that every essential column shows its widest cell (up to its maximum); nil when that is
    /// not enough.
    private static func squeezed(_ width: [Int?], columns: [TableColumn], content: [Int], longest: [Int]) -> [Int?]? {
        var width = width
        let short = columns.indices.map { i -> Int in
            guard columns[i].isEssential, let shown = width[i] else { return 0 }
            return shortfall(columns[i], longest: longest[i], shown: shown)
        }
        var needed = short.reduce(0, +)
        guard needed > 0 else { return width }
        let least = columns.indices.map { i in Swift.min(columns[i].min, wanted(columns[i], content[i])) }
        let donors = columns.indices.filter { !columns[$0].isEssential && width[$0] != nil }.sorted(by: lessImportant(columns))
        guard donors.reduce(0, { $0 + width[$1]! - least[$1] }) >= needed else { return nil }
        for i in donors where needed > 0 {
            let take = Swift.min(width[i]! - least[i], needed)
            width[i]! -= take; needed -= take
        }
        for i in columns.indices where short[i] > 0 { width[i]! += short[i] }
        return width
    }

    /// The order in which columns give way: lower priority first, and of equals the later one.
    private static func lessImportant(_ columns: [TableColumn]) -> (Int, Int) -> Bool {
        { a, b in columns[a].priority != columns[b].priority ? columns[a].priority < columns[b].priority : a > b }
    }

    /// How many columns `column`, `shown` wide, lacks to show its widest cell (up to its maximum).
    private static func shortfall(_ column: TableColumn, longest: Int, shown: Int) -> Int {
        Swift.max(0, Swift.min(longest, column.max ?? longest) - shown)
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
        func target(_ i: Int, _ cells: [Int]) -> Int { wanted(columns[i], cells[i]) }
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
        func lowest(_ candidates: [Int]) -> Int? { candidates.min(by: lessImportant(columns)) }
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
