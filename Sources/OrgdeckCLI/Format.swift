import Foundation

/// Text shaping for human output: user text made safe for a terminal, dates, and tables.
enum Format {
    /// Replaces every control character with a visible form so that text typed by a user
    /// (an app name holding ESC, say) can never move the cursor or recolour the terminal:
    /// C0 and DEL become their Unicode "control picture" (␛, ␡), C1 becomes `<U+0085>`.
    static func sanitize(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x20 {
                out.append(Unicode.Scalar(0x2400 + value)!)
            } else if value == 0x7F {
                out.append("\u{2421}")
            } else if (0x80...0x9F).contains(value) {
                out.append(contentsOf: String(format: "<U+%04X>", value).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

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

    /// Terminal columns a string occupies: 0 for combining marks, 2 for East Asian wide and
    /// emoji, 1 otherwise. An approximation of `wcwidth` that needs no locale.
    static func width(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + width(of: $1) }
    }

    static func width(of scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if value == 0x200D || (0xFE00...0xFE0F).contains(value) { return 0 }
        let wide: [ClosedRange<UInt32>] = [
            0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD,
        ]
        return wide.contains { $0.contains(value) } ? 2 : 1
    }

    /// Cuts `text` to at most `limit` columns, ending with `…` when it was cut.
    static func truncate(_ text: String, to limit: Int) -> String {
        guard width(text) > limit else { return text }
        var out = ""
        var used = 0
        for character in text {
            let w = width(String(character))
            if used + w > limit - 1 { break }
            out.append(character)
            used += w
        }
        return out + "…"
    }

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
