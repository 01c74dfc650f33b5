import OrgdeckTerminal
import OrgdeckViewModels

/// A problem in the `[keys]` table of the config file.
public struct KeyMapError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// Binds keys to actions: the defaults of PRODUCT.md §3 with the config file's overrides on top.
public struct KeyMap: Sendable {
    /// Key name → action.
    private var bindings: [String: KeyAction] = [:]
    /// Action → key names, in the order shown in hints.
    private var keysByAction: [KeyAction: [String]] = [:]

    /// The defaults.
    public init() {
        for action in KeyAction.allCases { bind(action, to: action.defaultKeys) }
    }

    /// The defaults with `overrides` (action name → key name, or several separated by commas).
    /// An override replaces the action's default keys and takes the keys from other actions.
    public init(overrides: [String: String]) throws {
        self.init()
        var problems: [String] = []
        for (name, spec) in overrides.sorted(by: { $0.key < $1.key }) {
            guard let action = KeyAction(rawValue: name) else {
                problems.append("unknown action \"\(name)\" in [keys]"); continue
            }
            let keys = spec.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let bad = keys.filter { KeySpec.parse($0) == nil }
            guard bad.isEmpty, !keys.isEmpty else {
                problems.append("[keys] \(name): unknown key \"\(bad.first ?? spec)\""); continue
            }
            // Canonical names, so "Enter" and "enter" bind the same key.
            let canonical = keys.compactMap { KeySpec.parse($0).flatMap(KeySpec.name(of:)) }
            for old in keysByAction[action] ?? [] where bindings[old] == action { bindings[old] = nil }
            for key in canonical {
                if let previous = bindings[key] { keysByAction[previous]?.removeAll { $0 == key } }
            }
            bind(action, to: canonical)
        }
        if !problems.isEmpty { throw KeyMapError(message: problems.joined(separator: "; ")) }
    }

    private mutating func bind(_ action: KeyAction, to keys: [String]) {
        keysByAction[action] = keys
        for key in keys { bindings[key] = action }
    }

    /// The action bound to a key event, if any.
    public func action(for event: KeyEvent) -> KeyAction? {
        KeySpec.name(of: event).flatMap { bindings[$0] }
    }

    /// The keys bound to an action (canonical names).
    public func keys(for action: KeyAction) -> [String] { keysByAction[action] ?? [] }

    /// The first key of an action as shown in hints (`n`, `Enter`, `^L`).
    public func hint(_ action: KeyAction) -> String {
        keys(for: action).first.map(KeySpec.display) ?? "—"
    }

    /// The keys that send `event`, as hints show them: the key map's for actions, the fixed
    /// keys of text entry (Enter, Esc, Tab) for the rest. Nil when no key sends it.
    public func hint(for event: ConsoleEvent) -> String? {
        switch event {
        case .submit: return "Enter"
        case .cancel: return "Esc"
        case .move(.up), .move(.down): return "↑↓"
        case .text(" "): return "Space"
        // A hint for several typed keys names them itself ("0-6 a-z +"): no key map binds text.
        case .text(let keys) where keys.count > 1: return keys
        case .text: return "a-z"
        case .toggleSignUp: return "^N"
        default: break
        }
        guard let action = KeyAction.allCases.first(where: { $0.event == event }) else { return nil }
        let keys = self.keys(for: action)
        return keys.isEmpty ? nil : KeySpec.display(keys[0])
    }

    /// The names messages use for keys (`KeyNames`), as this map binds them.
    public var names: KeyNames {
        let map = self
        return KeyNames { map.hint(for: $0) }
    }

    /// Every key that sends `event`, for the help overlay (`↑ k`, `q ^C`).
    public func allHints(for event: ConsoleEvent) -> String? {
        switch event {
        case .move(.down): return keys(for: .down).map(KeySpec.display).joined(separator: " ")
        case .move(.up): return keys(for: .up).map(KeySpec.display).joined(separator: " ")
        default: break
        }
        guard let action = KeyAction.allCases.first(where: { $0.event == event }) else { return hint(for: event) }
        let keys = self.keys(for: action)
        return keys.isEmpty ? nil : keys.map(KeySpec.display).joined(separator: " ")
    }
}
