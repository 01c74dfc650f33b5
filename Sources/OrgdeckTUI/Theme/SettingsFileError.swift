import Foundation
import OrgdeckCore

/// A problem in a theme or config file, located so the user can fix it:
/// `themes/nord.toml:12: ui."table.cursor".fg: unknown colour "blu"`.
public struct SettingsFileError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The file as given (path or name).
    public let file: String
    /// 1-based line, when it could be found.
    public let line: Int?
    /// The dotted key path (`ui."table.cursor".fg`), when the problem is a value.
    public let key: String?
    /// What is wrong.
    public let reason: String

    public init(file: String, line: Int?, key: String?, reason: String) {
        self.file = file; self.line = line; self.key = key; self.reason = reason
    }

    public var description: String {
        // A file under the home folder is named from `~`: the message is one flash line, and the
        // home folder's path is the part of it the user knows already.
        var s = Paths.abbreviated(file, home: ProcessInfo.processInfo.environment["HOME"] ?? "")
        if let line { s += ":\(line)" }
        s += ": "
        if let key { s += key + ": " }
        return s + reason
    }
}

extension SettingsFileError {
    /// A syntax error, in one plain line: the TOML parser's text comes over several lines with
    /// a bare "Error" first ("Error\nwhile parsing string: unescaped control characters…"),
    /// which reads as noise in a one-line message.
    static func syntax(file: String, line: Int?, parser: String) -> SettingsFileError {
        let words = parser.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && $0 != "Error" }.joined(separator: " ")
        var reason = "syntax error: " + words
        for lead in ["Error while parsing ", "while parsing "] where words.hasPrefix(lead) {
            let rest = words.dropFirst(lead.count)
            if let colon = rest.firstIndex(of: ":") {
                reason = "syntax error in \(rest[..<colon]):" + rest[rest.index(after: colon)...]
            }
        }
        return SettingsFileError(file: file, line: line, key: nil, reason: reason)
    }
}

/// Errors of theme files.
public typealias ThemeError = SettingsFileError
/// Errors of `config.toml`.
public typealias ConfigError = SettingsFileError
