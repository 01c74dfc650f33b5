import ArgumentParser
import Foundation
import OrgdeckCore

/// `orgdeck password change`: signs in with the current password (no token needed, so a
/// password that must be changed can always be) and sets a new one that meets the policy.
struct PasswordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "password",
        abstract: "Change your password.",
        subcommands: [Change.self])
}

extension PasswordCommand {
    struct Change: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(
            commandName: "change",
            abstract: "Change your password (the current one, then the new one).")

        @OptionGroup var global: GlobalOptions

        @Option(name: .long, help: "Username or email.")
        var user: String

        @Flag(name: .long, help: "Read the current password, then the new one, from stdin, one a line.")
        var passwordStdin = false

        func run() throws {
            let (current, new) = try PasswordInput.readChange(fromStdin: passwordStdin)
            let (service, session) = try global.signIn(user: user, password: current)
            try service.changePassword(session, current: current, new: new)
            Output.emit(json: global.json, .object([("user", .string(session.user.username)), ("changed", .bool(true))])) {
                "changed the password of \(Format.sanitize(session.user.username))\n"
            }
        }
    }
}
