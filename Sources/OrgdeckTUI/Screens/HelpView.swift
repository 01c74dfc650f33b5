import OrgdeckTerminal
import OrgdeckViewModels

/// The `?` overlay, generated from the key map and from what the focused pane offers: its keys
/// first, then the keys that work everywhere. A key that does nothing here is not listed;
/// refused ones say why.
enum HelpView {
    enum Line: Equatable {
        case heading(String)
        case key(keys: String, summary: String, refusal: String?)
        case blank

        /// The line as the view model counts it.
        var kind: HelpSection.Line {
            switch self {
            case .heading: return .heading
            case .key: return .key
            case .blank: return .blank
            }
        }
    }

    static func lines(_ sections: [HelpSection], keyMap: KeyMap) -> [Line] {
        var lines: [Line] = []
        for section in sections {
            let keyed = section.commands.compactMap { command -> Line? in
                keyMap.allHints(for: command.event).map { .key(keys: $0, summary: command.label, refusal: command.refusal) }
            }
            guard !keyed.isEmpty else { continue }
            if !lines.isEmpty { lines.append(.blank) }
            lines.append(.heading(section.title))
            lines += keyed
        }
        return lines
    }

    static func draw(_ painter: inout Painter, _ sections: [HelpSection], keyMap: KeyMap, scroll: Int) {
        let all = lines(sections, keyMap: keyMap)
        // As wide as its longest line needs (a refusal's reason is read whole on a wide screen),
        // 76 columns at least; the dialog keeps it within the screen.
        let longest = all.map { line -> Int in
            guard case .key(_, let summary, let refusal) = line else { return 0 }
            return 20 + TextWidth.columns(refusal.map { "\(summary) — \($0)" } ?? summary)
        }.max() ?? 0
        // The box's rows less its borders and its last line; on a wide, short screen the lines
        // flow into columns side by side instead of scrolling.
        let rows = max(0, painter.grid.height - 2 - 2 - 1)
        let count = rows > 0 ? HelpSection.columns(screenWidth: painter.grid.width, needed: flow(all, from: 0, rows: rows).count) : 1
        // Sections kept whole when that needs no more columns than cutting them.
        let whole = count > 1 && flow(all, from: 0, rows: rows, whole: true).count <= count
        // Side by side, the columns share what the screen has, so a reason is cut only when it must be.
        let shared = (painter.grid.width - 4 - 2 * (count - 1)) / max(1, count)
        let columnWidth = count == 1 ? max(76, longest) : max(HelpSection.columnWidth, min(longest, shared))
        let box = OverlayView.dialog(&painter, title: "Keys", width: columnWidth * count + 2 * (count - 1), height: painter.grid.height - 2)
        let inner = box.inset(1)
        let width = count == 1 ? inner.width : columnWidth - 2
        // Each scroll step shows something new: a key right after its heading would show as the
        // heading did (the heading repeated as "continued"), and a blank is never a column's top.
        // Scrolled no further than where the rest fits.
        let stops = HelpSection.scrollSteps(all.map(\.kind))
        let furthest = stops.firstIndex { flow(all, from: $0, rows: rows, whole: whole).count <= count } ?? max(0, stops.count - 1)
        let top = stops.isEmpty ? 0 : stops[min(scroll, furthest)]
        for (index, column) in flow(all, from: top, rows: rows, whole: whole).prefix(count).enumerated() {
            for (row, line) in column.enumerated() {
                let x = inner.x + index * (columnWidth + 2), y = inner.y + row
                switch line {
                case .heading(let title): painter.text(title, x: x + 1, y: y, width: width - 2, .title)
                case .blank: break
                case .key(let keys, let summary, let refusal):
                    painter.text(keys, x: x + 2, y: y, width: 14, refusal == nil ? .helpKey : .muted)
                    let text = refusal.map { "\(summary) — \($0)" } ?? summary
                    painter.text(text, x: x + 17, y: y, width: width - 18, refusal == nil ? .base : .muted)
                }
            }
        }
        let scrolls = top > 0 || flow(all, from: 0, rows: rows, whole: whole).count > count
        painter.text(scrolls ? "↑↓ PgUp PgDn g G scroll · any other key closes" : "any key closes", x: inner.x + 1, y: inner.maxY - 1,
                     width: inner.width - 2, .muted)
    }

    /// `lines` from `top` on, poured into columns of `rows` as a reader scans them: a column
    /// does not start with a blank line nor end on a heading (it moves on with its section),
    /// and one that starts inside a section (the next column, or the top of a scrolled list)
    /// repeats its heading, "…, continued". With `whole`, a section that would be cut but fits
    /// a column moves to the next one entire.
    static func flow(_ lines: [Line], from top: Int, rows: Int, whole: Bool = false) -> [[Line]] {
        let rows = max(1, rows)
        var columns: [[Line]] = [[]]
        var section = lines.prefix(top).reduce(String?.none) { if case .heading(let title) = $1 { return title }; return $0 }
        // Where the section being poured starts in the last column, and its length.
        var start: (row: Int, length: Int)?
        for (index, line) in lines.enumerated().dropFirst(top) {
            if columns[columns.count - 1].count == rows {
                var carried: [Line] = []
                if whole, let start, start.row > 0, start.length <= rows {
                    carried = Array(columns[columns.count - 1][start.row...])
                    columns[columns.count - 1].removeLast(carried.count)
                } else if rows > 2, case .heading? = columns[columns.count - 1].last {
                    carried.append(columns[columns.count - 1].removeLast())
                }
                columns.append(carried)
                start = nil
            }
            let column = columns.count - 1
            if columns[column].isEmpty {
                if line == .blank { continue }
                if case .key = line, rows > 2, let section { columns[column].append(.heading(section + ", continued")) }
            }
            if case .heading(let title) = line {
                section = title
                let length = lines[index...].dropFirst().prefix { if case .key = $0 { return true }; return false }.count + 1
                start = (columns[column].count, length)
            }
            columns[column].append(line)
        }
        return columns.filter { !$0.isEmpty }
    }
}
