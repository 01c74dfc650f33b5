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
}
