import Foundation
import OrgdeckCore

/// Shell-like completion of a file or folder path typed in a form: `~` is the home folder,
/// folders complete with a trailing `/`, hidden names only when the typed part starts with a dot.
enum PathCompletion {
    struct Result: Equatable {
        /// The completed path as it should be typed.
        var text: String
        /// The names that matched (folders with `/`), sorted.
        var candidates: [String]
    }

    /// The text before the last path (kept as it is) and the last path itself. Paths are
    /// separated by unescaped spaces.
    static func split(_ text: String) -> (head: String, last: String) {
        var index = text.endIndex
        while index > text.startIndex {
            let before = text.index(before: index)
            if text[before] == " ", before == text.startIndex || text[text.index(before: before)] != "\\" { break }
            index = before
        }
        return (String(text[..<index]), String(text[index...]))
    }

    /// What Tab makes of `typed`, or nil when no name matches.
    static func complete(_ typed: String, home: String = PathCompletion.home) -> Result? {
        let path = typed.replacingOccurrences(of: "\\ ", with: " ")
        let expanded = expand(path, home: home)
        let folderPart: String, namePart: String
        if let slash = expanded.lastIndex(of: "/") {
            folderPart = String(expanded[...slash]); namePart = String(expanded[expanded.index(after: slash)...])
        } else {
            folderPart = ""; namePart = expanded
        }
        let folder = folderPart.isEmpty ? FileManager.default.currentDirectoryPath : folderPart
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return nil }
        let matches = names.filter { $0.hasPrefix(namePart) && (namePart.hasPrefix(".") || !$0.hasPrefix(".")) }.sorted()
        guard !matches.isEmpty else { return nil }
        func isFolder(_ name: String) -> Bool {
            var flag: ObjCBool = false
            return FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent(name), isDirectory: &flag)
                && flag.boolValue
        }
        let candidates = matches.map { isFolder($0) ? $0 + "/" : $0 }
        let shared = candidates.count == 1 ? candidates[0] : commonPrefix(matches)
        // Keep what the user typed before the name (`~/`, a relative folder), escaping spaces.
        let typedFolder = String(typed[..<(typed.lastIndex(of: "/").map { typed.index(after: $0) } ?? typed.startIndex)])
        return Result(text: typedFolder + shared.replacingOccurrences(of: " ", with: "\\ "), candidates: candidates)
    }

    /// Whether `path` (expanded) names a file that is not a folder.
    static func isFile(_ path: String) -> Bool {
        var folder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &folder) && !folder.boolValue
    }

    static func commonPrefix(_ names: [String]) -> String {
        guard var prefix = names.first else { return "" }
        for name in names.dropFirst() {
            while !name.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }

    /// The paths of a field's text: split on unescaped spaces, `\ ` read as a space, `~` expanded.
    static func paths(_ text: String, home: String = PathCompletion.home) -> [String] {
        var paths: [String] = [], current = "", escaped = false
        for character in text {
            if escaped { current.append(character); escaped = false; continue }
            switch character {
            case "\\": escaped = true
            case " ":
                if !current.isEmpty { paths.append(current); current = "" }
            default: current.append(character)
            }
        }
        if !current.isEmpty { paths.append(current) }
        return paths.map { expand($0, home: home) }
    }

    /// Where a relative path is written, for an export form's hint: the folder the console was
    /// started in, with the home folder as `~`.
    static var relativeTo: String {
        "a name alone goes in \(Paths.abbreviated(FileManager.default.currentDirectoryPath, home: home))"
    }

    /// The folder `~` stands for: `$HOME`, as a shell expands it (Foundation asks the password
    /// database, which names another folder when HOME was set for this session).
    static var home: String { home(environment: getenv("HOME").map { String(cString: $0) }) }

    /// The home folder for a `HOME` of `value` (unset or empty: the account's).
    static func home(environment value: String?) -> String {
        if let value, !value.isEmpty { return value }
        return NSHomeDirectory()
    }

    /// One path as typed for a file to write: `~` expanded, spaces kept (an export's target).
    static func expand(_ path: String, home: String = PathCompletion.home) -> String {
        path == "~" ? home : path.hasPrefix("~/") ? home + path.dropFirst() : path
    }

    /// Where an export form's `key` field says to write, as an absolute path (the flash names
    /// it, and the folder the console started in is not on screen). A file already there is
    /// replaced only when the form is sent again with the same path after saying so.
    static func exportTarget(_ form: FormState, key: String = "path") throws -> String {
        let typed = expand(form.value(key))
        guard !typed.isEmpty else { throw CoreError.invalid(key, "give a file to write") }
        let path = URL(fileURLWithPath: typed).standardizedFileURL.path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return path }
        if isFolder.boolValue { throw CoreError.invalid(key, "\(path) is a folder: name a file in it") }
        let warning = "\(path) exists: Enter again replaces it"
        guard form.error == warning else { throw CoreError.invalid(key, warning) }
        return path
    }
}
