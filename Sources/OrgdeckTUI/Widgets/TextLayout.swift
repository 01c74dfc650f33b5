import Foundation
import OrgdeckCore
import OrgdeckTerminal
import OrgdeckViewModels

/// Word wrapping and time formatting for the screens.
public enum TextLayout {
    /// Wraps text into lines of at most `width` columns, breaking at spaces where it can.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        // Line breaks in the text start new lines; other control characters are shown visibly.
        let paragraphs = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for paragraph in paragraphs.map({ TextWidth.display(String($0)) }) {
            var line = ""
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
                var word = word
                let candidate = line.isEmpty ? word : line + " " + word
                if TextWidth.columns(candidate) <= width { line = candidate; continue }
                if !line.isEmpty { lines.append(line); line = "" }
                // A word longer than the line is cut into pieces.
                while TextWidth.columns(word) > width {
                    var piece = ""
                    for character in word {
                        if TextWidth.columns(piece + String(character)) > width { break }
                        piece.append(character)
                    }
                    if piece.isEmpty { break }
                    lines.append(piece)
                    word = String(word.dropFirst(piece.count))
                }
                line = word
            }
            lines.append(line)
        }
        return lines
    }

    /// "just now", "5m ago", "3h ago", "4d ago", or the date for older times.
    public static func relative(_ date: Date, now: Date) -> String {
        let seconds = Int(now.timeIntervalSince(date))
        if seconds < 60 { return "just now" }
        if seconds < 3_600 { return "\(seconds / 60)m ago" }
        if seconds < 86_400 { return "\(seconds / 3_600)h ago" }
        if seconds < 30 * 86_400 { return "\(seconds / 86_400)d ago" }
        return day(date)
    }

    /// `Nov 29` in UTC, for narrow columns.
    public static func shortDay(_ date: Date) -> String {
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: date)
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(months[max(0, min(11, (c.month ?? 1) - 1))]) \(c.day ?? 0)"
    }

    /// `2026-11-29` in UTC.
    public static func day(_ date: Date) -> String { date.utcDay }
}

extension TextField {
    /// The text with a thin bar where the cursor is, for a one-line field drawn inline (a
    /// filter, a search): the bar moves with ←, →, Home and Ctrl-U as the text does.
    var markedAtCursor: String {
        let index = text.index(text.startIndex, offsetBy: min(cursor, text.count))
        return String(text[..<index]) + "▏" + text[index...]
    }
}
