import Foundation
import OrgdeckTerminal

/// Text shaping for human output: user text made safe for a terminal, dates, and tables.
enum Format {
    /// User text made safe for a terminal as the console makes it (`TextWidth.sanitize`):
    /// controls, bidi controls and line separators become visible, so a name holding ESC or
    /// U+202E can neither move the cursor nor reorder the line it is printed on. (Table cells
    /// also drop zero-width joiners, as the console's screen does, so their widths hold.)
    static func sanitize(_ text: String) -> String { TextWidth.sanitize(text) }

    /// ISO-8601 in UTC with a `Z`, the form machine output uses.
    static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// `2026-11-29 14:03` in UTC: short enough for a table column and unambiguous across servers.
    static func short(_ date: Date?) -> String {
        guard let date else { return "-" }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }

    /// Terminal columns a string occupies, by the console's own width table.
    static func width(_ text: String) -> Int { TextWidth.columns(text) }

    /// Cuts `text` to at most `limit` columns, ending with `…` when it was cut.
    static func truncate(_ text: String, to limit: Int) -> String { TextWidth.truncate(text, to: limit) }

    static func pad(_ text: String, to columns: Int) -> String {
        text + String(repeating: " ", count: max(0, columns - width(text)))
    }

    /// Renders rows under a header, columns separated by two spaces. Every cell is
    /// sanitized and cut to `maxWidth` columns so one long name cannot wreck the layout.
    static func table(_ header: [String], _ rows: [[String]], maxWidth: Int = 40) -> String {
        let cells = rows.map { $0.map { truncate(sanitize($0), to: maxWidth) } }
        var widths = header.map(width)
        for row in cells {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], width(cell))
            }
        }
        func line(_ row: [String]) -> String {
            var parts: [String] = []
            for (index, cell) in row.enumerated() {
                parts.append(index == row.count - 1 ? cell : pad(cell, to: widths[index]))
            }
            return parts.joined(separator: "  ")
        }
        return ([line(header)] + cells.map(line)).joined(separator: "\n") + "\n"
    }

    /// `key: value` lines with aligned values, for `show` commands.
    static func fields(_ pairs: [(String, String)]) -> String {
        let keyWidth = pairs.map { width($0.0) }.max() ?? 0
        return pairs.map { pad($0.0 + ":", to: keyWidth + 1) + " " + sanitize($0.1) }
            .joined(separator: "\n") + "\n"
    }
}
