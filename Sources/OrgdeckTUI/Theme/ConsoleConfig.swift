import Foundation
import OrgdeckCore
import OrgdeckTerminal
import TOMLKit

/// The user's `config.toml`:
///
/// ```toml
/// theme = "nord"
/// mouse = true
/// read_only = false
/// clipboard = "auto"   # "osc52", "tmux" or "none"
/// [keys]
/// new = "ctrl-n"
/// refresh = "f5"
/// ```
public struct ConsoleConfig: Equatable, Sendable {
    /// Theme name, nil for the default.
    public var theme: String?
    /// Mouse support (click, wheel); off by default so the terminal's own selection works.
    public var mouse: Bool
    /// Refuse every write.
    public var readOnly: Bool
    /// Action name → key spec (`"ctrl-n"`, `"x"`, `"f5"`), validated by `KeySpec`.
    public var keys: [String: String]
    /// How `y` copies (`ORGDECK_CLIPBOARD` overrides it).
    public var clipboard: ClipboardMode

    public init(theme: String? = nil, mouse: Bool = false, readOnly: Bool = false, keys: [String: String] = [:],
                clipboard: ClipboardMode = .auto) {
        self.theme = theme; self.mouse = mouse; self.readOnly = readOnly; self.keys = keys; self.clipboard = clipboard
    }

    /// `$XDG_CONFIG_HOME/orgdeck/config.toml` (or `~/.config/orgdeck/config.toml`).
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.config")
        return base + "/orgdeck/config.toml"
    }

    /// Reads the file at `path`; a missing file gives the defaults.
    public static func load(path: String) throws -> ConsoleConfig {
        guard FileManager.default.fileExists(atPath: path) else { return ConsoleConfig() }
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw ConfigError(file: path, line: nil, key: nil, reason: "cannot read: \(FileReason.reading(path, error))")
        }
        return try parse(toml: text, fileName: path)
    }

    /// Parses config text; errors name `fileName`, the line and the key.
    public static func parse(toml: String, fileName: String) throws -> ConsoleConfig {
        let locate = TOMLLocator(toml)
        func fail(_ path: [String], _ reason: String) -> ConfigError {
            ConfigError(file: fileName, line: locate.line(of: path), key: TOMLLocator.format(path), reason: reason)
        }
        let table: TOMLTable
        do { table = try TOMLTable(string: toml) } catch let e as TOMLParseError {
            throw ConfigError.syntax(file: fileName, line: e.source.begin.line, parser: e.description)
        }
        var config = ConsoleConfig()
        for (key, value) in table {
            switch key {
            case "theme":
                guard let s = value.string, Theme.isValidName(s) || s.hasSuffix(".toml") else {
                    throw fail([key], "expected a theme name in quotes, like \"nord\"")
                }
                config.theme = s
            case "clipboard":
                guard let s = value.string, let mode = ClipboardMode(rawValue: s) else {
                    throw fail([key], "expected one of " + ClipboardMode.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))
                }
                config.clipboard = mode
            case "mouse", "read_only":
                guard let b = value.bool else { throw fail([key], "expected true or false") }
                if key == "mouse" { config.mouse = b } else { config.readOnly = b }
            case "keys":
                guard let t = value.table else { throw fail([key], "expected a table of action = \"key\"") }
                for (action, v) in t {
                    guard let spec = v.string else { throw fail(["keys", action], "expected a key in quotes, like \"ctrl-n\"") }
                    guard KeySpec.parse(spec) != nil else {
                        throw fail(["keys", action], "unknown key \"\(spec)\" (use one character, ctrl-<letter>, f1–f12, or a name like enter, esc, pgdn)")
                    }
                    config.keys[action] = spec
                }
            default:
                throw fail([key], "unknown setting (expected theme, mouse, read_only, clipboard or keys)")
            }
        }
        return config
    }
}
