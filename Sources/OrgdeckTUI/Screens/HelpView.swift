import OrgdeckTerminal

/// The `?` overlay, generated from the key map so remapped keys show as they are.
enum HelpView {
    static func lines(keyMap: KeyMap) -> [(keys: String, summary: String)] {
        var lines: [(keys: String, summary: String)] = []
        for action in KeyAction.allCases {
            let keys: String = keyMap.keys(for: action).map(KeySpec.display).joined(separator: " ")
            lines.append((keys, action.summary))
        }
        lines.append(("/ then Enter", "keep the filter; Esc clears it"))
        lines.append(("in forms", "Tab/↑↓ move, Enter submit, Esc cancel"))
        return lines
    }

    static func draw(_ painter: inout Painter, keyMap: KeyMap, scroll: Int) {
        let all = lines(keyMap: keyMap)
        let box = OverlayView.dialog(&painter, title: "Keys", width: 70, height: painter.grid.height - 2)
        let inner = box.inset(1)
        let rows = max(0, inner.height - 1)
        let top = min(scroll, max(0, all.count - rows))
        for (offset, line) in all.dropFirst(top).prefix(rows).enumerated() {
            painter.text(line.keys, x: inner.x + 1, y: inner.y + offset, width: 14, .helpKey)
            painter.text(line.summary, x: inner.x + 16, y: inner.y + offset, width: inner.width - 17, .base)
        }
        painter.text("↑↓ scroll · any other key closes", x: inner.x + 1, y: inner.maxY - 1, width: inner.width - 2, .muted)
    }
}
