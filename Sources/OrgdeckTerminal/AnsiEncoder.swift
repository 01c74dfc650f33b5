/// A plain ANSI encoder of grid changes: cursor moves, SGR and text. The in-memory terminal
/// uses it to estimate what a frame costs on the wire; it does what a simple, honest renderer
/// does (skip the move when the cursor is already there, re-send SGR only when the style
/// changes), not what ncurses's optimiser does.
public enum AnsiEncoder {
    /// The bytes that turn `previous` into `grid` (everything when `previous` is nil or of
    /// another size).
    public static func encode(_ grid: CellGrid, previous: CellGrid?) -> String {
        let positions: [(x: Int, y: Int)]
        if let previous { positions = grid.changes(since: previous) } else { positions = grid.changes(since: CellGrid(width: 0, height: 0)) }
        var out = ""
        var cursor: (x: Int, y: Int)? = nil
        var current: Style? = nil
        for p in positions {
            var x = p.x
            var cell = grid[x, p.y]
            if cell.isContinuation {
                // The right half changed: repaint from the wide character's left half.
                guard x > 0 else { continue }
                x -= 1
                cell = grid[x, p.y]
                if let c = cursor, c.y == p.y, c.x > x { continue }   // already painted
            }
            if cursor == nil || cursor!.x != x || cursor!.y != p.y { out += "\u{1B}[\(p.y + 1);\(x + 1)H" }
            if current != cell.style { out += sgr(cell.style); current = cell.style }
            out += cell.text.isEmpty ? " " : cell.text
            cursor = (x + max(1, Int(cell.width)), p.y)
        }
        if current != nil { out += "\u{1B}[0m" }
        return out
    }

    /// The SGR sequence selecting `style` from a reset state.
    public static func sgr(_ style: Style) -> String {
        var codes = ["0"]
        if style.attributes.contains(.bold) { codes.append("1") }
        if style.attributes.contains(.dim) { codes.append("2") }
        if style.attributes.contains(.underline) { codes.append("4") }
        if style.attributes.contains(.reverse) { codes.append("7") }
        codes += colour(style.fg, foreground: true)
        codes += colour(style.bg, foreground: false)
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }

    private static func colour(_ c: Color, foreground: Bool) -> [String] {
        switch c {
        case .default: return []
        case .ansi(let n) where n < 8: return ["\((foreground ? 30 : 40) + Int(n))"]
        case .ansi(let n): return ["\((foreground ? 90 : 100) + Int(min(n, 15)) - 8)"]
        case .indexed(let n): return [foreground ? "38" : "48", "5", "\(n)"]
        case .rgb(let r, let g, let b): return [foreground ? "38" : "48", "2", "\(r)", "\(g)", "\(b)"]
        }
    }
}
