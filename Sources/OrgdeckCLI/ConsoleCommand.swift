import ArgumentParser
import Foundation
import OrgdeckCore
import OrgdeckTUI

/// Options of the full-screen console, shared by `orgdeck` and `orgdeck demo`.
struct ConsoleFlags: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Theme name (default: $ORGDECK_THEME, else the config file).",
                                            valueName: "name"))
    var theme: String?

    @Flag(name: .long, help: "Refuse every write.")
    var readonly = false

    @Flag(inversion: .prefixedNo, help: "Mouse clicks and wheel (default: the config file).")
    var mouse: Bool?

    /// `--readonly`, or `read_only = true` in the config file. The service itself must be opened
    /// read-only so the core refuses writes; the console only shows the lock mark. A config file
    /// that cannot be read counts as absent here: the console reports its error on screen.
    func readOnly(paths: Paths) -> Bool {
        readonly || ((try? ConsoleConfig.load(path: paths.configFile))?.readOnly ?? false)
    }

    /// The console's options for these flags, paths and an optional signed-in session.
    func options(paths: Paths, session: Session?) -> ConsoleOptions {
        let envTheme = ProcessInfo.processInfo.environment["ORGDECK_THEME"].flatMap { $0.isEmpty ? nil : $0 }
        return ConsoleOptions(theme: theme ?? envTheme, readOnly: readOnly(paths: paths), mouse: mouse, session: session,
                              configPath: paths.configFile, themeDirectories: paths.themeDirectories,
                              stateDirectory: paths.stateDirectory)
    }
}

/// `orgdeck` with no subcommand: the console on the default database, at the sign-in screen.
struct ConsoleCommand: ParsableCommand, GlobalOptionsCarrying {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "Open the console at the sign-in screen (the default command).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var flags: ConsoleFlags

    func run() throws {
        let paths = global.paths
        let service = try ConsoleFlags.open(paths.database, paths: paths, readOnly: flags.readOnly(paths: paths))
        let status = Console.run(service: service, options: flags.options(paths: paths, session: nil))
        if status != 0 { throw ExitCode(status) }
    }
}

extension ConsoleFlags {
    /// A console write waits at most this long for another process's write: the keyboard must
    /// not freeze for the scripts' five seconds; a refused write keeps the form and says why.
    static let consoleBusyTimeout: TimeInterval = 1

    /// Opens a database for the console; what opening changed is said before the screen takes over.
    static func open(_ path: String, paths: Paths, readOnly: Bool) throws -> OrgService {
        let service = try OrgService.open(path: path, options: .init(readOnly: readOnly, busyTimeout: consoleBusyTimeout,
                                                                     auditKey: paths.auditKey))
        for notice in service.notices { Output.error("orgdeck: \(Format.sanitize(notice))\n") }
        return service
    }
}

/// `orgdeck demo [--reset]`: a database full of realistic data, opened signed in as the demo admin.
struct DemoCommand: ParsableCommand, GlobalOptionsCarrying {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Open the console on the demo database, signed in as the demo admin.",
        discussion: """
            Only a database that orgdeck demo created is opened without a password; any other is \
            refused and left as it is. Every demo account's password is '\(DemoAccounts.password)'.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var flags: ConsoleFlags

    @Flag(name: .long, help: "Delete the demo database first and build it again.")
    var reset = false

    func run() throws {
        let paths = global.paths
        let path = paths.demoDatabase
        let kind = try OrgService.databaseKind(at: path)
        if reset {
            try DemoCommand.refuseReset(path: path, kind: kind, explicit: paths.databaseIsExplicit)
            try DemoCommand.deleteDatabase(at: path)
        } else if kind == .other {
            throw CLIError.usage(DemoCommand.notADemo(path: path, explicit: paths.databaseIsExplicit))
        }
        // Seed through a writable service even with --readonly: the demo must exist to be browsed.
        let admin = try OrgService.open(path: path, options: .init(auditKey: paths.auditKey)).seedDemo()
        let service = try ConsoleFlags.open(path, paths: paths, readOnly: flags.readOnly(paths: paths))
        guard try service.isDemo() else { throw CLIError.usage(DemoCommand.notADemo(path: path, explicit: paths.databaseIsExplicit)) }
        // The demo opens signed in without a password, as a console session.
        let session = Session(user: try service.user(username: admin), source: .tui)
        let status = Console.run(service: service, options: flags.options(paths: paths, session: session))
        if status != 0 { throw ExitCode(status) }
    }

    static func notADemo(path: String, explicit: Bool) -> String {
        let fix = explicit ? "open it with 'orgdeck --db \(path)' and sign in"
                           : "'orgdeck demo --reset' rebuilds the demo database"
        return "\(path) was not created by orgdeck demo, so it is not opened without a password: \(fix)"
    }

    /// `--db` or `ORGDECK_DB` may name a real database; `--reset` deletes only a demo one, or
    /// whatever sits at the default demo path (an old demo made before demos were marked).
    static func refuseReset(path: String, kind: DatabaseKind, explicit: Bool) throws {
        guard kind == .other, explicit else { return }
        throw CLIError.usage("\(path) is not a demo database; refusing to reset it")
    }

    /// Removes the database file with its WAL and shared-memory companions.
    static func deleteDatabase(at path: String) throws {
        for file in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) {
            do {
                try FileManager.default.removeItem(atPath: file)
            } catch {
                throw CLIError.failure("cannot delete \(file): \(error.localizedDescription)")
            }
        }
    }
}
