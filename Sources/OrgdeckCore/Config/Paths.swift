import Foundation

/// Every file and folder orgdeck uses (PRODUCT.md §2), resolved once at start-up.
///
/// Built from an environment dictionary rather than the process environment so that
/// tests and the `info` command see exactly the same resolution rules.
public struct Paths: Equatable, Sendable {
    /// The database the console and the scripting interface open.
    public var database: String
    /// The database `orgdeck demo` fills: `database` when given explicitly, else `demo.sqlite`
    /// beside the default database so a demo never touches real data.
    public var demoDatabase: String
    /// Whether the database came from `--db` or `ORGDECK_DB` rather than the XDG default.
    public var databaseIsExplicit: Bool
    /// `config.toml` (may not exist).
    public var configFile: String
    /// The user's own theme folder; searched first, so a user can override a shipped theme.
    public var userThemes: String
    /// System theme folders: `orgdeck/themes` under each of `$XDG_DATA_DIRS` (default
    /// `/usr/local/share:/usr/share`). The shipped themes are also compiled into the binary.
    public var systemThemes: [String]
    /// Folder for small state files (remembered theme per context).
    public var stateDirectory: String
    /// The log file; nothing is logged to the terminal while the console is open.
    public var logFile: String
    /// The audit log's seal key and anchors, outside any database file: `ORGDECK_AUDIT_KEY`,
    /// else `$XDG_DATA_HOME/orgdeck/audit.key`, with the anchors in `audit-anchors/` beside it.
    public var auditKey: AuditKeyLocation
    /// `orgdeck serve`'s Ed25519 host key: `$XDG_DATA_HOME/orgdeck/ssh_host_ed25519_key`.
    public var hostKey: String

    /// Theme folders in search order; what none holds comes from the binary.
    public var themeDirectories: [String] { [userThemes] + systemThemes }

    /// Resolves every path.
    /// - Parameters:
    ///   - environment: usually `ProcessInfo.processInfo.environment`.
    ///   - databaseOverride: the `--db` option, which wins over `ORGDECK_DB`.
    ///   - currentDirectory: resolves relative paths.
    public init(environment: [String: String], databaseOverride: String? = nil, currentDirectory: String) {
        let home = Paths.nonEmpty(environment["HOME"]) ?? NSHomeDirectory()
        func absolute(_ path: String) -> String {
            var path = path
            if path == "~" { path = home } else if path.hasPrefix("~/") { path = home + path.dropFirst(1) }
            if !path.hasPrefix("/") { path = currentDirectory + "/" + path }
            return URL(fileURLWithPath: path).standardizedFileURL.path
        }
        // The XDG spec says relative values are invalid and must be ignored.
        func xdg(_ name: String, _ fallback: String) -> String {
            if let value = Paths.nonEmpty(environment[name]), value.hasPrefix("/") { return value }
            return home + "/" + fallback
        }
        let dataDir = xdg("XDG_DATA_HOME", ".local/share") + "/orgdeck"
        let configDir = xdg("XDG_CONFIG_HOME", ".config") + "/orgdeck"
        let stateDir = xdg("XDG_STATE_HOME", ".local/state") + "/orgdeck"

        if let explicit = Paths.nonEmpty(databaseOverride) ?? Paths.nonEmpty(environment["ORGDECK_DB"]) {
            database = absolute(explicit)
            demoDatabase = database
            databaseIsExplicit = true
        } else {
            database = dataDir + "/orgdeck.sqlite"
            demoDatabase = dataDir + "/demo.sqlite"
            databaseIsExplicit = false
        }
        configFile = configDir + "/config.toml"
        userThemes = configDir + "/themes"
        stateDirectory = stateDir
        logFile = stateDir + "/orgdeck.log"
        let keyFile = Paths.nonEmpty(environment["ORGDECK_AUDIT_KEY"]).map(absolute) ?? dataDir + "/audit.key"
        auditKey = AuditKeyLocation(keyFile: keyFile,
                                    anchorDirectory: (keyFile as NSString).deletingLastPathComponent + "/audit-anchors",
                                    adoptNewKey: environment["ORGDECK_AUDIT_NEW_KEY"] == "1")

        hostKey = dataDir + "/ssh_host_ed25519_key"

        let dataDirs = (Paths.nonEmpty(environment["XDG_DATA_DIRS"]) ?? "/usr/local/share:/usr/share")
            .split(separator: ":").map(String.init).filter { $0.hasPrefix("/") }
        systemThemes = dataDirs.map { $0 + "/orgdeck/themes" }
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }

    /// `path` with the folder `home` written `~`, as a user types it and a message can spare the
    /// columns; as given when it is not under `home` (or `home` is empty or `/`).
    public static func abbreviated(_ path: String, home: String) -> String {
        let home = home.hasSuffix("/") ? String(home.dropLast()) : home
        guard !home.isEmpty else { return path }
        if path == home { return "~" }
        return path.hasPrefix(home + "/") ? "~" + path.dropFirst(home.count) : path
    }

    static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }
}
