import Foundation

/// The themes a user can choose: the compiled-in ones plus `.toml` files in the search paths.
public struct ThemeCatalog: Sendable {
    /// Directories searched in order; earlier ones win when two hold the same name.
    public let searchPaths: [String]

    public init(searchPaths: [String]) { self.searchPaths = searchPaths }

    /// Every theme name available, sorted: the compiled-in ones and the files in the search paths.
    public func names() -> [String] {
        var names = Set(Theme.builtinNames)
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

    /// Where each theme comes from: the first file in the search paths, else the binary.
    public func sources() -> [(name: String, source: String)] {
        names().map { name in (name, Theme.file(named: name, searchPaths: searchPaths) ?? "built in") }
    }
}
