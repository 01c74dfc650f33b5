import OrgdeckTerminal
import OrgdeckViewModels

/// The bottom two rows: the flash line (results and errors) and the keys of what has focus.
enum FooterView {
    /// One hint: the keys, what they do, and whether they are refused now (greyed).
    struct Hint: Equatable {
        var key: String
        var label: String
        var enabled: Bool
        /// One of the keys that work everywhere (listed after what has focus).
        var global = false
    }

    /// The hints for commands, with their keys from the key map; commands no key sends are left out.
    static func hints(_ commands: [PaneCommand], keyMap: KeyMap, global: Bool = false) -> [Hint] {
        commands.filter(\.inFooter).compactMap { command in
            keyMap.hint(for: command.event).map { Hint(key: $0, label: command.label, enabled: command.isEnabled, global: global) }
        }
    }

    /// A flash's colour and its text behind the mark of its level, wherever one is shown.
    static func look(_ flash: Flash) -> (element: UIElement, text: String) {
        switch flash.level {
        case .error: return (.flashError, "✗ " + flash.text)
        case .warn: return (.flashWarn, "! " + flash.text)
        case .note: return (.flashInfo, "· " + flash.text)
        case .info: return (.flashInfo, "✓ " + flash.text)
        }
    }

    /// `helpReachable` is false while a form, picker, dialog, menu or filter has focus: its key
    /// does not open help there.
    static func draw(_ painter: inout Painter, _ area: Rect, flash: Flash?, hints: [Hint], keyMap: KeyMap,
                     helpReachable: Bool = true) {
        guard area.height >= 2 else { return }
        let flashY = area.y
        let hintY = area.y + 1
        painter.fill(Rect(x: area.x, y: flashY, width: area.width, height: 1), .base)
        if let flash {
            let (element, text) = look(flash), room = area.width - 2
            if TextWidth.columns(text) > room, flashY > 0 {
                // Longer than the line: it starts on the row above, over the body's last row, for
                // as long as it shows; a refusal's reason is never cut off at its end.
                let (first, rest) = wrap(text, room)
                painter.fill(Rect(x: area.x, y: flashY - 1, width: area.width, height: 1), .base)
                painter.text(first, x: area.x + 1, y: flashY - 1, width: room, element)
                painter.text(rest, x: area.x + 1, y: flashY, width: room, element)
            } else {
                painter.text(text, x: area.x + 1, y: flashY, width: room, element)
            }
        }
        painter.fill(Rect(x: area.x, y: hintY, width: area.width, height: 1), .footer)
        // Help, wherever its key works, is pinned to the right edge.
        var helpX = area.maxX
        if helpReachable {
            helpX = area.maxX - TextWidth.columns("\(keyMap.hint(.help)) help") - 1
            painter.text(keyMap.hint(.help), x: helpX, y: hintY, .footerKey)
            painter.text(" help", x: helpX + TextWidth.columns(keyMap.hint(.help)), y: hintY, .footer)
        }
        var x = area.x + 1
        let shown = hints.filter { $0.label != "help" }
        for (index, hint) in shown.enumerated() {
            let width = TextWidth.columns(hint.key) + 1 + TextWidth.columns(hint.label)
            // Keys of what has focus that do not fit are said to exist with a `…` (`?` lists
            // them), so a hint with more of them after it leaves room for the mark; the global
            // keys, last, give way silently: they are the same on every screen.
            let more = shown[(index + 1)...].contains { !$0.global }
            guard x + width + (more ? 3 : 0) < helpX - 1 else {
                if !hint.global { painter.text("…", x: x, y: hintY, .muted) }
                break
            }
            x += painter.text(hint.key, x: x, y: hintY, hint.enabled ? .footerKey : .muted)
            x += painter.text(" " + hint.label, x: x, y: hintY, hint.enabled ? .footer : .muted)
            x += 2
        }
    }

    /// `text` as a first line of at most `columns` columns, broken after a space when there is
    /// one, and the rest (cut with `…` by the caller if even two lines are not enough).
    static func wrap(_ text: String, _ columns: Int) -> (String, String) {
        var used = 0, breakAt: String.Index?, end = text.endIndex
        for index in text.indices {
            let width = TextWidth.width(of: text[index])
            if used + width > columns { end = index; break }
            used += width
            if text[index] == " " { breakAt = text.index(after: index) }
        }
        guard end < text.endIndex else { return (text, "") }
        let cut = breakAt ?? end
        return (String(text[..<cut]).trimmingCharacters(in: .whitespaces), String(text[cut...]))
    }
}
