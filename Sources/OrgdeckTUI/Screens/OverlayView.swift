import OrgdeckCore
import OrgdeckTerminal
import OrgdeckViewModels

/// The modal layer: profile menu, help, palette, forms, confirm dialogs and one-time secrets.
enum OverlayView {
    static func draw(_ painter: inout Painter, state: ConsoleState, keyMap: KeyMap) {
        switch state.overlay {
        case .none: return
        case .profileMenu(let menu): drawMenu(&painter, menu, current: state.context)
        case .help(let scroll): HelpView.draw(&painter, keyMap: keyMap, scroll: scroll)
        case .palette(let palette): drawPalette(&painter, palette)
        case .form(let form):
            let box = dialog(&painter, title: form.title, width: 60, height: FormView.height(form) + 2)
            FormView.draw(&painter, box.inset(1).inset(1), form: form, keys: "Enter \(form.submitLabel.lowercased()) · Tab next field · Esc cancel")
        case .confirm(let confirm): drawConfirm(&painter, confirm)
        case .picker(let picker): drawPicker(&painter, picker)
        case .inbox(let inbox): InboxView.draw(&painter, inbox)
        case .secret(let title, let value):
            let box = dialog(&painter, title: title, width: 64, height: 8)
            let inner = box.inset(2)
            painter.text(value, x: inner.x, y: inner.y, width: inner.width, .inputFocus)
            painter.text("It is not stored and cannot be shown again.", x: inner.x, y: inner.y + 2, width: inner.width, .muted)
            painter.text("y copy · Enter close", x: inner.x, y: inner.y + 3, width: inner.width, .muted)
        }
    }

    /// Clears and frames a centred dialog box; returns it.
    static func dialog(_ painter: inout Painter, title: String, width: Int, height: Int) -> Rect {
        let box = painter.grid.bounds.centered(width: min(width, painter.grid.width - 2), height: min(height, painter.grid.height - 2))
        painter.fill(box, .dialog)
        painter.box(box, .dialogBorder, title: title, titleElement: .dialogTitle)
        return box
    }

    static func drawMenu(_ painter: inout Painter, _ menu: ProfileMenuState, current: Context) {
        let width = min(44, painter.grid.width - 2)
        let height = min(menu.items.count + 4, painter.grid.height - 2)
        let box = Rect(x: painter.grid.width - width - 1, y: 1, width: width, height: height)
        painter.fill(box, .menu)
        painter.box(box, .dialogBorder, title: "Profile", titleElement: .dialogTitle)
        var y = box.y + 1
        var previousKind = -1
        let visible = box.height - 2
        let top = max(0, menu.cursor - (visible - 3))
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
            painter.fill(line, selected ? .menuCursor : .menu)
            let element: UIElement = selected ? .menuCursor : .menu
            switch item {
            case .context(let context, let title, let detail):
                let mark = context == current ? "● " : "  "
                let used = painter.text(mark + title, x: line.x + 1, y: y, width: line.width - 2, element)
                painter.text(detail, x: line.x + 2 + used, y: y, width: max(0, line.width - used - 3), selected ? .menuCursor : .muted)
            case .addOrganization: painter.text("+ Add an Organization", x: line.x + 1, y: y, width: line.width - 2, element)
            case .pane(let pane): painter.text("\(pane.rawValue) \(pane.title)", x: line.x + 1, y: y, width: line.width - 2, element)
            case .signOut: painter.text("Sign Out", x: line.x + 1, y: y, width: line.width - 2, element)
            }
            painter.hit(line, .selectIndex(index))
            y += 1
        }
    }

    static func drawPalette(_ painter: inout Painter, _ palette: PaletteState) {
        let width = min(60, painter.grid.width - 4)
        let rows = min(8, palette.completions.count)
        let box = Rect(x: (painter.grid.width - width) / 2, y: 3, width: width, height: 3 + rows + (palette.error == nil ? 0 : 1))
        painter.fill(box, .dialog)
        painter.box(box, .dialogBorder, title: "Command", titleElement: .dialogTitle)
        let inner = box.inset(1)
        painter.text(":", x: inner.x, y: inner.y, .helpKey)
        FormView.drawInput(&painter, Rect(x: inner.x + 1, y: inner.y, width: inner.width - 1, height: 1), field: palette.input, secure: false, focused: true)
        var y = inner.y + 1
        if let error = palette.error { painter.text(error, x: inner.x, y: y, width: inner.width, .error); y += 1 }
        let top = max(0, palette.selection - rows + 1)
        for (index, completion) in palette.completions.enumerated().dropFirst(top).prefix(rows) {
            painter.text(" " + completion, x: inner.x, y: y, width: inner.width, index == palette.selection ? .menuCursor : .menu)
            if index == palette.selection { painter.restyle(Rect(x: inner.x, y: y, width: inner.width, height: 1), .menuCursor) }
            y += 1
        }
    }

    static func drawConfirm(_ painter: inout Painter, _ confirm: ConfirmState) {
        let lines = TextLayout.wrap(confirm.message, width: 52)
        let box = dialog(&painter, title: confirm.title, width: 58, height: lines.count + 7)
        let inner = box.inset(2)
        var y = inner.y
        for line in lines where y < inner.maxY { painter.text(line, x: inner.x, y: y, width: inner.width, .base); y += 1 }
        y += 1
        if confirm.requiredText != nil, y < box.maxY - 1 {
            FormView.drawInput(&painter, Rect(x: inner.x, y: y, width: inner.width, height: 1), field: confirm.typed, secure: false, focused: true)
            y += 1
        }
        let footer = confirm.error ?? (confirm.isSatisfied ? "Enter confirm · Esc cancel" : "type \(confirm.requiredText ?? "") · Esc cancel")
        if y < box.maxY { painter.text(footer, x: inner.x, y: y, width: inner.width, confirm.error == nil ? .muted : .error) }
    }
}
