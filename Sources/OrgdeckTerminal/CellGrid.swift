/// The in-memory screen every widget renders into (ratatui's Buffer).
///
/// Out-of-range reads return a blank cell and out-of-range writes are ignored, so widgets
/// drawn into tiny terminals (down to 0×0) never crash. A wide character occupies its cell
/// (width 2) and a continuation cell (text "", width 0) to its right; overwriting either half
/// blanks the other so no half-character is ever left behind.
public struct CellGrid: Equatable, Sendable {
    public let width: Int
    public let height: Int
    private var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: Cell(), count: self.width * self.height)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { inside(x, y) ? cells[y * width + x] : Cell() }
        set { write(newValue, x, y) }
    }

    /// Writes `text` at (x, y), clipped to `maxWidth` columns and to the grid. Control and escape
    /// characters are shown visibly (`␛`, `^A`…), wide characters take two cells (never split at the
    /// clip edge), combining characters join their base. Returns the columns used.
    ///
    /// A style with the terminal's default background writes over whatever background is already
    /// there (as a style patch does in ratatui): grey text in a dialog or on a status bar keeps
    /// the dialog's or the bar's colour instead of cutting a stripe of the terminal's own through it.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, maxWidth: Int? = nil, style: Style) -> Int {
        guard y >= 0, y < height else { return 0 }
        let limit = min(width, x + max(0, maxWidth ?? Int.max - max(x, 0)))
        var col = x
        var lastX: Int?
        for ch in TextWidth.display(text) {
            let w = TextWidth.width(of: ch)
            if w == 0 {
                // A mark with no base in this string joins the previous cell we wrote.
                if let lx = lastX, inside(lx, y) { cells[y * width + lx].text.append(ch) }
                continue
            }
            if col + w > limit { break }
            if col >= 0 {
                let style = over(col, y, style)
                write(Cell(text: String(ch), width: UInt8(w), style: style), col, y)
                if w == 2 { write(Cell(text: "", width: 0, style: style), col + 1, y) }
                lastX = col
            } else if col + w > 0 {
                // A wide character cut by the left edge: show its visible half as a blank.
                write(Cell(text: " ", width: 1, style: over(col + 1, y, style)), col + 1, y)
            }
            col += w
        }
        return max(0, col - max(x, 0))
    }

    /// `style` as written at (x, y): with the terminal's default background it takes the
    /// background already there.
    private func over(_ x: Int, _ y: Int, _ style: Style) -> Style {
        guard style.bg == .default, inside(x, y) else { return style }
        let under = cells[y * width + x].style
        var patched = style
        patched.bg = under.bg
        // Without colours (mono, NO_COLOR) a bar is reverse video: text of no colour of its own
        // stays on the bar instead of punching a hole in it (a greyed footer hint).
        if under.attributes.contains(.reverse), under.fg == .default, under.bg == .default, style.fg == .default {
            patched.attributes.insert(.reverse)
        }
        return patched
    }

    /// Fills a rectangle with spaces in `style`.
    public mutating func fill(_ rect: Rect, style: Style) {
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { return }
        let blank = Cell(text: " ", width: 1, style: style)
        for yy in r.y..<r.maxY { for xx in r.x..<r.maxX { write(blank, xx, yy) } }
    }

    /// Draws a single-line box border (─│┌┐└┘) around `rect`, with an optional title in the top edge.
    /// The title is written after the top-left corner as ` title `, clipped to the edge.
    public mutating func box(_ rect: Rect, style: Style, title: String? = nil, titleStyle: Style? = nil) {
        guard !rect.isEmpty else { return }
        let (l, t, r, b) = (rect.x, rect.y, rect.maxX - 1, rect.maxY - 1)
        for xx in l...r {
            put("─", x: xx, y: t, style: style)
            if b != t { put("─", x: xx, y: b, style: style) }
        }
        for yy in t...b {
            put("│", x: l, y: yy, style: style)
            if r != l { put("│", x: r, y: yy, style: style) }
        }
        if rect.width >= 2 && rect.height >= 2 {
            put("┌", x: l, y: t, style: style); put("┐", x: r, y: t, style: style)
            put("└", x: l, y: b, style: style); put("┘", x: r, y: b, style: style)
        }
        if let title, !title.isEmpty, rect.width > 4 {
            put(" " + TextWidth.truncate(title, to: rect.width - 4) + " ", x: l + 1, y: t,
                maxWidth: rect.width - 2, style: titleStyle ?? style)
        }
    }

    /// Changes the style of every cell in `rect`, keeping the text (for cursor highlights).
    public mutating func restyle(_ rect: Rect, style: Style) {
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { return }
        for yy in r.y..<r.maxY { for xx in r.x..<r.maxX { cells[yy * width + xx].style = style } }
    }

    /// The text of row `y`, wide characters once, for tests.
    public func rowText(_ y: Int) -> String {
        guard y >= 0, y < height else { return "" }
        var s = ""
        for xx in 0..<width { s += cells[y * width + xx].text }
        return s
    }

    /// Every row's text.
    public var rows: [String] { (0..<height).map { rowText($0) } }

    /// The cells that differ from `previous` (everything if sizes differ), as (x, y) positions.
    public func changes(since previous: CellGrid) -> [(x: Int, y: Int)] {
        var out: [(x: Int, y: Int)] = []
        let sameSize = previous.width == width && previous.height == height
        for yy in 0..<height {
            let base = yy * width
            for xx in 0..<width where !sameSize || cells[base + xx] != previous.cells[base + xx] {
                out.append((xx, yy))
            }
        }
        return out
    }

    // MARK: - Private

    private func inside(_ x: Int, _ y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

    /// Stores a cell, blanking the other half of any wide character it breaks.
    private mutating func write(_ cell: Cell, _ x: Int, _ y: Int) {
        guard inside(x, y) else { return }
        let i = y * width + x
        let old = cells[i]
        if old.width == 0, x > 0, cells[i - 1].width == 2, cell.width != 0 {
            cells[i - 1] = Cell(text: " ", width: 1, style: cells[i - 1].style)
        }
        if old.width == 2, x + 1 < width, cells[i + 1].width == 0, cell.width != 2 {
            cells[i + 1] = Cell(text: " ", width: 1, style: cells[i + 1].style)
        }
        if cell.width == 2 && x + 1 >= width {
            // No room for the right half at the grid edge: never emit half a character.
            cells[i] = Cell(text: " ", width: 1, style: cell.style)
            return
        }
        cells[i] = cell
    }
}
