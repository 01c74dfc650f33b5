import Foundation
import OrgdeckTerminal
import OrgdeckCore

/// What the console prepares before its first frame that needs no database — the config file,
/// the curses screen, the key map, the theme and the remembered places — on a thread of its own
/// (on the other core, see `OtherCore`) while the database opens.
///
/// A start-up is mostly fixed costs: the runtime's first use of each generic type scans the
/// binary's ~10,000 protocol conformances, and SQLite parses the schema per connection. On two
/// cores this thread's half overlaps the database's; the drawing types are put to a first use
/// here too, so the first frame does not pay for them.
public final class ConsolePreparation: @unchecked Sendable {
    /// The settings, keys and theme, and what went wrong reading them (shown once on screen).
    public struct Prepared: Sendable {
        public var config: ConsoleConfig
        public var keyMap: KeyMap
        public var theme: Theme
        public var problems: [String]
        /// The curses screen, started on the preparation thread; nil when prepared in place.
        public var screen: CursesTerminal.PreparedScreen?
    }

    private let finished = DispatchSemaphore(value: 0)
    private let configRead = DispatchSemaphore(value: 0)
    /// Written once by the thread before it signals `finished`; read after waiting for it.
    private var prepared: Prepared?
    /// The config file and what went wrong reading it: written before `configRead` is signalled.
    private var configResult: (config: ConsoleConfig, problems: [String])?
    private let configPath: String, theme: String?, themeDirectories: [String]

    private init(configPath: String, theme: String?, themeDirectories: [String]) {
        self.configPath = configPath; self.theme = theme; self.themeDirectories = themeDirectories
    }

    /// Starts reading on a new thread; `wait()` returns the result.
    /// `stateDirectory`'s remembered places are read once too, for the types their decoding uses.
    public static func start(configPath: String, theme: String?, themeDirectories: [String],
                             stateDirectory: String) -> ConsolePreparation {
        let preparation = ConsolePreparation(configPath: configPath, theme: theme, themeDirectories: themeDirectories)
        OtherCore.run {
            let config = loadConfig(path: configPath)
            preparation.configResult = config
            preparation.configRead.signal()
            // Before anything else here: it is the one part the first frame cannot go without.
            let screen = CursesTerminal.prepare()
            preparation.prepared = prepare(config: config.config, problems: config.problems, configPath: configPath,
                                           theme: theme, themeDirectories: themeDirectories)
            preparation.prepared?.screen = screen
            _ = PlaceFile(stateDirectory: stateDirectory).load()
            warmDrawing()
            preparation.finished.signal()
        }
        return preparation
    }

    /// The config file as the thread read it, once it has (before the keys and theme): what the
    /// database's opening needs (`read_only`), without a second read of the file.
    public func config() -> ConsoleConfig {
        configRead.wait()
        configRead.signal()  // a second call returns at once
        return (configResult ?? Self.loadConfig(path: configPath)).config
    }

    /// The result, once the thread has it.
    public func wait() -> Prepared {
        finished.wait()
        finished.signal()  // a second wait returns at once
        // The thread always sets it before signalling; reading in place is only the type's fallback.
        return prepared ?? Self.prepare(configPath: configPath, theme: theme, themeDirectories: themeDirectories)
    }

    /// Reads the config file, its key overrides and the theme named by `theme` (else the config's).
    /// A problem leaves that part at its default and is reported.
    public static func prepare(configPath: String, theme: String?, themeDirectories: [String]) -> Prepared {
        let config = loadConfig(path: configPath)
        return prepare(config: config.config, problems: config.problems, configPath: configPath, theme: theme,
                       themeDirectories: themeDirectories)
    }

    /// The config file, or the defaults and why it could not be read.
    static func loadConfig(path: String) -> (config: ConsoleConfig, problems: [String]) {
        do { return (try ConsoleConfig.load(path: path), []) } catch { return (ConsoleConfig(), ["\(error)"]) }
    }

    private static func prepare(config: ConsoleConfig, problems: [String], configPath: String, theme: String?,
                                themeDirectories: [String]) -> Prepared {
        var problems = problems
        var keyMap = KeyMap()
        do { keyMap = try KeyMap(overrides: config.keys) } catch { problems.append("\(configPath): \(error)") }
        var chosen = Theme.builtin
        if let name = theme ?? config.theme {
            do { chosen = try Theme.load(named: name, searchPaths: themeDirectories) } catch { problems.append("\(error)") }
        }
        return Prepared(config: config, keyMap: keyMap, theme: chosen, problems: problems)
    }

    /// Draws into a grid nobody sees, so the types a frame uses have had their first use, and
    /// builds the permission matrix the first pane asks before its first row (each costs a
    /// scan of the conformances and would otherwise fall on the main thread).
    private static func warmDrawing() {
        _ = Permissions.reach(.seeApps, for: .admin)
        var grid = CellGrid(width: 80, height: 4)
        let style = Theme.builtin.style(.base)
        grid.fill(Rect(x: 0, y: 0, width: 80, height: 4), style: style)
        grid.box(Rect(x: 0, y: 0, width: 80, height: 4), style: style, title: "orgdeck")
        _ = grid.put("Name │ ID │ Ünïcode 名前 …", x: 1, y: 1, maxWidth: 78, style: style)
        _ = grid.changes(since: CellGrid(width: 80, height: 4))
    }
}
