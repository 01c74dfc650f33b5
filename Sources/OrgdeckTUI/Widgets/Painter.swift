import OrgdeckTerminal
import OrgdeckViewModels

/// A cell grid with the theme at hand, plus the clickable regions drawn so far (for the mouse).
/// Widgets draw through it; nothing here touches the terminal.
public struct Painter {
    public var grid: CellGrid
    public let theme: Theme
    /// The user's keys, for text that suggests one ("Press n to create one").
    public let keys: KeyMap
    /// Regions that turn a click into an event, last drawn wins.
    public var hits: [(rect: Rect, event: ConsoleEvent)] = []

    public init(grid: CellGrid, theme: Theme, keys: KeyMap = KeyMap()) {
        self.grid = grid
        self.theme = theme
        self.keys = keys
    }

    public func style(_ element: UIElement) -> Style { theme.style(element) }

    /// `phrase` with the key that sends `event` in place of `%k`, when `commands` offer the
    /// event unrefused and a key is bound to it; "" otherwise. What an empty list or a title
    /// suggests is then what works, named as the user's key map names it.
    public func suggest(_ event: ConsoleEvent, _ phrase: String, in commands: [PaneCommand]) -> String {
        commands.allows(event) ? keys.names.suggest(event, phrase) : ""
    }

    /// Writes text (sanitized by the grid) and returns the columns used.
    @discardableResult
    public mutating func text(_ text: String, x: Int, y: Int, width: Int? = nil, _ element: UIElement) -> Int {
        self.text(text, x: x, y: y, width: width, style: style(element))
    }

    /// With a width, text that does not fit ends in `…` so a cut is visible.
    @discardableResult
    public mutating func text(_ text: String, x: Int, y: Int, width: Int? = nil, style: Style) -> Int {
        guard let width else { return grid.put(text, x: x, y: y, style: style) }
        guard width > 0 else { return 0 }
        let fitted = TextWidth.columns(text) > width ? TextWidth.truncate(text, to: width) : text
        return grid.put(fitted, x: x, y: y, maxWidth: width, style: style)
    }

    public mutating func fill(_ rect: Rect, _ element: UIElement) {
        grid.fill(rect.intersection(grid.bounds), style: style(element))
    }

    public mutating func box(_ rect: Rect, _ element: UIElement, title: String? = nil, titleElement: UIElement = .title) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        grid.box(rect, style: style(element), title: title, titleStyle: style(titleElement))
    }

    public mutating func restyle(_ rect: Rect, _ element: UIElement) {
        grid.restyle(rect.intersection(grid.bounds), style: style(element))
    }

    /// Remembers that a click inside `rect` means `event`.
    public mutating func hit(_ rect: Rect, _ event: ConsoleEvent) {
        if !rect.isEmpty { hits.append((rect, event)) }
    }

    /// The event for a click at (x, y), if any.
    public func event(atX x: Int, y: Int) -> ConsoleEvent? {
        hits.last { $0.rect.contains(x: x, y: y) }?.event
    }
}
