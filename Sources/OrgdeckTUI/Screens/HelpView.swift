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
        let count = HelpSection.columns(screenWidth: painter.grid.width, lines: all.count, rows: rows)
        let columnWidth = count == 1 ? max(76, longest) : HelpSection.columnWidth
        let box = OverlayView.dialog(&painter, title: "Keys", width: columnWidth * count + 2 * (count - 1), height: painter.grid.height - 2)
        let inner = box.inset(1)
        let width = count == 1 ? inner.width : columnWidth - 2
        let top = min(scroll, max(0, all.count - rows * count))
        for (offset, line) in all.dropFirst(top).prefix(rows * count).enumerated() {
            let x = inner.x + (offset / max(1, rows)) * (columnWidth + 2), y = inner.y + offset % max(1, rows)
            switch line {
            case .heading(let title): painter.text(title, x: x + 1, y: y, width: width - 2, .title)
            case .blank: break
            case .key(let keys, let summary, let refusal):
                painter.text(keys, x: x + 2, y: y, width: 14, refusal == nil ? .helpKey : .muted)
                let text = refusal.map { "\(summary) — \($0)" } ?? summary
                painter.text(text, x: x + 17, y: y, width: width - 18, refusal == nil ? .base : .muted)
            }
        }
        let scrolls = all.count > rows * count
        painter.text(scrolls ? "↑↓ PgUp PgDn g G scroll · any other key closes" : "any key closes", x: inner.x + 1, y: inner.maxY - 1,
                     width: inner.width - 2, .muted)
    }
}
