/// Turns raw terminal input bytes into `KeyEvent`s.
///
/// Handles UTF-8 text, CSI and SS3 sequences (arrows, home/end, page keys, delete, F1–F12,
/// shift-tab), SGR mouse reports (`ESC[<b;x;yM`), bracketed paste (`ESC[200~ … ESC[201~`,
/// delivered whole however many reads it spans), control letters, Enter (CR or LF),
/// Backspace (DEL or BS) and a lone Esc.
///
/// Input arrives in arbitrary chunks, so an incomplete sequence is kept until more bytes come.
/// A lone ESC is ambiguous (Esc key or the start of a sequence): the caller calls `flush()`
/// when no byte followed within its escape delay (~25 ms) and the ESC becomes `.escape`.
public struct KeyDecoder: Sendable {
    private var buffer: [UInt8] = []
    private var pasteBytes: [UInt8]?

    /// Largest paste kept; the rest is dropped so a runaway paste cannot exhaust memory.
    public static let maxPasteBytes = 1 << 20

    public init() {}

    /// True while bytes are held waiting for the rest of a sequence (or the end of a paste).
    public var hasPending: Bool { !buffer.isEmpty || pasteBytes != nil }

    /// True when what is held is an escape sequence prefix that a timeout should resolve
    /// (a paste in progress is never cut by a timeout).
    public var awaitsEscapeTimeout: Bool { pasteBytes == nil && !buffer.isEmpty }

    /// Adds bytes and returns every event they complete.
    public mutating func feed(_ bytes: [UInt8]) -> [KeyEvent] {
        buffer.append(contentsOf: bytes)
        var events: [KeyEvent] = []
        while !buffer.isEmpty {
            if pasteBytes != nil {
                if !consumePaste(into: &events) { break }
                continue
            }
            guard let (event, used) = decodeOne() else { break }   // incomplete: wait
            buffer.removeFirst(used)
            if let event { events.append(event) }
        }
        return events
    }

    /// Resolves held bytes after the escape delay: a lone ESC becomes `.escape`, a cut-off
    /// sequence becomes Esc followed by its characters.
    public mutating func flush() -> [KeyEvent] {
        var events: [KeyEvent] = []
        while pasteBytes == nil, !buffer.isEmpty {
            // The head is either an ESC nothing followed in time, or a truncated UTF-8
            // sequence; resolve it, then decode whatever came after it.
            events.append(buffer[0] == 0x1B ? .escape : .char("\u{FFFD}"))
            buffer.removeFirst()
            events += feed([])
        }
        return events
    }

    // MARK: - Decoding

    /// One event from the head of `buffer` and the bytes it used; nil when more bytes are
    /// needed. An event of nil with a count means "consumed, nothing to report".
    private mutating func decodeOne() -> (KeyEvent?, Int)? {
        let b = buffer[0]
        switch b {
        case 0x1B: return decodeEscape()
        case 0x0D, 0x0A: return (.enter, 1)
        case 0x09: return (.tab, 1)
        case 0x7F, 0x08: return (.backspace, 1)
        case 0x00: return (.ctrl(" "), 1)
        case 0x01...0x1A: return (.ctrl(Character(Unicode.Scalar(b + 0x60))), 1)
        case 0x1C...0x1F: return (.ctrl(Character(Unicode.Scalar(b + 0x40))), 1)
        default: return decodeUTF8()
        }
    }

    private func decodeUTF8() -> (KeyEvent?, Int)? {
        let b = buffer[0]
        let length: Int
        switch b {
        case 0x00..<0x80: return (.char(Character(Unicode.Scalar(b))), 1)
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return (.char("\u{FFFD}"), 1)
        }
        for i in 1..<length where i < buffer.count && buffer[i] & 0xC0 != 0x80 {
            return (.char("\u{FFFD}"), i)   // broken sequence: replace what we saw
        }
        guard buffer.count >= length else { return nil }
        let text = String(decoding: buffer[0..<length], as: UTF8.self)
        return (.char(text.first ?? "\u{FFFD}"), length)
    }

    private mutating func decodeEscape() -> (KeyEvent?, Int)? {
        guard buffer.count >= 2 else { return nil }
        switch buffer[1] {
        case UInt8(ascii: "["): return decodeCSI()
        case UInt8(ascii: "O"):
            guard buffer.count >= 3 else { return nil }
            return (ss3Key(buffer[2]), 3)
        default:
            // Esc followed by an ordinary key (Alt+key or a fast typist): report Esc and let the
            // next byte decode on its own.
            return (.escape, 1)
        }
    }

    private mutating func decodeCSI() -> (KeyEvent?, Int)? {
        var i = 2
        while i < buffer.count, !(0x40...0x7E).contains(buffer[i]) {
            // Parameter and intermediate bytes only; anything else means a garbled sequence.
            guard (0x20...0x3F).contains(buffer[i]) else { return (nil, i) }
            i += 1
            if i > 64 { return (nil, i) }
        }
        guard i < buffer.count else { return nil }
        let final = buffer[i]
        let params = String(decoding: buffer[2..<i], as: UTF8.self)
        let used = i + 1
        if params.hasPrefix("<"), final == UInt8(ascii: "M") || final == UInt8(ascii: "m") {
            return (mouse(params.dropFirst(), pressed: final == UInt8(ascii: "M")), used)
        }
        let numbers = params.split(separator: ";").map { Int($0) ?? 0 }
        switch final {
        case UInt8(ascii: "A"): return (.up, used)
        case UInt8(ascii: "B"): return (.down, used)
        case UInt8(ascii: "C"): return (.right, used)
        case UInt8(ascii: "D"): return (.left, used)
        case UInt8(ascii: "H"): return (.home, used)
        case UInt8(ascii: "F"): return (.end, used)
        case UInt8(ascii: "Z"): return (.backTab, used)
        case UInt8(ascii: "P")...UInt8(ascii: "S"): return (.function(Int(final) - 0x4F), used)
        case UInt8(ascii: "~"): break
        default: return (nil, used)
        }
        switch numbers.first ?? 0 {
        case 1, 7: return (.home, used)
        case 4, 8: return (.end, used)
        case 3: return (.delete, used)
        case 5: return (.pageUp, used)
        case 6: return (.pageDown, used)
        case 11...15: return (.function(numbers[0] - 10), used)
        case 17...21: return (.function(numbers[0] - 11), used)
        case 23, 24: return (.function(numbers[0] - 12), used)
        case 200:
            pasteBytes = []
            return (nil, used)
        default: return (nil, used)
        }
    }

    private func ss3Key(_ b: UInt8) -> KeyEvent? {
        switch b {
        case UInt8(ascii: "A"): return .up
        case UInt8(ascii: "B"): return .down
        case UInt8(ascii: "C"): return .right
        case UInt8(ascii: "D"): return .left
        case UInt8(ascii: "H"): return .home
        case UInt8(ascii: "F"): return .end
        case UInt8(ascii: "M"): return .enter
        case UInt8(ascii: "P")...UInt8(ascii: "S"): return .function(Int(b) - 0x4F)
        default: return nil
        }
    }

    /// SGR mouse: `b;x;y` with 1-based coordinates. Left press, wheel up and wheel down are
    /// reported; releases, motion and other buttons are not used by the console.
    private func mouse(_ params: Substring, pressed: Bool) -> KeyEvent? {
        let p = params.split(separator: ";").compactMap { Int($0) }
        guard p.count == 3, pressed else { return nil }
        let (button, x, y) = (p[0], p[1] - 1, p[2] - 1)
        guard button & 32 == 0 else { return nil }   // motion
        switch button & ~0b11100 {                    // drop shift/meta/ctrl bits
        case 0: return .mouse(MouseEvent(kind: .press, x: x, y: y))
        case 64: return .mouse(MouseEvent(kind: .wheelUp, x: x, y: y))
        case 65: return .mouse(MouseEvent(kind: .wheelDown, x: x, y: y))
        default: return nil
        }
    }

    /// Moves buffered bytes into the paste until the end marker; true when the paste ended.
    private mutating func consumePaste(into events: inout [KeyEvent]) -> Bool {
        let end: [UInt8] = [0x1B, 0x5B, 0x32, 0x30, 0x31, 0x7E]   // ESC [ 2 0 1 ~
        if let at = firstIndex(of: end, in: buffer) {
            appendPaste(buffer[0..<at])
            buffer.removeFirst(at + end.count)
            let text = String(decoding: pasteBytes ?? [], as: UTF8.self)
            pasteBytes = nil
            // Terminals send CR for line breaks in a paste; the console works with "\n".
            events.append(.paste(text.replacingCRLF()))
            return true
        }
        // Keep a tail that may be the start of the end marker split across reads.
        let keep = min(buffer.count, end.count - 1)
        appendPaste(buffer[0..<(buffer.count - keep)])
        buffer.removeFirst(buffer.count - keep)
        return false
    }

    private mutating func appendPaste(_ bytes: ArraySlice<UInt8>) {
        let room = Self.maxPasteBytes - (pasteBytes?.count ?? 0)
        if room > 0 { pasteBytes?.append(contentsOf: bytes.prefix(room)) }
    }

    private func firstIndex(of needle: [UInt8], in hay: [UInt8]) -> Int? {
        guard hay.count >= needle.count else { return nil }
        for i in 0...(hay.count - needle.count) where hay[i] == needle[0] && Array(hay[i..<(i + needle.count)]) == needle {
            return i
        }
        return nil
    }
}

private extension String {
    func replacingCRLF() -> String {
        var out = "", lastCR = false
        for s in unicodeScalars {
            if s == "\r" { out.unicodeScalars.append("\n"); lastCR = true; continue }
            if s == "\n" && lastCR { lastCR = false; continue }
            lastCR = false
            out.unicodeScalars.append(s)
        }
        return out
    }
}
