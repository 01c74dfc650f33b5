import Foundation

/// Horizontal bars from block characters, eighths of a cell wide, so a figure reads as a length
/// in any theme, `mono` included; the figure itself is always printed beside the bar.
enum Bars {
    private static let eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// A bar `width` cells long at most, `fraction` of it filled, padded with spaces.
    static func bar(_ fraction: Double, width: Int) -> String {
        guard width > 0 else { return "" }
        let clamped = fraction.isFinite ? min(1, max(0, fraction)) : 0
        let units = Int((clamped * Double(width * 8)).rounded())
        let full = units / 8, rest = units % 8
        var text = String(repeating: "█", count: full) + eighths[rest]
        let used = full + (rest > 0 ? 1 : 0)
        text += String(repeating: " ", count: max(0, width - used))
        return text
    }

    /// A progress bar with its frame: `[█████▌    ]`.
    static func progress(_ fraction: Double, width: Int) -> String {
        width < 3 ? "" : "[" + bar(fraction, width: width - 2).replacingOccurrences(of: " ", with: "·") + "]"
    }

    /// "1m 05s", "42s" for a time left.
    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        if total >= 3600 { return "\(total / 3600)h \(String(format: "%02d", total % 3600 / 60))m" }
        if total >= 60 { return "\(total / 60)m \(String(format: "%02d", total % 60))s" }
        return "\(total)s"
    }

    private static let heights = ["", "▁", "▂", "▃", "▄", "▅", "▆", "▇"]

    /// A column chart `height` rows tall, one column (`width` cells) per value, scaled to the
    /// largest: the rows top to bottom. A value above zero shows at least its lowest eighth, so a
    /// day with a little usage is not mistaken for one with none.
    static func columns(_ values: [Int64], height: Int, width: Int = 1) -> [String] {
        guard height > 0, width > 0 else { return [] }
        let largest = values.max() ?? 0
        let units = values.map { value -> Int in
            guard largest > 0, value > 0 else { return 0 }
            return Swift.max(1, Int((Double(value) / Double(largest) * Double(height * 8)).rounded()))
        }
        return (0..<height).map { row in
            let floor = (height - 1 - row) * 8
            return units.map { unit -> String in
                let filled = unit - floor
                let cell = filled >= 8 ? "█" : filled > 0 ? heights[filled] : " "
                return String(repeating: cell, count: width)
            }.joined()
        }
    }
}
