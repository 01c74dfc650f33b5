import ArgumentParser
import Foundation
import OrgdeckCore

/// `orgdeck signup`: creates an account without a token (the bootstrap of PRODUCT.md §9).
struct SignupCommand: ParsableCommand, GlobalOptionsCarrying {
    static let configuration = CommandConfiguration(
        commandName: "signup",
        abstract: "Create an account.")

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "Username: lowercase letters, digits, '-' and '_'.")
    var username: String

    @Option(name: .long, help: "Email address (unique).")
    var email: String

    @Option(name: .long, help: "Display name.")
    var name: String

    @Flag(name: .long, help: "Read the password from stdin: all of it, without its final line break.")
    var passwordStdin = false

    func run() throws {
        let password = try PasswordInput.read(fromStdin: passwordStdin, confirm: true)
        let service = try global.openService()
        let user = try service.signUp(username: username, displayName: name, email: email,
                                      password: password, source: .cli)
        Output.emit(json: global.json, ModelJSON.user(user)) {
            "created user \(Format.sanitize(user.username))\n"
        }
    }
}
