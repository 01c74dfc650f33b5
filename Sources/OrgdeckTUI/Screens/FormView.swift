import OrgdeckTerminal
import OrgdeckViewModels

/// Draws a form's fields (label, input line, hint) and its error, which has two lines of its
/// own so it never pushes anything out; shared by dialogs and sign-in. A dialog's keys are in
/// the footer; the sign-in screen, which has none, passes them as `keys`.
enum FormView {
    /// Rows a form needs: three per field, two for the error, the key line when there is one.
    static func height(_ form: FormState, keys: Bool = false) -> Int { form.fields.count * 3 + 2 + (keys ? 2 : 0) }

    static func draw(_ painter: inout Painter, _ area: Rect, form: FormState, keys: String? = nil) {
        var y = area.y
        // More fields than fit (a long form at 80×24): show a window that holds the focused one.
        let fits = max(1, (area.height - 2 - (keys == nil ? 0 : 2)) / 3)
        let first = form.fields.count > fits ? min(max(0, form.focus - fits + 1), form.fields.count - fits) : 0
        let hidden = (above: first, below: max(0, form.fields.count - first - fits))
        for (index, field) in form.fields.enumerated().dropFirst(first).prefix(fits) where y + 1 < area.maxY {
            let focused = index == form.focus
            painter.text(field.label, x: area.x, y: y, width: area.width, focused ? .title : .muted)
            y += 1
            drawInput(&painter, Rect(x: area.x, y: y, width: area.width, height: 1), field: field.value, secure: field.secure, focused: focused)
            y += 1
            if !field.hint.isEmpty { painter.text(field.hint, x: area.x, y: y, width: area.width, .muted) }
            y += 1
        }
        if let error = form.error, y < area.maxY {
            for line in TextLayout.wrap("✗ " + error, width: area.width).prefix(2) where y < area.maxY {
                painter.text(line, x: area.x, y: y, width: area.width, .error); y += 1
            }
        } else if hidden.above + hidden.below > 0, y < area.maxY {
            let more = [hidden.above > 0 ? "↑ \(hidden.above) above" : nil, hidden.below > 0 ? "↓ \(hidden.below) more" : nil]
            painter.text(more.compactMap { $0 }.joined(separator: "  ") + " (Tab moves)", x: area.x, y: y, width: area.width, .muted)
            y += 1
        } else { y += 1 }
        if let keys, y < area.maxY { painter.text(keys, x: area.x, y: area.maxY - 1, width: area.width, .muted) }
    }

    /// One line of input with a visible cursor; long text scrolls so the cursor stays visible.
    static func drawInput(_ painter: inout Painter, _ rect: Rect, field: TextField, secure: Bool, focused: Bool) {
        painter.fill(rect, focused ? .inputFocus : .input)
        let characters = secure ? Array(repeating: "•", count: field.text.count) : field.text.map(String.init)
        let cursorCharacter = field.cursor
        // Show a window of the text that ends at the cursor when it does not fit.
        var start = 0
        func width(_ from: Int, _ to: Int) -> Int { characters[from..<to].reduce(0) { $0 + TextWidth.columns($1) } }
        while start < cursorCharacter && width(start, cursorCharacter) > rect.width - 2 { start += 1 }
        var x = rect.x
        for (index, piece) in characters.enumerated().dropFirst(start) {
            let w = TextWidth.columns(piece)
            if x + w > rect.maxX - 1 { break }
            let isCursor = focused && index == cursorCharacter
            x += painter.text(piece, x: x, y: rect.y, style: isCursor ? painter.style(.inputFocus).adding(.reverse) : painter.style(focused ? .inputFocus : .input))
        }
        if focused && cursorCharacter >= characters.count && x < rect.maxX {
            painter.text(" ", x: x, y: rect.y, style: painter.style(.inputFocus).adding(.reverse))
        }
    }
}
