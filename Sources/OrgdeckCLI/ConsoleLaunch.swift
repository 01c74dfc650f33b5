import ArgumentParser
import Foundation
import OrgdeckCore
import OrgdeckTUI

/// What `orgdeck`, `orgdeck console` and `orgdeck demo` were asked to do, as plain values, and
/// the start of the console from them.
///
/// The common invocations are read by hand (`quick`): argument-parser reflects over the whole
/// command tree before it parses, which measured 8 ms of a 30 ms first frame here. Anything the
/// hand reading does not recognise goes to argument-parser, so help, errors and every other
/// command behave exactly as before.
struct ConsoleLaunch: Equatable {
    /// The sign-in screen on the default database, or the demo signed in as its admin.
    enum Kind: Equatable { case signIn, demo }

    var kind: Kind
    /// `--db`, if given.
    var database: String?
    /// `--theme`, if given.
    var theme: String?
    var readonly = false
    /// `--mouse` / `--no-mouse`; nil means the config file decides.
    var mouse: Bool?
    /// `orgdeck demo --reset`.
    var reset = false

    /// The launch `arguments` ask for, or nil when they need the full parser: any other word,
    /// a repeated or unknown option, a missing or dash-led value, `--help`, `--json`, `--org`.
    static func quick(_ arguments: [String]) -> ConsoleLaunch? {
        var rest = arguments[...]
        var launch = ConsoleLaunch(kind: .signIn)
        switch rest.first {
        case "demo": launch.kind = .demo; rest = rest.dropFirst()
        case "console": rest = rest.dropFirst()
        default: break
        }
        var seen: Set<String> = []
        while let word = rest.popFirst() {
            let (name, inline) = split(word)
            guard seen.insert(name == "--no-mouse" ? "--mouse" : name).inserted else { return nil }
            switch name {
            case "--db", "--theme":
                guard let value = inline ?? rest.popFirst(), !value.isEmpty, !value.hasPrefix("-") else { return nil }
                if name == "--db" { launch.database = value } else { launch.theme = value }
            case "--readonly" where inline == nil: launch.readonly = true
            case "--mouse" where inline == nil: launch.mouse = true
            case "--no-mouse" where inline == nil: launch.mouse = false
            case "--reset" where inline == nil && launch.kind == .demo: launch.reset = true
            default: return nil
            }
        }
        return launch
    }

    /// `--name=value` as its two halves; a plain word as itself with no inline value.
    private static func split(_ word: String) -> (String, String?) {
        guard word.hasPrefix("--"), let equals = word.firstIndex(of: "=") else { return (word, nil) }
        return (String(word[..<equals]), String(word[word.index(after: equals)...]))
    }

    /// Paths resolved from the process environment and `--db`.
    var paths: Paths {
        Paths(environment: ProcessInfo.processInfo.environment, databaseOverride: database,
              currentDirectory: FileManager.default.currentDirectoryPath)
    }

    /// `--readonly`, or `read_only = true` in the config file (as `preparation` read it). The
    /// service itself must be opened read-only so the core refuses writes; the console only shows
    /// the lock mark. A config file that cannot be read counts as absent here: the console
    /// reports its error on screen.
    func isReadOnly(_ preparation: ConsolePreparation) -> Bool {
        readonly || preparation.config().readOnly
    }

    /// Opens the database and runs the console until the user quits.
    func run() throws {
        if Remote.isActive && database != nil { throw CLIError.usage("over SSH, the server's database is the one: --db is not taken") }
        let paths = self.paths
        let envTheme = ProcessInfo.processInfo.environment["ORGDECK_THEME"].flatMap { $0.isEmpty ? nil : $0 }
        // Read while the database opens, on another thread.
        let preparation = ConsolePreparation.start(configPath: paths.configFile, theme: theme ?? envTheme,
                                                   themeDirectories: paths.themeDirectories, stateDirectory: paths.stateDirectory)
        let readOnly = isReadOnly(preparation)
            || (Remote.isActive && ProcessInfo.processInfo.environment[Remote.readOnlyVariable] == "1")
        let service: OrgService
        var session: Session?
        switch kind {
        case .signIn where Remote.isActive:
            // The server's database exists; a session never makes one.
            var options = OrgService.Options(readOnly: readOnly, createIfMissing: false, busyTimeout: Self.consoleBusyTimeout,
                                             auditKey: paths.auditKey)
            options.startupReadsOnWriter = true
            service = try OrgService.open(path: paths.database, options: options)
            session = try service.redeemSSHTicket(try Remote.ticket(), purpose: .console)
        case .signIn:
            service = try Self.open(paths.database, paths: paths, readOnly: readOnly)
        case .demo:
            guard !Remote.isActive else { throw CLIError.usage("over SSH, the server's database is the one: no demo") }
            (service, session) = try openDemo(paths: paths, readOnly: readOnly)
        }
        let options = ConsoleOptions(theme: theme ?? envTheme, readOnly: readOnly, mouse: mouse, session: session,
                                     configPath: paths.configFile, themeDirectories: paths.themeDirectories,
                                     stateDirectory: paths.stateDirectory)
        var console = options
        console.remote = Remote.isActive
        console.preparation = preparation
        let status = Console.run(service: service, options: console)
        if status != 0 { throw ExitCode(status) }
    }

    /// The demo database, built on first use, and a console session for its admin. Only a
    /// database the demo created is opened without a password.
    private func openDemo(paths: Paths, readOnly: Bool) throws -> (OrgService, Session) {
        let path = paths.demoDatabase
        let kind = try OrgService.databaseKind(at: path)
        if reset {
            try DemoCommand.refuseReset(path: path, kind: kind, explicit: paths.databaseIsExplicit)
            try DemoCommand.deleteDatabase(at: path)
        } else if kind == .other {
            throw CLIError.usage(DemoCommand.notADemo(path: path, explicit: paths.databaseIsExplicit))
        }
        // A read-only console cannot build the demo: a writable service does, once, first.
        if readOnly && (reset || kind != .demo) {
            _ = try OrgService.open(path: path, options: .init(auditKey: paths.auditKey)).seedDemo()
        }
        let service = try Self.open(path, paths: paths, readOnly: readOnly)
        let admin: String
        do {
            // Reads the demo mark (seeding only a new file), so the file checked above is the one opened.
            admin = try service.seedDemo()
        } catch let error as CoreError where error == OrgService.notADemo {
            throw CLIError.usage(DemoCommand.notADemo(path: path, explicit: paths.databaseIsExplicit))
        }
        // The demo opens signed in without a password, as a console session.
        return (service, Session(user: try service.user(username: admin), source: .tui))
    }

    /// A console write waits at most this long for another process's write: the keyboard must
    /// not freeze for the scripts' five seconds; a refused write keeps the form and says why.
    static let consoleBusyTimeout: TimeInterval = 1

    /// Opens a database for the console; what opening changed is said before the screen takes over.
    static func open(_ path: String, paths: Paths, readOnly: Bool) throws -> OrgService {
        var options = OrgService.Options(readOnly: readOnly, busyTimeout: consoleBusyTimeout, auditKey: paths.auditKey)
        // The console reads on one connection until its first frame is painted (ConsoleRuntime).
        options.startupReadsOnWriter = true
        let service = try OrgService.open(path: path, options: options)
        for notice in service.notices { Output.error("orgdeck: \(Format.sanitize(notice))\n") }
        return service
    }
}
