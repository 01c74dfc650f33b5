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

extension Style {
    /// Both colours degraded to `depth`; attributes kept (they are all that is left at `.none`).
    public func degraded(to depth: ColorDepth) -> Style {
        Style(fg: fg.degraded(to: depth), bg: bg.degraded(to: depth), attributes: attributes)
    }

    /// A copy with `extra` attributes added.
    public func adding(_ extra: Attributes) -> Style {
        Style(fg: fg, bg: bg, attributes: attributes.union(extra))
    }
}
