import Foundation
import OrgdeckCore

extension Theme {
    /// Loads the theme `name` (or a path to a `.toml` file) from the first search path that has
    /// `name.toml`, else from the copy compiled into the binary, resolving `inherits` the same
    /// way: a file in the user's folder overrides a shipped theme of the same name.
    /// `paths: false` (an SSH session, where the files are the server's) takes names only, for
    /// the theme and every theme it inherits from.
    public static func load(named name: String, searchPaths: [String], paths: Bool = true) throws -> Theme {
        try load(named: name, searchPaths: searchPaths, paths: paths, chain: [])
    }

    /// A theme file is a few kilobytes: anything far larger is not one, and is not read whole.
    static let maxFileSize = 1 << 20

    /// The file that `name` refers to, if any.
    public static func file(named name: String, searchPaths: [String], paths: Bool = true) -> String? {
        if name.contains("/") || name.hasSuffix(".toml") {
            return paths && FileManager.default.fileExists(atPath: name) ? name : nil
        }
        guard isValidName(name) else { return nil }
        for dir in searchPaths {
            let path = (dir as NSString).appendingPathComponent(name + ".toml")
            if FileManager.default.fileExists(atPath: path) { return path }
        }
        return nil
    }

    /// Theme names are file names: letters, digits, `-`, `_` and `.`; no paths.
    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && !name.hasPrefix(".") && name.allSatisfy { $0.isLetter || $0.isNumber || "-_.".contains($0) }
    }

    private static func load(named name: String, searchPaths: [String], paths: Bool, chain: [String]) throws -> Theme {
        if !paths, name.contains("/") || name.hasSuffix(".toml") {
            // Over SSH a path would be the server's file: refused without looking at it.
            throw ThemeError(file: name, line: nil, key: nil, reason: "over SSH, a theme is chosen by name (built in: "
                             + builtinNames.joined(separator: ", ") + ")")
        }
        let key = themeName(fromFile: name)
        if chain.contains(key) {
            throw ThemeError(file: name, line: nil, key: "inherits", reason: "themes inherit in a cycle: " + (chain + [key]).joined(separator: " → "))
        }
        let path: String
        let text: String
        if let found = file(named: name, searchPaths: searchPaths, paths: paths) {
            path = found
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            guard size <= maxFileSize else {
                throw ThemeError(file: path, line: nil, key: nil, reason: "is over \(maxFileSize >> 20) MiB: not a theme file")
            }
            do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
                throw ThemeError(file: path, line: nil, key: nil, reason: "cannot read: \(FileReason.reading(path, error))")
            }
        } else if let compiled = builtinTOML[key], !name.contains("/") {
            if key == "default" { return builtin }
            path = "\(key).toml"
            text = compiled
        } else {
            throw ThemeError(file: name, line: nil, key: nil, reason: "no theme named \"\(name)\" (built in: "
                             + builtinNames.joined(separator: ", ") + "; searched " + searchPaths.joined(separator: ", ") + ")")
        }
        return try parse(toml: text, fileName: path) { parent in
            do {
                return try load(named: parent, searchPaths: searchPaths, paths: paths, chain: chain + [key])
            } catch let e as ThemeError where e.line == nil {
                // Missing parent or a cycle: report it against this file's `inherits` line.
                throw ThemeError(file: path, line: nil, key: nil, reason: e.reason)
            }
        }
    }

    /// Resolves `inherits` from the compiled-in themes only.
    public static func builtinLoader(_ name: String) throws -> Theme {
        try load(named: name, searchPaths: [])
    }
}
