/// An editable single line of text with a cursor, as typed in forms, filters and the palette.
public struct TextField: Equatable, Sendable {
    public internal(set) var text: String
    /// Cursor position in characters (grapheme clusters), 0...text.count.
    public internal(set) var cursor: Int
    /// Hard cap on characters so a paste cannot grow a field without bound.
    public var maxLength: Int
    /// Characters the last insertion left out for want of room (a paste longer than the field
    /// takes), for the form to say so: nothing typed is dropped in silence.
    public internal(set) var cut = 0

    /// Two fields are equal by what they hold and where the cursor is: `cut` is a report about
    /// the last keystroke, not part of the value.
    public static func == (a: TextField, b: TextField) -> Bool {
        a.text == b.text && a.cursor == b.cursor && a.maxLength == b.maxLength
    }

    public init(_ text: String = "", maxLength: Int = 2_000) {
        self.text = String(text.prefix(maxLength))
        self.cursor = self.text.count
        self.maxLength = maxLength
    }

    public var isEmpty: Bool { text.isEmpty }

    public mutating func insert(_ string: String) {
        // Newlines and tabs from a paste end up as spaces: every field here is one line, and a
        // tab shown as a space would be refused later as a character the user cannot see.
        let cleaned = string.replacingOccurrences(of: "\r\n", with: " ")
            .map { $0 == "\n" || $0 == "\r" || $0 == "\t" ? " " : $0 }
        let room = max(0, maxLength - text.count)
        cut = max(0, cleaned.count - room)
        guard room > 0 else { return }
        let piece = String(cleaned.prefix(room))
        let index = text.index(text.startIndex, offsetBy: cursor)
        // A terminal delivers one code point at a time: a skin-tone modifier, a joiner or a
        // combining mark joins the character before it (and a joiner the one after), so the
        // text can gain fewer characters than were typed. The cursor is counted again.
        let head = String(text[..<index]) + piece
        text = head + text[index...]
        cursor = min(head.count, text.count)
    }

    public mutating func backspace() {
        guard cursor > 0 else { return }
        let index = text.index(text.startIndex, offsetBy: cursor - 1)
        text.remove(at: index)
        cursor -= 1
    }

    public mutating func deleteForward() {
        guard cursor < text.count else { return }
        text.remove(at: text.index(text.startIndex, offsetBy: cursor))
    }

    public mutating func moveLeft() { cursor = max(0, cursor - 1) }
    public mutating func moveRight() { cursor = min(text.count, cursor + 1) }
    public mutating func moveHome() { cursor = 0 }
    public mutating func moveEnd() { cursor = text.count }

    /// Deletes the word before the cursor (ctrl-w).
    public mutating func deleteWord() {
        while cursor > 0, text[text.index(text.startIndex, offsetBy: cursor - 1)] == " " { backspace() }
        while cursor > 0, text[text.index(text.startIndex, offsetBy: cursor - 1)] != " " { backspace() }
    }

    /// Deletes everything before the cursor (ctrl-u).
    public mutating func deleteToStart() {
        text = String(text[text.index(text.startIndex, offsetBy: cursor)...])
        cursor = 0
    }

    public mutating func clear() { text = ""; cursor = 0 }

    public mutating func set(_ value: String) {
        text = String(value.prefix(maxLength)); cursor = text.count
    }
}
