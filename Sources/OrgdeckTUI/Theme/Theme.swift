import OrgdeckTerminal

/// A colour theme: a style for every `UIElement`.
///
/// Themes are TOML files (see `themes/README.md`); `Theme.builtin` is a copy of
/// `themes/default.toml` compiled in, so the console runs with no theme files at all.
/// A theme keeps its palette and element specs as written so a child theme (`inherits`)
/// can recolour its parent by redefining palette entries.
public struct Theme: Equatable, Sendable {
    /// The name the user selects it by (the file name without `.toml`).
    public var name: String
    /// One line about the theme, from its `description` key.
    public var summary: String
    /// Named colours of the theme (inherited ones included).
    public private(set) var palette: [String: Color]
    var specs: [UIElement: StyleSpec]
    private var styles: [UIElement: Style]

    init(name: String, summary: String, palette: [String: Color], specs: [UIElement: StyleSpec]) {
        self.name = name
        self.summary = summary
        self.palette = palette
        self.specs = specs
        styles = Theme.resolve(specs: specs, palette: palette)
    }

    /// The style of `element`.
    public func style(_ element: UIElement) -> Style {
        styles[element] ?? styles[.base] ?? .plain
    }

    /// A copy for the terminal at hand: colours degraded to `depth`; with `noColor` (or depth
    /// `.none`) attributes only, adding the mono theme's attributes so cursors and focus stay
    /// visible without colour.
    public func resolving(depth: ColorDepth, noColor: Bool) -> Theme {
        var copy = self
        let effective = noColor ? ColorDepth.none : depth
        for e in UIElement.allCases {
            var s = style(e).degraded(to: effective)
            if effective == .none { s.attributes.formUnion(Theme.monoAttributes[e] ?? []) }
            copy.styles[e] = s
        }
        return copy
    }

    /// Which element an unstyled element borrows from, and what it adds so it stays distinct.
    static func fallback(of e: UIElement) -> (UIElement, Attributes)? {
        switch e {
        case .base: return nil
        case .tabActive, .tableCursor, .cardCursor, .sidebarActive, .menuCursor, .buttonFocus: return (.base, .reverse)
        case .title, .tableHeader, .cardTitle, .dialogTitle, .helpKey, .footerKey, .headerContext: return (.base, .bold)
        case .inputFocus: return (.input, .underline)
        default:
            // Dotted names borrow from their stem when it is an element ("header.user" → "header").
            let stem = e.rawValue.split(separator: ".").dropLast().joined(separator: ".")
            if let parent = UIElement(rawValue: stem), parent != e { return (parent, []) }
            return (.base, [])
        }
    }

    /// Computes every element's style from the specs, following fallbacks for missing ones.
    static func resolve(specs: [UIElement: StyleSpec], palette: [String: Color]) -> [UIElement: Style] {
        var out: [UIElement: Style] = [:]
        func color(_ ref: ColorRef?) -> Color? {
            switch ref {
            case .none: return nil
            case .literal(let c): return c
            case .palette(let name): return palette[name] ?? .default
            }
        }
        func resolveOne(_ e: UIElement, depth: Int) -> Style {
            if let done = out[e] { return done }
            var base = Style.plain
            var inheritedExtra: Attributes = []
            if depth < 8, let (parent, extra) = fallback(of: e) {
                base = resolveOne(parent, depth: depth + 1)
                inheritedExtra = extra
            }
            guard let spec = specs[e] else {
                let s = base.adding(inheritedExtra)
                out[e] = s
                return s
            }
            var s = Style(fg: color(spec.fg) ?? base.fg, bg: color(spec.bg) ?? base.bg, attributes: base.attributes)
            for (flag, attr) in [(spec.bold, Attributes.bold), (spec.underline, .underline), (spec.reverse, .reverse), (spec.dim, .dim)] {
                if let on = flag { if on { s.attributes.insert(attr) } else { s.attributes.remove(attr) } }
            }
            out[e] = s
            return s
        }
        for e in UIElement.allCases { _ = resolveOne(e, depth: 0) }
        return out
    }
}
