import Foundation

/// The themes a user can choose: `.toml` files in the search paths plus the built-in default.
public struct ThemeCatalog: Sendable {
    /// Directories searched in order; earlier ones win when two hold the same name.
    public let searchPaths: [String]

    public init(searchPaths: [String]) { self.searchPaths = searchPaths }

    /// The usual search paths: `$XDG_CONFIG_HOME/orgdeck/themes` (user themes first, so a user
    /// can override a shipped one), then `themes/` beside the executable or in one of its parent
    /// folders (a repository checkout running `.build/debug/orgdeck`), then `./themes`.
    public static func defaultSearchPaths(environment: [String: String] = ProcessInfo.processInfo.environment,
                                          executablePath: String? = CommandLine.arguments.first) -> [String] {
        var paths: [String] = []
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"].map { $0 + "/.config" })
        if let config { paths.append(config + "/orgdeck/themes") }
        if let exe = executablePath, exe.contains("/") {
            var dir = (URL(fileURLWithPath: exe).resolvingSymlinksInPath().deletingLastPathComponent())
            for _ in 0..<5 {
                let candidate = dir.appendingPathComponent("themes").path
                if FileManager.default.fileExists(atPath: candidate + "/default.toml") { paths.append(candidate); break }
                dir = dir.deletingLastPathComponent()
            }
        }
        let cwd = FileManager.default.currentDirectoryPath + "/themes"
        if !paths.contains(cwd) { paths.append(cwd) }
        return paths
    }

    /// Every theme name available, sorted, `default` always included.
    public func names() -> [String] {
        var names: Set<String> = ["default"]
        for dir in searchPaths {
            guard let files = try? FileManager.default.contentsOfDirectory(atPath: dir) else { continue }
            for f in files where f.hasSuffix(".toml") {
                let n = String(f.dropLast(5))
                if Theme.isValidName(n) { names.insert(n) }
            }
        }
        return names.sorted()
    }

    /// Loads `name`; on any error returns the built-in default and the error, so the console
    /// can start and show what was wrong.
    public func loadOrDefault(_ name: String) -> (Theme, ThemeError?) {
        do { return (try Theme.load(named: name, searchPaths: searchPaths), nil) } catch let e as ThemeError {
            return (.builtin, e)
        } catch {
            return (.builtin, ThemeError(file: name, line: nil, key: nil, reason: "\(error)"))
        }
    }
}
