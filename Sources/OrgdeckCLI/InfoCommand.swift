import ArgumentParser
import Foundation
import OrgdeckCore
import OrgdeckTUI

#if canImport(Glibc)
import Glibc
#endif

/// `orgdeck info`: every path in use and the terminal as orgdeck sees it.
struct InfoCommand: ParsableCommand, GlobalOptionsCarrying {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Print the paths orgdeck uses and the terminal it detected.")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let paths = global.paths
        let env = ProcessInfo.processInfo.environment
        let exists = { (path: String) in FileManager.default.fileExists(atPath: path) }
        let terminal = TerminalFacts(environment: env)
        let themes = ThemeCatalog(searchPaths: paths.themeDirectories).sources()
        // A theme or config file the console would refuse is said here too, not only when the
        // console opens: `info` is where a user looks when a setting seems to be ignored.
        let themeProblems = themes.map { theme -> String? in
            guard theme.source != "built in" else { return nil }
            do { _ = try Theme.load(named: theme.name, searchPaths: paths.themeDirectories); return nil } catch { return "\(error)" }
        }
        var configProblem: String?
        if exists(paths.configFile) {
            do { _ = try ConsoleConfig.load(path: paths.configFile) } catch { configProblem = "\(error)" }
        }

        let json = JSONValue.object([
            ("version", .string(OrgdeckVersion.current)),
            ("database", .string(paths.database)),
            ("database_exists", .bool(exists(paths.database))),
            ("demo_database", .string(paths.demoDatabase)),
            ("config", .string(paths.configFile)),
            ("config_exists", .bool(exists(paths.configFile))),
            ("config_problem", .optional(configProblem)),
            ("theme_dirs", .array(paths.themeDirectories.map { .string($0) })),
            ("user_themes", .string(paths.userThemes)),
            // A theme's `problem` is there only when it has one.
            ("themes", .array(zip(themes, themeProblems).map { theme, problem in
                .object([("name", .string(theme.name)), ("source", .string(theme.source))] + (problem.map { [("problem", .string($0))] } ?? []))
            })),
            ("state", .string(paths.stateDirectory)),
            ("log", .string(paths.logFile)),
            ("audit_key", .string(paths.auditKey.keyFile)),
            ("audit_key_exists", .bool(exists(paths.auditKey.keyFile))),
            ("audit_anchors", .string(paths.auditKey.anchorDirectory)),
            ("terminal", .object([
                ("term", .optional(terminal.term)),
                ("colorterm", .optional(terminal.colorTerm)),
                ("no_color", .bool(terminal.noColor)),
                ("stdout_tty", .bool(terminal.stdoutIsTTY)),
                ("stdin_tty", .bool(terminal.stdinIsTTY)),
                ("colors", .string(terminal.colorDepth)),
                ("locale", .string(terminal.locale)),
                ("utf8", .bool(terminal.isUTF8)),
                ("tmux", .bool(terminal.tmux)),
                ("ssh", .bool(terminal.ssh)),
            ])),
        ])
        Output.emit(json: global.json, json) {
            let mark = { (path: String) in exists(path) ? path : "\(path) (not created yet)" }
            let themeList = zip(themes, themeProblems).map { theme, problem in
                theme.source == "built in" ? theme.name : "\(theme.name) (\(theme.source)\(problem == nil ? "" : ", broken"))"
            }.joined(separator: ", ")
            let broken = themeProblems.compactMap { $0 }
            return Format.fields([
                ("version", OrgdeckVersion.current),
                ("database", mark(paths.database)),
                ("demo database", paths.demoDatabase),
                ("config", mark(paths.configFile) + (configProblem.map { " — broken: \($0)" } ?? "")),
                ("themes", themeList + " — built in unless a file is named"),
            ] + broken.map { ("broken theme", $0) } + [
                ("theme folders", paths.themeDirectories.joined(separator: ", ")),
                ("state", paths.stateDirectory),
                ("log", paths.logFile),
                ("audit key", mark(paths.auditKey.keyFile)),
                ("audit anchors", paths.auditKey.anchorDirectory),
                ("TERM", terminal.term ?? "(unset)"),
                ("COLORTERM", terminal.colorTerm ?? "(unset)"),
                ("NO_COLOR", terminal.noColor ? "set: attributes only" : "(unset)"),
                ("colors", terminal.colorDepth),
                ("stdout", terminal.stdoutIsTTY ? "a terminal" : "not a terminal"),
                ("locale", terminal.locale + (terminal.isUTF8 ? "" : " (not UTF-8; the console uses C.UTF-8)")),
                ("tmux", terminal.tmux ? "yes" : "no"),
                ("ssh", terminal.ssh ? "yes" : "no"),
            ])
        }
    }
}

/// The release shown by `info`.
enum OrgdeckVersion {
    static let current = "0.1.0"
}

/// What the environment says about the terminal, read without initialising curses.
struct TerminalFacts {
    let term: String?
    let colorTerm: String?
    /// `NO_COLOR` present and not empty (no-color.org).
    let noColor: Bool
    let stdoutIsTTY: Bool
    let stdinIsTTY: Bool
    /// The effective `LC_CTYPE`: `LC_ALL`, else `LC_CTYPE`, else `LANG`, else `C`.
    let locale: String
    let tmux: Bool
    let ssh: Bool

    init(environment env: [String: String]) {
        func value(_ name: String) -> String? { env[name].flatMap { $0.isEmpty ? nil : $0 } }
        term = value("TERM")
        colorTerm = value("COLORTERM")
        noColor = value("NO_COLOR") != nil
        stdoutIsTTY = isatty(STDOUT_FILENO) == 1
        stdinIsTTY = isatty(STDIN_FILENO) == 1
        locale = value("LC_ALL") ?? value("LC_CTYPE") ?? value("LANG") ?? "C"
        tmux = value("TMUX") != nil
        ssh = value("SSH_CONNECTION") != nil || value("SSH_TTY") != nil
    }

    var isUTF8: Bool {
        let lower = locale.lowercased()
        return lower.contains("utf-8") || lower.contains("utf8")
    }

    /// A guess from the environment alone; the console confirms it with terminfo.
    var colorDepth: String {
        if noColor { return "none (NO_COLOR)" }
        let colorTerm = (colorTerm ?? "").lowercased()
        if colorTerm == "truecolor" || colorTerm == "24bit" { return "truecolor" }
        let term = (term ?? "").lowercased()
        if term.isEmpty || term == "dumb" { return "none" }
        if term.contains("256color") { return "256" }
        if term.contains("16color") { return "16" }
        return "8"
    }
}
