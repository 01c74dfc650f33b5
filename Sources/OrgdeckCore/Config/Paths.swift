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
    /// The user's own theme folder; searched before the shipped themes so a user can override one.
    public var userThemes: String
    /// Shipped theme folders that exist: beside (or above) the executable, then `./themes`.
    public var shippedThemes: [String]
    /// Folder for small state files (remembered theme per context).
    public var stateDirectory: String
    /// The log file; nothing is logged to the terminal while the console is open.
    public var logFile: String
    /// The audit log's seal key and anchors, outside any database file: `ORGDECK_AUDIT_KEY`,
    /// else `$XDG_DATA_HOME/orgdeck/audit.key`, with the anchors in `audit-anchors/` beside it.
    public var auditKey: AuditKeyLocation

    /// Theme folders in search order.
    public var themeDirectories: [String] { [userThemes] + shippedThemes }

    /// Resolves every path.
    /// - Parameters:
    ///   - environment: usually `ProcessInfo.processInfo.environment`.
    ///   - databaseOverride: the `--db` option, which wins over `ORGDECK_DB`.
    ///   - executablePath: the running binary, used to find the shipped `themes/` folder.
    ///   - currentDirectory: resolves relative paths and `./themes`.
    public init(environment: [String: String], databaseOverride: String? = nil,
                executablePath: String? = nil, currentDirectory: String) {
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
                                    anchorDirectory: (keyFile as NSString).deletingLastPathComponent + "/audit-anchors")

        var shipped: [String] = []
        if let executablePath {
            let resolved = URL(fileURLWithPath: absolute(executablePath)).resolvingSymlinksInPath()
            if let found = Paths.shippedThemes(near: resolved.deletingLastPathComponent()) { shipped.append(found) }
        }
        let local = absolute("themes")
        if Paths.isDirectory(local), !shipped.contains(local) { shipped.append(local) }
        shippedThemes = shipped
    }

    /// The first `themes/` folder beside the executable, in an installed `share/orgdeck/`,
    /// or in a parent folder (the repository's when run from `.build/debug/orgdeck`).
    static func shippedThemes(near folder: URL) -> String? {
        var current = folder.standardizedFileURL
        let installed = current.deletingLastPathComponent().appendingPathComponent("share/orgdeck/themes").path
        if isDirectory(current.appendingPathComponent("themes").path) {
            return current.appendingPathComponent("themes").path
        }
        if isDirectory(installed) { return URL(fileURLWithPath: installed).standardizedFileURL.path }
        while current.path != "/" {
            current = current.deletingLastPathComponent()
            let candidate = current.appendingPathComponent("themes").path
            if isDirectory(candidate) { return candidate }
        }
        return nil
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }

    static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }
}
