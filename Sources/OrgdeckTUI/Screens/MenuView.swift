import OrgdeckCore
import OrgdeckTerminal
import OrgdeckViewModels

/// The profile drop-down at the top right, each line with its key.
enum MenuView {
    static func draw(_ painter: inout Painter, _ menu: ProfileMenuState, current: Context) {
        // As wide as its longest line (a long organization name, a refusal), from 46 columns up
        // to the screen's width: names are cut only when the screen itself is too narrow.
        let width = min(max(46, menu.items.map(textWidth).max().map { $0 + 6 } ?? 0), painter.grid.width - 2)
        let height = min(menu.items.count + 5, painter.grid.height - 2)
        let box = Rect(x: painter.grid.width - width - 1, y: 1, width: width, height: height)
        painter.fill(box, .menu)
        painter.box(box, .dialogBorder, title: "Profile", titleElement: .dialogTitle)
        var y = box.y + 1
        var previousKind = -1
        let visible = box.height - 2
        let top = max(0, menu.cursor - (visible - 4))
        for (index, item) in menu.items.enumerated().dropFirst(top) {
            let kind: Int
            switch item { case .context: kind = 0; case .addOrganization: kind = 1; case .pane: kind = 2; case .signOut: kind = 3 }
            if kind != previousKind && previousKind != -1 && kind != 1 {
                if y >= box.maxY - 1 { break }
                painter.text(String(repeating: "─", count: box.width - 2), x: box.x + 1, y: y, .menuSection); y += 1
            }
            previousKind = kind
            if y >= box.maxY - 1 { break }
            let line = Rect(x: box.x + 1, y: y, width: box.width - 2, height: 1)
            let selected = index == menu.cursor
            let element: UIElement = selected ? .menuCursor : .menu
            painter.fill(line, element)
            painter.text(menu.keys[index], x: line.x + 1, y: y, width: 1, selected ? .menuCursor : .helpKey)
            let textX = line.x + 3
            let room = line.width - 4
            switch item {
            case .context(let context, let title, let detail):
                let mark = context == current ? "● " : "  "
                // A long name is cut before the role beside it.
                let used = painter.text(mark + title, x: textX, y: y, width: max(2, room - TextWidth.columns(detail) - 1), element)
                painter.text(detail, x: textX + used + 1, y: y, width: max(0, room - used - 1), selected ? .menuCursor : .muted)
            case .addOrganization:
                // Refused now: greyed, with why, as a refused hint or picker option is.
                let used = painter.text("  Add an Organization", x: textX, y: y, width: room,
                                        selected || menu.addRefusal == nil ? element : .muted)
                if let reason = menu.addRefusal {
                    painter.text("— " + reason, x: textX + used + 1, y: y, width: max(0, room - used - 1), selected ? .menuCursor : .muted)
                }
            case .pane(let pane): painter.text("  " + pane.title, x: textX, y: y, width: room, element)
            case .signOut: painter.text("  Sign Out", x: textX, y: y, width: room, element)
            }
            painter.hit(line, .selectIndex(index))
            y += 1
        }

        /// The columns an item's text takes after its key, the way the loop draws it.
        func textWidth(_ item: MenuItem) -> Int {
            switch item {
            case .context(_, let title, let detail): return 2 + TextWidth.columns(title) + 1 + TextWidth.columns(detail)
            case .addOrganization: return 21 + (menu.addRefusal.map { 3 + TextWidth.columns($0) } ?? 0)
            case .pane(let pane): return 2 + TextWidth.columns(pane.title)
            case .signOut: return 10
            }
        }
    }
}
