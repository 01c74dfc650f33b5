import Foundation

extension Theme {
    /// Loads the theme `name` (or a path to a `.toml` file) from the first search path that has
    /// `name.toml`, resolving `inherits` recursively. `default` falls back to the built-in copy
    /// when no file exists.
    public static func load(named name: String, searchPaths: [String]) throws -> Theme {
        try load(named: name, searchPaths: searchPaths, chain: [])
    }

    /// The file that `name` refers to, if any.
    public static func file(named name: String, searchPaths: [String]) -> String? {
        if name.contains("/") || name.hasSuffix(".toml") {
            return FileManager.default.fileExists(atPath: name) ? name : nil
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

    private static func load(named name: String, searchPaths: [String], chain: [String]) throws -> Theme {
        let key = themeName(fromFile: name)
        if chain.contains(key) {
            throw ThemeError(file: name, line: nil, key: "inherits", reason: "themes inherit in a cycle: " + (chain + [key]).joined(separator: " → "))
        }
        guard let path = file(named: name, searchPaths: searchPaths) else {
            if key == "default" { return builtin }
            throw ThemeError(file: name, line: nil, key: nil, reason: "no theme named \"\(name)\" in " + searchPaths.joined(separator: ", "))
        }
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw ThemeError(file: path, line: nil, key: nil, reason: "cannot read: \(error.localizedDescription)")
        }
        return try parse(toml: text, fileName: path) { parent in
            do {
                return try load(named: parent, searchPaths: searchPaths, chain: chain + [key])
            } catch let e as ThemeError where e.line == nil {
                // Missing parent or a cycle: report it against this file's `inherits` line.
                throw ThemeError(file: path, line: nil, key: nil, reason: e.reason)
            }
        }
    }

    /// Resolves `inherits` without files: only `default` (the built-in theme) exists.
    public static func builtinLoader(_ name: String) throws -> Theme {
        guard name == "default" else {
            throw ThemeError(file: "", line: nil, key: nil, reason: "no built-in theme named \"\(name)\"")
        }
        return builtin
    }
}
