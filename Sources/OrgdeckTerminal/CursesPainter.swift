import CNcursesw

/// Paints cell grids onto a curses window: only the cells changed since the last painted grid
/// are written (`mvwadd_wch`), then the window is marked for the next `doupdate()`.
///
/// Shared by `CursesTerminal` and `CursesByteMeter` so the benchmark measures exactly what the
/// console sends. Must be used on the thread that owns curses.
final class CursesPainter {
    private let window: UnsafeMutablePointer<WINDOW>
    /// Depth colours are degraded to before they reach curses.
    var depth: ColorDepth { didSet { lastStyle = nil } }
    private var pairs: [PairKey: Int32] = [:]
    private var previous: CellGrid?

    private struct PairKey: Hashable { let fg: Int32, bg: Int32 }

    /// ncurses keeps at most this many wide characters per cell (spacing + combining).
    private static let maxCharsPerCell = 5

    init(window: UnsafeMutablePointer<WINDOW>, depth: ColorDepth) {
        self.window = window
        self.depth = depth
    }

    /// Forgets what was painted, so the next `paint` writes every cell.
    func forget() { previous = nil }

    /// Writes the cells of `grid` that changed since the last call and stages the window
    /// (`wnoutrefresh`); the caller then calls `doupdate()` once per frame.
    func paint(_ grid: CellGrid) {
        let changed = grid.changes(since: previous ?? CellGrid(width: 0, height: 0))
        var paintedThrough = (x: -1, y: -1)
        for p in changed {
            var x = p.x
            if grid[x, p.y].isContinuation {
                // Only the right half changed: the left half repaints both.
                guard x > 0 else { continue }
                x -= 1
            }
            if paintedThrough.y == p.y && x <= paintedThrough.x { continue }
            let used = put(grid[x, p.y], x: x, y: p.y)
            paintedThrough = (x + used - 1, p.y)
        }
        previous = grid
        wnoutrefresh(window)
    }

    /// Writes one cell; returns the columns it covered.
    private func put(_ cell: Cell, x: Int, y: Int) -> Int {
        let mine = max(1, Int(cell.width))
        let (attrs, pair) = attributesAndPair(cell.style)
        let first = cell.text.unicodeScalars.first ?? " "
        // The C library's idea of the width decides where curses thinks the cursor lands; when
        // it disagrees with ours, pad or replace so the columns after this cell stay aligned.
        let theirs = Int(wcwidth(wchar_t(first.value)))
        let text = theirs < 0 || theirs > mine ? (mine == 2 ? "\u{FFFD}" : "?") : (cell.text.isEmpty ? " " : cell.text)
        writeChar(text, attrs: attrs, pair: pair, x: x, y: y)
        if mine == 2 && theirs != 2 { writeChar(" ", attrs: attrs, pair: pair, x: x + 1, y: y) }
        return mine
    }

    /// Writes `text` as one curses cell: its first scalar and up to four of the zero-width ones
    /// after it (a cell holds one spacing character; `setcchar` refuses a second, which left
    /// the cell unwritten). The wide string is built on the stack: a full frame writes
    /// thousands of cells, and a heap array per cell was a measurable part of the first frame.
    private func writeChar(_ text: String, attrs: attr_t, pair: Int32, x: Int, y: Int) {
        withUnsafeTemporaryAllocation(of: wchar_t.self, capacity: Self.maxCharsPerCell + 1) { wide in
            var count = 0
            for scalar in text.unicodeScalars where count < Self.maxCharsPerCell {
                let character = wchar_t(bitPattern: scalar.value)
                guard count == 0 || wcwidth(character) == 0 else { continue }
                wide[count] = character
                count += 1
            }
            wide[count] = 0   // setcchar reads a NUL-terminated array
            var cc = cchar_t()
            _ = orgdeck_setcchar(&cc, wide.baseAddress, attrs, pair)
            // The bottom-right cell returns ERR because the cursor cannot advance; it is still drawn.
            _ = mvwadd_wch(window, Int32(y), Int32(x), &cc)
        }
    }

    /// Neighbouring cells mostly share a style: the last one's curses form is kept.
    private var lastStyle: (style: Style, attrs: attr_t, pair: Int32)?

    private func attributesAndPair(_ style: Style) -> (attr_t, Int32) {
        if let last = lastStyle, last.style == style { return (last.attrs, last.pair) }
        let result = cursesForm(style)
        lastStyle = (style, result.0, result.1)
        return result
    }

    private func cursesForm(_ style: Style) -> (attr_t, Int32) {
        var a = orgdeck_wa_normal()
        if style.attributes.contains(.bold) { a |= orgdeck_wa_bold() }
        if style.attributes.contains(.underline) { a |= orgdeck_wa_underline() }
        if style.attributes.contains(.reverse) { a |= orgdeck_wa_reverse() }
        if style.attributes.contains(.dim) { a |= orgdeck_wa_dim() }
        return (a, pair(fg: style.fg.degraded(to: depth), bg: style.bg.degraded(to: depth)))
    }

    /// Colour pairs are allocated lazily, one per (fg, bg) actually used, with `alloc_pair`.
    private func pair(fg: Color, bg: Color) -> Int32 {
        guard depth != .none else { return 0 }
        let key = PairKey(fg: number(fg), bg: number(bg))
        if key.fg == -1 && key.bg == -1 { return 0 }
        if let p = pairs[key] { return p }
        let p = alloc_pair(key.fg, key.bg)
        let result = p < 0 ? 0 : p
        pairs[key] = result
        return result
    }

    /// The curses colour number: -1 is the terminal default (after `use_default_colors`).
    /// Direct-colour terminfo reads numbers 0–7 as the ANSI colours and everything else as
    /// 0xRRGGBB, so there every other colour is sent as its RGB value (and near-black RGB is
    /// nudged past 7).
    private func number(_ c: Color) -> Int32 {
        switch c {
        case .default: return -1
        case .ansi(let n) where n < 8: return Int32(n)
        case .ansi(let n), .indexed(let n):
            guard depth == .truecolor else { return Int32(n) }
            let (r, g, b) = Palette.rgb(ofIndexed: n)
            return max(8, Int32(r) << 16 | Int32(g) << 8 | Int32(b))
        case .rgb(let r, let g, let b): return max(8, Int32(r) << 16 | Int32(g) << 8 | Int32(b))
        }
    }
}
