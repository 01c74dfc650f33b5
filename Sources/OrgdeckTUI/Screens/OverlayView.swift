import OrgdeckCore
import OrgdeckTerminal
import OrgdeckViewModels

/// The modal layer: profile menu, help, palette, the dialogs of panes, one-time secrets and the
/// invitations received. Each dialog's keys are in the footer, so none is repeated inside.
enum OverlayView {
    static func draw(_ painter: inout Painter, _ model: ConsoleViewModel, keyMap: KeyMap) {
        let state = model.state
        switch state.overlay {
        case .none: return
        case .profileMenu(let menu): MenuView.draw(&painter, menu, current: state.context)
        case .help(let scroll): HelpView.draw(&painter, model.helpSections, keyMap: keyMap, scroll: scroll)
        case .palette(let palette): drawPalette(&painter, palette)
        case .form(let form):
            let width = min(FormView.width(form, base: 60), painter.grid.width - 2)
            let box = dialog(&painter, title: form.title, width: width, height: FormView.height(form, width: width - 4) + 4)
            FormView.draw(&painter, box.inset(1).inset(1), form: form)
        case .confirm(let confirm): drawConfirm(&painter, confirm)
        case .picker(let picker): PickerView.draw(&painter, picker)
        case .info(let info): drawInfo(&painter, info)
        case .inbox(let inbox): InboxView.draw(&painter, inbox)
        case .secret(let title, let value):
            let box = dialog(&painter, title: title, width: 64, height: 7)
            let inner = box.inset(2)
            painter.text(value, x: inner.x, y: inner.y, width: inner.width, .inputFocus)
            painter.text("It is not stored and cannot be shown again.", x: inner.x, y: inner.y + 2, width: inner.width, .muted)
        }
    }

    /// Clears and frames a centred dialog box; returns it.
    static func dialog(_ painter: inout Painter, title: String, width: Int, height: Int) -> Rect {
        let box = painter.grid.bounds.centered(width: min(width, painter.grid.width - 2), height: min(height, painter.grid.height - 2))
        painter.fill(box, .dialog)
        painter.box(box, .dialogBorder, title: title, titleElement: .dialogTitle)
        return box
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
            painter.hit(Rect(x: inner.x, y: y, width: inner.width, height: 1), .selectIndex(index))
            y += 1
        }
    }

    static func drawConfirm(_ painter: inout Painter, _ confirm: ConfirmState) {
        let lines = TextLayout.wrap(confirm.message, width: 52)
        let box = dialog(&painter, title: confirm.title, width: 58, height: lines.count + (confirm.requiredText == nil ? 5 : 7))
        let inner = box.inset(2)
        var y = inner.y
        for line in lines where y < inner.maxY { painter.text(line, x: inner.x, y: y, width: inner.width, .base); y += 1 }
        y += 1
        if confirm.requiredText != nil, y < box.maxY - 1 {
            FormView.drawInput(&painter, Rect(x: inner.x, y: y, width: inner.width, height: 1), field: confirm.typed, secure: false, focused: true)
            y += 1
        }
        if let error = confirm.error, y < box.maxY { painter.text(error, x: inner.x, y: y, width: inner.width, .error) }
    }

    /// Details are where a value is read whole: the box widens for the longest value (up to
    /// 100 columns, within the screen) and a value longer still wraps onto more lines.
    static func drawInfo(_ painter: inout Painter, _ info: InfoState) {
        let labelWidth = min(20, info.rows.map { TextWidth.columns($0.label) }.max() ?? 0)
        let longest = info.rows.map { TextWidth.columns($0.value) }.max() ?? 0
        let width = min(painter.grid.width - 2, max(64, min(100, labelWidth + 2 + longest + 4)))
        let valueWidth = max(1, width - 4 - labelWidth - 2)
        let lines = info.rows.flatMap { row in
            TextLayout.wrap(row.value, width: valueWidth).enumerated().map { (label: $0.offset == 0 ? row.label : "", value: $0.element) }
        }
        let box = dialog(&painter, title: info.title, width: width, height: lines.count + 4)
        let inner = box.inset(2)
        // More lines than fit: scroll with ↑↓, and the border says which way there is more.
        let fits = max(1, inner.maxY - inner.y)
        let top = min(info.top, max(0, lines.count - fits))
        for (offset, line) in lines.dropFirst(top).prefix(fits).enumerated() {
            painter.text(line.label, x: inner.x, y: inner.y + offset, width: labelWidth, .muted)
            painter.text(line.value, x: inner.x + labelWidth + 2, y: inner.y + offset, width: inner.width - labelWidth - 2, .base)
        }
        if lines.count > fits {
            let marks = (top > 0 ? "↑" : "") + (top + fits < lines.count ? "↓" : "")
            painter.text(" \(marks) \(top + 1)–\(min(lines.count, top + fits)) of \(lines.count) ", x: box.x + 2, y: box.maxY - 1,
                         width: box.width - 4, .muted)
        }
    }
}
