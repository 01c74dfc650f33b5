/// How many colours the terminal can show.
public enum ColorDepth: Int, Comparable, Sendable {
    case none = 0, eight, sixteen, indexed256, truecolor
    public static func < (a: ColorDepth, b: ColorDepth) -> Bool { a.rawValue < b.rawValue }
}

extension ColorDepth {
    /// The depth that a terminfo colour count allows (`COLORS` after `start_color`).
    /// Truecolor only for direct-colour terminfo entries (2^24 colours): curses cannot emit
    /// 24-bit colour otherwise, whatever `COLORTERM` claims.
    public static func from(colorCount: Int) -> ColorDepth {
        switch colorCount {
        case (1 << 24)...: return .truecolor
        case 256...: return .indexed256
        case 16...: return .sixteen
        case 8...: return .eight
        default: return .none
        }
    }

    /// True when `NO_COLOR` is set to a non-empty value (https://no-color.org).
    public static func noColorRequested(environment: [String: String]) -> Bool {
        !(environment["NO_COLOR"] ?? "").isEmpty
    }

    /// A best guess from the environment alone, for code that has no curses screen
    /// (`orgdeck info`). `NO_COLOR` gives `.none`; `TERM` names ending in `-direct` give
    /// truecolor, `-256color` gives 256, `dumb` none, anything else 8.
    public static func guess(environment: [String: String]) -> ColorDepth {
        if noColorRequested(environment: environment) { return .none }
        let term = environment["TERM"] ?? ""
        if term.isEmpty || term == "dumb" { return .none }
        if term.hasSuffix("-direct") { return .truecolor }
        if term.contains("256color") { return .indexed256 }
        if term.contains("16color") { return .sixteen }
        return .eight
    }

    /// A short name for diagnostics ("truecolor", "256", "16", "8", "none").
    public var name: String {
        switch self {
        case .none: return "none"
        case .eight: return "8"
        case .sixteen: return "16"
        case .indexed256: return "256"
        case .truecolor: return "truecolor"
        }
    }

    /// Parses `name` back (also "24bit", "direct", "mono"); nil when unknown.
    public init?(name: String) {
        switch name.lowercased() {
        case "none", "mono", "0": self = .none
        case "8": self = .eight
        case "16": self = .sixteen
        case "256": self = .indexed256
        case "truecolor", "24bit", "direct": self = .truecolor
        default: return nil
        }
    }
}
