import ArgumentParser
import Foundation
import OrgdeckCore

extension AppsCommand {
    struct Duplicate: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "duplicate", abstract: "Copy an app under a new ID.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The app to copy.") var id: String
        @Argument(help: "The copy's ID.") var newID: String
        @Option(name: .long, help: "The copy's name (default: chosen by the core).") var name: String?
        @Flag(name: .long, help: "Also copy the inputs, concepts and models (with their latest trained version).")
        var withContent = false

        func run() throws {
            let (service, session) = try global.authenticated(.appsWrite)
            let app = try service.duplicateApp(session, in: global.context, id: id, newID: newID, newName: name,
                                               copyContent: withContent)
            AppsCommand.print(app, service: service, json: global.json,
                              human: "duplicated app \(Format.sanitize(id)) as \(Format.sanitize(app.id))\n")
        }
    }

    /// Moves one of the caller's personal apps into an organization.
    struct Transfer: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(
            commandName: "transfer",
            abstract: "Move a personal app to an organization.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The personal app's ID.") var id: String
        @Option(name: .long, help: "The organization that receives it.") var toOrg: String
        @Option(name: .long, help: "Its ID there (default: unchanged).") var newID: String?
        @Option(name: .long, help: "Its name there (default: unchanged).") var newName: String?

        func validate() throws {
            // Only personal apps move; `--org` would suggest moving between organizations.
            if global.org != nil {
                throw ValidationError("transfer moves a personal app: drop --org and name the target with --to-org")
            }
        }

        func run() throws {
            let (service, session) = try global.authenticated(.appsWrite)
            let app = try service.transferApp(session, id: id, toOrganization: toOrg, newID: newID, newName: newName)
            AppsCommand.print(app, service: service, json: global.json,
                              human: "transferred app \(Format.sanitize(id)) to \(Format.sanitize(toOrg)) as \(Format.sanitize(app.id))\n")
        }
    }

    struct Pin: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "pin", abstract: "Pin an app to the top of your list.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The app's ID.") var id: String

        func run() throws { try setPinned(global: global, id: id, pinned: true) }
    }

    struct Unpin: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "unpin", abstract: "Unpin an app.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The app's ID.") var id: String

        func run() throws { try setPinned(global: global, id: id, pinned: false) }
    }
}

/// Pins are per user, so pinning needs no write permission on the app itself.
private func setPinned(global: GlobalOptions, id: String, pinned: Bool) throws {
    let (service, session) = try global.authenticated(.appsWrite)
    try service.setPinned(session, in: global.context, id: id, pinned: pinned)
    Output.emit(json: global.json, .object([("id", .string(id)), ("pinned", .bool(pinned))])) {
        "\(pinned ? "pinned" : "unpinned") app \(Format.sanitize(id))\n"
    }
}
