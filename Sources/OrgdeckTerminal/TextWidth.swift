/// Display width and sanitizing of text from users.
///
/// Sanitizing scheme (applied to every string a `CellGrid` shows):
/// - ESC (U+001B) → `␛` (U+241B), so escape sequences in data are visible and inert;
/// - tab → one space;
/// - other C0 controls U+0000–U+001F → caret notation `^@`, `^A` … `^_`;
/// - DEL (U+007F) → `^?`;
/// - C1 controls U+0080–U+009F, the bidi controls (marks U+061C, U+200E, U+200F; embeddings
///   and overrides U+202A–U+202E; isolates U+2066–U+2069), which can reorder what the user sees,
///   and the line and paragraph separators U+2028, U+2029 → `<U+009B>` form.
///
/// On screen (`display`) the zero-width joiner is dropped too: terminals disagree on how wide
/// a joined emoji sequence is (one glyph of 2 columns, or each emoji at 2), and curses keeps
/// one spacing character per cell, so "👩‍👩‍👧‍👦" drawn as one cell lost three people and shifted
/// every later column on some terminals. Without the joiners every terminal agrees: four emoji.
public enum TextWidth {
    /// Columns `text` takes on screen (wide = 2, combining = 0).
    public static func columns(_ text: String) -> Int {
        var total = 0
        for ch in display(text) { total += width(of: ch) }
        return total
    }

    /// `text` as the screen shows it: sanitized, without zero-width joiners.
    public static func display(_ text: String) -> String {
        let clean = sanitize(text)
        guard clean.unicodeScalars.contains(where: { $0.value == 0x200D }) else { return clean }
        var out = ""
        out.unicodeScalars.append(contentsOf: clean.unicodeScalars.lazy.filter { $0.value != 0x200D })
        return out
    }

    /// Columns one grapheme cluster takes: 0 for a lone combining/format mark, 2 for East Asian
    /// wide characters and emoji (including ZWJ sequences, flags and VS16 presentation), else 1.
    /// Assumes a sanitized cluster (controls count as 1 here).
    public static func width(of character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if scalars.count == 1 {
            if WideTable.isZeroWidth(first) { return 0 }
            return WideTable.isWide(first.value) ? 2 : 1
        }
        var base: Unicode.Scalar?
        for s in scalars {
            if s.value == 0xFE0F { return 2 }              // emoji presentation requested
            if s.value == 0x200D, scalars.contains(where: { WideTable.isWide($0.value) || $0.properties.isEmoji && $0.value > 0xFF }) {
                return 2                                     // ZWJ sequence draws as one emoji
            }
            if base == nil, !WideTable.isZeroWidth(s) { base = s }
        }
        guard let b = base else { return 0 }
        if b.value == 0x20E3 { return 2 }
        return WideTable.isWide(b.value) ? 2 : 1
    }

    /// Replaces C0, C1 and DEL with visible forms so that nothing raw reaches the terminal.
    public static func sanitize(_ text: String) -> String {
        // Fast path: most strings hold nothing to replace.
        if !text.unicodeScalars.contains(where: needsReplacement) { return text }
        // A String grown in place: appending a sequence to a UnicodeScalarView copies the
        // whole view each time, which made a megabyte of NULs take minutes.
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for s in text.unicodeScalars {
            if needsReplacement(s) { out += visibleForm(of: s) } else { out.unicodeScalars.append(s) }
        }
        return out
    }

    /// Cuts to at most `columns` columns, ending with `…` when cut.
    public static func truncate(_ text: String, to columns: Int) -> String {
        guard columns > 0 else { return "" }
        let clean = display(text)
        if TextWidth.columns(clean) <= columns { return clean }
        var out = "", used = 0
        for ch in clean {
            let w = width(of: ch)
            if used + w > columns - 1 { break }
            out.append(ch); used += w
        }
        return out + "…"
    }

    /// Cuts the middle out to fit `columns` columns, marked by `…`: for identifiers, whose
    /// ends tell them apart (`support-triage-…-eu-v2`), where cutting the end would not.
    /// `keepingEnd` characters of the end are kept first when they fit (a path's `/file.csv`).
    public static func elideMiddle(_ text: String, to columns: Int, keepingEnd: Int = 0) -> String {
        guard columns > 0 else { return "" }
        let clean = display(text)
        if TextWidth.columns(clean) <= columns { return clean }
        let characters = Array(clean)
        var head = "", tail: [Character] = [], used = 1
        var front = 0, back = characters.count - 1
        // The end asked for first (a path's file name), leaving four columns for the start.
        while tail.count < keepingEnd, back >= 0, used + width(of: characters[back]) <= columns - 4 {
            used += width(of: characters[back]); tail.append(characters[back]); back -= 1
        }
        // Take from both ends in turn, the front first, while both fit.
        while front <= back {
            let takeFront = head.count <= tail.count
            let ch = takeFront ? characters[front] : characters[back]
            let w = width(of: ch)
            if used + w > columns { break }
            used += w
            if takeFront { head.append(ch); front += 1 } else { tail.append(ch); back -= 1 }
        }
        return head + "…" + String(tail.reversed())
    }

    /// Pads with spaces (or truncates) to exactly `columns` columns.
    public static func pad(_ text: String, to columns: Int) -> String {
        guard columns > 0 else { return "" }
        let cut = truncate(text, to: columns)
        let used = self.columns(cut)
        return used < columns ? cut + String(repeating: " ", count: columns - used) : cut
    }

    /// Whether a scalar is shown in a visible form instead of being sent as it is.
    public static func needsReplacement(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x00..<0x20, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: return true
        default: return false
        }
    }

    static func visibleForm(of s: Unicode.Scalar) -> String {
        let v = s.value
        switch v {
        case 0x1B: return "\u{241B}"
        case 0x09: return " "
        case 0x00..<0x20: return "^" + String(Character(Unicode.Scalar(UInt8(v + 0x40))))
        case 0x7F: return "^?"
        default:
            let hex = String(v, radix: 16, uppercase: true)
            return "<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">"
        }
    }
}
