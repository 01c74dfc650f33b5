import OrgdeckTerminal

extension Theme {
    /// The names of the themes compiled into the binary.
    public static var builtinNames: [String] { builtinTOML.keys.sorted() }

    /// The dark default, parsed from the compiled-in copy of `themes/default.toml`.
    public static let builtin: Theme = {
        do {
            return try parse(toml: builtinTOML["default"] ?? "", fileName: "default.toml") { name in
                throw ThemeError(file: "", line: nil, key: nil, reason: "the built-in theme cannot inherit \"\(name)\"")
            }
        } catch {
            // Only reachable if the compiled-in text is broken, which the tests rule out;
            // the console must still start, so fall back to attributes alone.
            return Theme(name: "default", summary: "", palette: [:], specs: monoSpecs)
        }
    }()

    /// Attributes that keep each element distinguishable with no colour at all (the `mono`
    /// theme, and what `NO_COLOR` adds to any theme).
    public static let monoAttributes: [UIElement: Attributes] = [
        .header: .reverse, .headerContext: [.reverse, .bold], .headerUser: .reverse,
        .tab: .reverse, .tabActive: [.bold, .underline], .badge: .bold, .lock: [.reverse, .bold],
        .footer: .reverse, .footerKey: [.reverse, .bold],
        .flashInfo: [], .flashWarn: .bold, .flashError: [.bold, .underline],
        .borderFocus: .bold, .title: .bold, .muted: .dim,
        .tableHeader: [.bold, .underline], .tableCursor: .reverse, .tableSort: .bold,
        .cardCursor: .reverse, .cardTitle: .bold, .pinned: .bold,
        .sidebarActive: .reverse, .dialogBorder: .bold, .dialogTitle: .bold,
        .input: .underline, .inputFocus: [.underline, .bold], .buttonFocus: .reverse,
        .menuCursor: .reverse, .menuSection: [.bold, .dim], .helpKey: .bold,
        .error: [.bold, .underline], .control: .reverse, .empty: .dim,
    ]

    static var monoSpecs: [UIElement: StyleSpec] {
        var specs: [UIElement: StyleSpec] = [:]
        for e in UIElement.allCases {
            let a = monoAttributes[e] ?? []
            specs[e] = StyleSpec(fg: .literal(.default), bg: .literal(.default), bold: a.contains(.bold),
                                 underline: a.contains(.underline), reverse: a.contains(.reverse), dim: a.contains(.dim))
        }
        return specs
    }
}
