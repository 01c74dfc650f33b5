import OrgdeckTerminal
import OrgdeckViewModels

/// A picker: the filter line, then the options with their meaning; refused ones greyed with why
/// in the detail, marked ones ticked.
enum PickerView {
    static func draw(_ painter: inout Painter, _ picker: PickerState) {
        let visible = picker.visible
        // Sized by every option, not the ones the filter leaves: typing does not move the box,
        // its columns or its height. As wide as the longest meaning needs, within the screen.
        let rows = min(max(picker.options.count, 1), max(3, painter.grid.height - 10))
        let markWidth = 2 + (picker.multiple ? 2 : 0)
        // The label is the value being chosen (an app ID, a username): it is cut last, keeping
        // at least 24 columns for the meanings beside it.
        let room = painter.grid.width - 2 - 4
        let longest = max(8, picker.options.map { TextWidth.columns($0.label) }.max() ?? 8)
        let labelWidth = min(longest, max(30, room - markWidth - 2 - 24))
        let detailWidth = picker.options.map { TextWidth.columns($0.refusal ?? $0.detail) }.max() ?? 0
        let width = min(max(68, markWidth + labelWidth + 2 + detailWidth + 4), painter.grid.width - 2)
        // A refusal or a conflict too long for one line takes up to three: what it names (a
        // value set elsewhere) must not be cut.
        var error: [String] = []
        var rest = picker.error ?? ""
        while !rest.isEmpty && error.count < 3 {
            let (line, more) = FooterView.wrap(rest, width - 4)
            error.append(line)
            rest = more
        }
        let box = OverlayView.dialog(&painter, title: picker.title, width: width, height: rows + 5 + max(1, error.count))
        let inner = box.inset(2)
        painter.text("/", x: inner.x, y: inner.y, .helpKey)
        FormView.drawInput(&painter, Rect(x: inner.x + 2, y: inner.y, width: inner.width - 2, height: 1), field: picker.filter,
                           secure: false, focused: true)
        let listY = inner.y + 2
        if visible.isEmpty {
            painter.text(picker.filter.isEmpty ? picker.empty : "nothing matches \"\(picker.filter.text)\"", x: inner.x, y: listY,
                         width: inner.width, .empty)
        }
        let top = max(0, picker.cursor - rows + 1)
        for (index, option) in visible.enumerated().dropFirst(top).prefix(rows) {
            let y = listY + index - top
            let selected = index == picker.cursor
            let line = Rect(x: inner.x, y: y, width: inner.width, height: 1)
            painter.fill(line, selected ? .menuCursor : .dialog)
            let mark = picker.multiple ? (picker.marked.contains(option.value) ? "[x] " : "[ ] ") : (selected ? "▸ " : "  ")
            let element: UIElement = selected ? .menuCursor : option.refusal == nil ? .base : .muted
            let used = painter.text(mark + option.label, x: inner.x, y: y, width: labelWidth + markWidth, element)
            let detail = option.refusal ?? option.detail
            let detailX = inner.x + max(used, labelWidth + markWidth) + 2
            painter.text(detail, x: detailX, y: y, width: inner.maxX - detailX, selected ? .menuCursor : .muted)
            painter.hit(line, .selectIndex(index))
        }
        for (index, line) in error.enumerated() {
            painter.text(line, x: inner.x, y: box.maxY - 1 - error.count + index, width: inner.width, .error)
        }
        // More options than rows (a small terminal): the border says which rows show, as details do.
        if visible.count > rows {
            let marks = (top > 0 ? "↑" : "") + (top + rows < visible.count ? "↓" : "")
            painter.text(" \(marks) \(top + 1)–\(min(visible.count, top + rows)) of \(visible.count) ", x: box.x + 2, y: box.maxY - 1,
                         width: box.width - 4, .muted)
        }
    }
}
