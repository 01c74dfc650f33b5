// Public API of OrgdeckTerminal as agreed with the screens. Implementations replace these stubs
// (split into files named after each type); the signatures are the contract.
import Foundation

/// A terminal colour before degradation to what the terminal supports.
public enum Color: Hashable, Sendable {
    /// The terminal's own default colour.
    case `default`
    /// One of the 16 ANSI colours (0–7 normal, 8–15 bright).
    case ansi(UInt8)
    /// One of the 256 xterm colours.
    case indexed(UInt8)
    case rgb(UInt8, UInt8, UInt8)
}

/// How many colours the terminal can show.
public enum ColorDepth: Int, Comparable, Sendable {
    case none = 0, eight, sixteen, indexed256, truecolor
    public static func < (a: ColorDepth, b: ColorDepth) -> Bool { a.rawValue < b.rawValue }
}

/// Text attributes.
public struct Attributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = Attributes(rawValue: 1)
    public static let underline = Attributes(rawValue: 2)
    public static let reverse = Attributes(rawValue: 4)
    public static let dim = Attributes(rawValue: 8)
}

/// Foreground, background and attributes of a cell.
public struct Style: Hashable, Sendable {
    public var fg: Color
    public var bg: Color
    public var attributes: Attributes
    public init(fg: Color = .default, bg: Color = .default, attributes: Attributes = []) {
        self.fg = fg; self.bg = bg; self.attributes = attributes
    }
    public static let plain = Style()
}

/// A rectangle of cells.
public struct Rect: Equatable, Hashable, Sendable {
    public var x: Int, y: Int, width: Int, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) { fatalError() }
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width <= 0 || height <= 0 }
    /// Shrinks by `by` on every side (never below zero size).
    public func inset(_ by: Int) -> Rect { fatalError() }
    /// The top `rows` rows, and the rest.
    public func splitTop(_ rows: Int) -> (Rect, Rect) { fatalError() }
    /// The bottom `rows` rows, and the rest above.
    public func splitBottom(_ rows: Int) -> (Rect, Rect) { fatalError() }
    /// The left `columns` columns, and the rest.
    public func splitLeft(_ columns: Int) -> (Rect, Rect) { fatalError() }
    /// A rectangle of at most width×height centred in this one.
    public func centered(width: Int, height: Int) -> Rect { fatalError() }
    /// The part of both rectangles.
    public func intersection(_ other: Rect) -> Rect { fatalError() }
}

/// One screen cell: a grapheme cluster (or "" for the right half of a wide character), its width and style.
public struct Cell: Equatable, Sendable {
    public var text: String
    public var width: UInt8
    public var style: Style
    public init(text: String = " ", width: UInt8 = 1, style: Style = .plain) { self.text = text; self.width = width; self.style = style }
}

/// The in-memory screen every widget renders into (ratatui's Buffer).
public struct CellGrid: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public init(width: Int, height: Int) { fatalError() }
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }
    public subscript(x: Int, y: Int) -> Cell { get { fatalError() } set { fatalError() } }
    /// Writes `text` at (x, y), clipped to `maxWidth` columns and to the grid. Control and escape
    /// characters are shown visibly (`␛`, `^A`…), wide characters take two cells (never split at the
    /// clip edge), combining characters join their base. Returns the columns used.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, maxWidth: Int? = nil, style: Style) -> Int { fatalError() }
    /// Fills a rectangle with spaces in `style`.
    public mutating func fill(_ rect: Rect, style: Style) { fatalError() }
    /// Draws a single-line box border (─│┌┐└┘) around `rect`, with an optional title in the top edge.
    public mutating func box(_ rect: Rect, style: Style, title: String? = nil, titleStyle: Style? = nil) { fatalError() }
    /// Changes the style of every cell in `rect`, keeping the text (for cursor highlights).
    public mutating func restyle(_ rect: Rect, style: Style) { fatalError() }
    /// The text of row `y`, wide characters once, for tests.
    public func rowText(_ y: Int) -> String { fatalError() }
    /// Every row's text.
    public var rows: [String] { (0..<height).map { rowText($0) } }
    /// The cells that differ from `previous` (everything if sizes differ), as (x, y) positions.
    public func changes(since previous: CellGrid) -> [(x: Int, y: Int)] { fatalError() }
}

/// Display width and sanitizing of text from users.
public enum TextWidth {
    /// Columns `text` takes once sanitized (wide = 2, combining = 0).
    public static func columns(_ text: String) -> Int { fatalError() }
    /// Replaces C0, C1 and DEL with visible forms so that nothing raw reaches the terminal.
    public static func sanitize(_ text: String) -> String { fatalError() }
    /// Cuts to at most `columns` columns, ending with `…` when cut.
    public static func truncate(_ text: String, to columns: Int) -> String { fatalError() }
    /// Pads with spaces (or truncates) to exactly `columns` columns.
    public static func pad(_ text: String, to columns: Int) -> String { fatalError() }
}

/// A mouse action at a cell.
public struct MouseEvent: Equatable, Sendable {
    public enum Kind: Equatable, Sendable { case press, wheelUp, wheelDown }
    public var kind: Kind
    public var x: Int
    public var y: Int
    public init(kind: Kind, x: Int, y: Int) { self.kind = kind; self.x = x; self.y = y }
}

/// A decoded input event.
public enum KeyEvent: Equatable, Sendable {
    case char(Character)
    /// Ctrl + a letter, lower-case (`ctrl("c")`).
    case ctrl(Character)
    case up, down, left, right, home, end, pageUp, pageDown
    case enter, escape, tab, backTab, backspace, delete
    case function(Int)
    /// Bracketed paste, delivered whole.
    case paste(String)
    case mouse(MouseEvent)
    case resize(width: Int, height: Int)
}

/// What the console runtime draws to and reads from. `CursesTerminal` is the real one;
/// `InMemoryTerminal` serves tests and the benchmark.
public protocol TerminalBackend: AnyObject {
    var width: Int { get }
    var height: Int { get }
    var colorDepth: ColorDepth { get }
    /// Waits up to `timeoutMilliseconds` for the next event; nil on timeout.
    func nextEvent(timeoutMilliseconds: Int) -> KeyEvent?
    /// Presents a frame, sending only what changed since the last one.
    func present(_ grid: CellGrid)
    /// Forces a full repaint on the next present (the explicit redraw key).
    func invalidate()
    /// Writes an escape sequence straight to the terminal (OSC 52 copy).
    func writeControl(_ sequence: String)
    /// Restores the terminal (idempotent).
    func shutdown()
}

/// OSC 52 clipboard sequence, wrapped in a DCS passthrough under tmux, capped in size.
public enum Clipboard {
    public static let maxBytes = 100_000
    /// nil when the text is over `maxBytes`.
    public static func osc52(_ text: String, tmux: Bool) -> String? { fatalError() }
}
