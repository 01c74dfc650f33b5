import Foundation
import OrgdeckCore

/// How the console is started.
public struct ConsoleOptions: Sendable {
    /// Theme name from `--theme` or `ORGDECK_THEME` (overrides the config file).
    public var theme: String?
    /// Refuse every write (`--readonly` or the config file).
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

    public init(theme: String? = nil, readOnly: Bool = false, mouse: Bool? = nil, session: Session? = nil,
                configPath: String, themeDirectories: [String], stateDirectory: String) {
        self.theme = theme; self.readOnly = readOnly; self.mouse = mouse; self.session = session
        self.configPath = configPath; self.themeDirectories = themeDirectories; self.stateDirectory = stateDirectory
    }
}

/// Runs the full-screen console on the real terminal until the user quits.
public enum Console {
    /// Returns the process exit status (0 on a normal quit).
    public static func run(service: OrgService, options: ConsoleOptions) -> Int32 {
        fatalError("unimplemented")
    }
}
