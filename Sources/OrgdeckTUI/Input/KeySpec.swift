import OrgdeckTerminal

/// Key names as written in `config.toml` and shown in hints: `j`, `G`, `enter`, `ctrl-n`, `f5`.
public enum KeySpec {
    /// The canonical name of a key event, or nil for events that cannot be bound (paste, mouse, resize).
    public static func name(of event: KeyEvent) -> String? {
        switch event {
        case .char(" "): return "space"
        case .char(let c): return String(c)
        case .ctrl(let c): return "ctrl-\(c)"
        case .up: return "up"
        case .down: return "down"
        case .left: return "left"
        case .right: return "right"
        case .home: return "home"
        case .end: return "end"
        case .pageUp: return "pgup"
        case .pageDown: return "pgdn"
        case .enter: return "enter"
        case .escape: return "esc"
        case .tab: return "tab"
        case .backTab: return "shift-tab"
        case .backspace: return "backspace"
        case .delete: return "delete"
        case .function(let n): return "f\(n)"
        case .paste, .mouse, .resize: return nil
        }
    }

    /// Parses a key name; nil when it names no key.
    public static func parse(_ spec: String) -> KeyEvent? {
        let named: [String: KeyEvent] = [
            "up": .up, "down": .down, "left": .left, "right": .right, "home": .home, "end": .end,
            "pgup": .pageUp, "pageup": .pageUp, "pgdn": .pageDown, "pagedown": .pageDown,
            "enter": .enter, "return": .enter, "esc": .escape, "escape": .escape, "tab": .tab,
            "shift-tab": .backTab, "backtab": .backTab, "backspace": .backspace, "delete": .delete, "del": .delete,
            "space": .char(" "),
        ]
        if let event = named[spec.lowercased()] { return event }
        if spec.count == 1, let c = spec.first { return .char(c) }
        let lower = spec.lowercased()
        if lower.hasPrefix("ctrl-"), lower.count == 6, let c = lower.last, c.isLetter { return .ctrl(c) }
        if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...24).contains(n) { return .function(n) }
        return nil
    }

    /// A short form for footer hints and help: `↑`, `Enter`, `^N`.
    public static func display(_ spec: String) -> String {
        switch spec {
        case "up": return "↑"
        case "down": return "↓"
        case "left": return "←"
        case "right": return "→"
        case "enter": return "Enter"
        case "esc": return "Esc"
        case "tab": return "Tab"
        case "shift-tab": return "S-Tab"
        case "pgup": return "PgUp"
        case "pgdn": return "PgDn"
        case "home": return "Home"
        case "end": return "End"
        case "space": return "Space"
        default:
            if spec.hasPrefix("ctrl-") { return "^" + spec.dropFirst(5).uppercased() }
            return spec
        }
    }
}
