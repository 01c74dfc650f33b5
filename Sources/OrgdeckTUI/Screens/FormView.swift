import OrgdeckTerminal
import OrgdeckViewModels

/// Draws a form's fields (label, input line, hint) and its error, which has at least two lines
/// of its own so it never pushes anything out; shared by dialogs and sign-in. A dialog's keys
/// are in the footer; the sign-in screen, which has none, passes them as `keys`.
enum FormView {
    /// A field's hint as drawn in `width` columns: one line, or two when it is longer (a
    /// policy's requirements on a narrow terminal); the second holds the rest, cut with `…`
    /// when drawn.
    static func hintLines(_ field: FormField, width: Int) -> [String] {
        let lines = field.hint.isEmpty ? [] : TextLayout.wrap(field.hint, width: max(1, width))
        return lines.count > 2 ? [lines[0], lines[1...].joined(separator: " ")] : lines
    }

    /// Rows a field takes: its label, its input line, and its hint or a blank line; when the
    /// form does not fit (`compact`), a field without a hint takes no blank line.
    static func height(_ field: FormField, width: Int, compact: Bool = false) -> Int {
        height(hintLines: hintLines(field, width: width).count, compact: compact)
    }

    private static func height(hintLines: Int, compact: Bool) -> Int { 2 + (hintLines > 0 ? hintLines : compact ? 0 : 1) }

    /// Columns a form's box takes: `base`, or wider for its longest hint (a policy's
    /// requirements), up to 100.
    static func width(_ form: FormState, base: Int) -> Int {
        max(base, min(100, (form.fields.map { TextWidth.columns($0.hint) }.max() ?? 0) + 6))
    }

    /// Rows a form needs in `width` columns: its fields, two or more for the error, the key line
    /// when there is one.
    static func height(_ form: FormState, width: Int, keys: Bool = false) -> Int {
        form.fields.reduce(0) { $0 + height($1, width: width) } + max(2, errorLines(form, width: width).count) + (keys ? 2 : 0)
    }

    /// The error as drawn in `width` columns: every line it takes, up to four (the fourth holds
    /// the rest, cut with `…` when drawn). A rule's whole wording is the point of the message.
    static func errorLines(_ form: FormState, width: Int) -> [String] {
        guard let error = form.error else { return [] }
        let lines = TextLayout.wrap("✗ " + error, width: max(1, width))
        return lines.count > 4 ? Array(lines[0..<3]) + [lines[3...].joined(separator: " ")] : lines
    }

    static func draw(_ painter: inout Painter, _ area: Rect, form: FormState, keys: String? = nil) {
        var y = area.y
        let errorLines = errorLines(form, width: area.width)
        let rows = area.height - (keys == nil ? 0 : 2) - errorLines.count
        // Each hint wrapped once; the rows every field takes follow from it.
        var hints = form.fields.map { hintLines($0, width: area.width) }
        let compact = hints.reduce(0) { $0 + height(hintLines: $1.count, compact: false) } > rows
        var heights = hints.map { height(hintLines: $0.count, compact: compact) }
        var (first, last) = window(heights, focus: form.focus, rows: rows)
        // A field just out of sight, below or above, still shows its label and box when the
        // rows left hold them (its hint waits until it has the focus), rather than blank rows.
        // The line saying what is out of sight is needed only while something still is.
        func spare(first: Int, last: Int) -> Int {
            rows - (first > 0 || last + 1 < heights.count ? 1 : 0) - heights[first...last].reduce(0, +)
        }
        if last >= first, last + 1 < heights.count, spare(first: first, last: last + 1) + heights[last + 1] >= 2 {
            last += 1
            heights[last] = 2
            hints[last] = []
        }
        if last >= first, first > 0, spare(first: first - 1, last: last) + heights[first - 1] >= 2 {
            first -= 1
            heights[first] = 2
            hints[first] = []
        }
        for (index, field) in form.fields.enumerated() where (first...last).contains(index) && y + 1 < area.maxY {
            let focused = index == form.focus
            // The field a refusal is about is marked where it stands, the refusal below the fields.
            if form.error != nil, form.errorField == field.key {
                painter.text("✗ " + field.label, x: area.x, y: y, width: area.width, .error)
            } else {
                painter.text(field.label, x: area.x, y: y, width: area.width, focused ? .title : .muted)
            }
            y += 1
            drawInput(&painter, Rect(x: area.x, y: y, width: area.width, height: 1), field: field.value, secure: field.secure, focused: focused)
            // A click on a field's label or box puts the cursor in it.
            painter.hit(Rect(x: area.x, y: y - 1, width: area.width, height: 2), .selectIndex(index))
            y += 1
            for (offset, line) in hints[index].enumerated() where y + offset < area.maxY {
                painter.text(line, x: area.x, y: y + offset, width: area.width, .muted)
            }
            y += heights[index] - 2
        }
        // The error and the fields out of sight are both said: the error must not hide that
        // there is more to the form.
        for line in errorLines where y < area.maxY {
            painter.text(line, x: area.x, y: y, width: area.width, .error); y += 1
        }
        let hidden = (above: first, below: form.fields.count - 1 - last)
        if hidden.above + hidden.below > 0, y < area.maxY {
            let more = [hidden.above > 0 ? "↑ \(hidden.above) above" : nil, hidden.below > 0 ? "↓ \(hidden.below) more" : nil]
            painter.text(more.compactMap { $0 }.joined(separator: "  ") + " (Tab moves)", x: area.x, y: y, width: area.width, .muted)
        }
        if let keys, y < area.maxY { painter.text(keys, x: area.x, y: area.maxY - 1, width: area.width, .muted) }
    }

    /// The fields (of `heights` rows each) shown in `rows`: all when they fit; otherwise as many
    /// as fit with a line left to say how many are out of sight, the focused one among them.
    static func window(_ heights: [Int], focus: Int, rows: Int) -> (first: Int, last: Int) {
        guard !heights.isEmpty else { return (0, -1) }
        if heights.reduce(0, +) <= rows { return (0, heights.count - 1) }
        let room = max(heights.max() ?? 2, rows - 1)
        let focus = min(max(0, focus), heights.count - 1)
        // The window ends at the focused field or later, and starts as early as that allows.
        var first = focus, used = heights[focus]
        while first > 0 && used + heights[first - 1] <= room { first -= 1; used += heights[first] }
        var last = focus
        while last + 1 < heights.count && used + heights[last + 1] <= room { last += 1; used += heights[last] }
        return (first, last)
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
