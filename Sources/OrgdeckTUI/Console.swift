import Foundation
import OrgdeckCore
import OrgdeckTerminal
import OrgdeckViewModels

/// How the console is started.
public struct ConsoleOptions: Sendable {
    /// Theme name from `--theme` or `ORGDECK_THEME` (overrides the config file).
    public var theme: String?
    /// Refuse every write (`--readonly`; the launcher also honours the config file's `read_only`).
    public var readOnly: Bool
    /// Mouse on/off from the command line; nil means the config file decides.
    public var mouse: Bool?
    /// Open already signed in (the demo); nil shows the sign-in screen.
    public var session: Session?
    /// Path of `config.toml` (may not exist).
    public var configPath: String
    /// Folders searched for `NAME.toml` themes, in order.
    public var themeDirectories: [String]
    /// Folder for small state files (theme remembered per context).
    public var stateDirectory: String
    /// An SSH session's console: signing out ends it; no file of the server is read or written.
    public var remote = false
    /// The config, keys and theme already being read (`ConsolePreparation.start`); nil reads them here.
    public var preparation: ConsolePreparation?

    public init(theme: String? = nil, readOnly: Bool = false, mouse: Bool? = nil, session: Session? = nil,
                configPath: String, themeDirectories: [String], stateDirectory: String) {
        self.theme = theme; self.readOnly = readOnly; self.mouse = mouse; self.session = session
        self.configPath = configPath; self.themeDirectories = themeDirectories; self.stateDirectory = stateDirectory
    }
}

/// Runs the full-screen console on the real terminal until the user quits.
public enum Console {
    /// Returns the process exit status: 0 on a normal quit, 128+signal when a signal ended it,
    /// 1 when the terminal could not be set up.
    public static func run(service: OrgService, options: ConsoleOptions) -> Int32 {
        let environment = ProcessInfo.processInfo.environment
        let prepared = options.preparation?.wait()
            ?? ConsolePreparation.prepare(configPath: options.configPath, theme: options.theme,
                                          themeDirectories: options.themeDirectories)
        var problems = prepared.problems
        let config = prepared.config, keyMap = prepared.keyMap, theme = prepared.theme

        TerminalSignals.install()
        let terminal: CursesTerminal
        do {
            terminal = try CursesTerminal(mouse: options.mouse ?? config.mouse, colorDepthOverride: nil,
                                          prepared: prepared.screen)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            return 1
        }
        var clipboard = config.clipboard
        if let name = environment["ORGDECK_CLIPBOARD"], !name.isEmpty {
            if let mode = ClipboardMode(rawValue: name) { clipboard = mode } else {
                problems.append("ORGDECK_CLIPBOARD: expected auto, osc52, tmux or none, not \"\(name)\"")
            }
        }
        let model = ConsoleViewModel(service: service, session: options.session, memory: PlaceFile(stateDirectory: options.stateDirectory),
                                     viewport: ConsoleRenderer.body(width: terminal.width, height: terminal.height),
                                     remote: options.remote, keys: keyMap.names)
        let runtime = ConsoleRuntime(model: model, backend: terminal, service: service, keyMap: keyMap, theme: theme,
                                     themeDirectories: options.themeDirectories,
                                     memory: ThemeMemory(stateDirectory: options.stateDirectory), environment: environment,
                                     clipboard: clipboard, isTerminal: true)
        runtime.themeIsFixed = options.theme != nil
        if !problems.isEmpty { model.flash(.error(problems.joined(separator: "; ") + " — using defaults")) }
        if let session = options.session { Log.shared.write(.info, "console opened for \(session.user.username)") }
        runtime.run()
        terminal.shutdown()
        if let signal = TerminalSignals.terminationSignal { return 128 + signal }
        return 0
    }
}
