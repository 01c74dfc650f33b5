import OrgdeckTerminal

/// Shown instead of the console when the terminal is smaller than the minimum; it recovers by
/// itself when the terminal grows. Must not crash down to 1×1.
enum TooSmallView {
    static func draw(_ painter: inout Painter, width: Int, height: Int) {
        let message = "too small: need \(ConsoleRenderer.minimumWidth)×\(ConsoleRenderer.minimumHeight), have \(width)×\(height)"
        let lines = TextLayout.wrap(message, width: width)
        let top = max(0, (height - lines.count) / 2)
        for (index, line) in lines.enumerated() where top + index < height {
            let x = max(0, (width - TextWidth.columns(line)) / 2)
            painter.text(line, x: x, y: top + index, width: width - x, .error)
        }
    }
}
