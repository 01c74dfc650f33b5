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

    /// The launch these flags ask for, of `kind`, on `database` (`--db`).
    func launch(_ kind: ConsoleLaunch.Kind, database: String?, reset: Bool = false) -> ConsoleLaunch {
        ConsoleLaunch(kind: kind, database: database, theme: theme, readonly: readonly, mouse: mouse, reset: reset)
    }
}

/// `orgdeck` with no subcommand: the console on the default database, at the sign-in screen.
struct ConsoleCommand: ParsableCommand, GlobalOptionsCarrying {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "Open the console at the sign-in screen (the default command).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var flags: ConsoleFlags

    func run() throws { try flags.launch(.signIn, database: global.db).run() }
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

    func run() throws { try flags.launch(.demo, database: global.db, reset: reset).run() }

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
