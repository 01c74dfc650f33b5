import ArgumentParser
import Foundation
import OrgdeckCore

/// `orgdeck collaborators …` (an app's, for its managers) and `orgdeck collaborations …` (apps
/// shared with you): sharing apps with users inside or outside the organization.
struct CollaboratorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collaborators",
        abstract: "Share an app with users, with scopes; change or remove them; leave an app shared with you.",
        subcommands: [List.self, Add.self, Update.self, Remove.self, Leave.self])

    static func json(_ collaborator: Collaborator) -> JSONValue {
        .object([("username", .string(collaborator.user.username)), ("display_name", .string(collaborator.user.displayName)),
                 ("scopes", .array(collaborator.scopes.sorted().map { .string($0.rawValue) })),
                 ("added_by", .optional(collaborator.addedBy)), ("added_at", .date(collaborator.addedAt))])
    }

    static func scopes(_ text: String) throws -> Set<CollaboratorScope> { try CollaboratorScope.parse(text) }
}

extension CollaboratorsCommand {
    struct List: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "list",
            abstract: "List an app's collaborators (its owner, Admins, Organization Contributors).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The app's ID.") var app: String

        func run() throws {
            let (service, session) = try global.authenticated(.appsRead)
            let collaborators = try service.collaborators(session, in: global.context, appID: app)
            Output.emit(json: global.json, .array(collaborators.map(CollaboratorsCommand.json))) {
                guard !collaborators.isEmpty else { return "no collaborators\n" }
                return Format.table(["USERNAME", "NAME", "SCOPES", "ADDED"], collaborators.map {
                    [$0.user.username, $0.user.displayName, CollaboratorScope.text($0.scopes), Format.short($0.addedAt)]
                })
            }
        }
    }

    struct Add: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Share an app with a user (by username or email; they may be outside the organization).",
            discussion: "Scopes: " + CollaboratorScope.allCases.map(\.rawValue).joined(separator: ", ") + ".")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The app's ID.") var app: String
        @Argument(help: "A username or an email.") var user: String
        @Option(name: .long, help: ArgumentHelp("What they may do, comma-separated.", valueName: "s,…")) var scopes: String

        func run() throws {
            let chosen = try CollaboratorsCommand.scopes(scopes)
            let (service, session) = try global.authenticated(.appsWrite)
            let added = try service.addCollaborator(session, in: global.context, appID: app, login: user, scopes: chosen)
            Output.emit(json: global.json, CollaboratorsCommand.json(added)) {
                "shared \(Format.sanitize(app)) with \(added.user.username): \(CollaboratorScope.text(added.scopes))\n"
            }
        }
    }

    struct Update: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "update", abstract: "Replace a collaborator's scopes.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The app's ID.") var app: String
        @Argument(help: "The collaborator's username.") var user: String
        @Option(name: .long, help: ArgumentHelp("What they may do, comma-separated.", valueName: "s,…")) var scopes: String

        func run() throws {
            let chosen = try CollaboratorsCommand.scopes(scopes)
            let (service, session) = try global.authenticated(.appsWrite)
            let updated = try service.updateCollaborator(session, in: global.context, appID: app, username: user, scopes: chosen)
            Output.emit(json: global.json, CollaboratorsCommand.json(updated)) {
                "\(updated.user.username) on \(Format.sanitize(app)): \(CollaboratorScope.text(updated.scopes))\n"
            }
        }
    }

    struct Remove: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "remove",
            abstract: "Stop sharing an app with a collaborator.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The app's ID.") var app: String
        @Argument(help: "The collaborator's username.") var user: String
        @Flag(name: .long, help: "Confirm (required).") var yes = false

        func validate() throws { try Arguments.requireYes(yes, "removing \(Format.sanitize(user)) from \(Format.sanitize(app))") }

        func run() throws {
            let (service, session) = try global.authenticated(.appsWrite)
            try service.removeCollaborator(session, in: global.context, appID: app, username: user)
            Output.emit(json: global.json, .object([("removed", .string(user)), ("app", .string(app))])) {
                "\(Format.sanitize(user)) no longer collaborates on \(Format.sanitize(app))\n"
            }
        }
    }

    struct Leave: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(
            commandName: "leave",
            abstract: "Stop collaborating on an app shared with you (--owner USER for a personal app, --org ORG for an organization's).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The app's ID.") var app: String

        func validate() throws {
            guard global.org != nil || global.owner != nil else {
                throw ValidationError("name the app's owner: --owner USER, or --org ORG")
            }
        }

        func run() throws {
            let (service, session) = try global.authenticated(.appsWrite)
            try service.leaveCollaboration(session, in: global.context, appID: app)
            Output.emit(json: global.json, .object([("left", .string(app)), ("owner", .string(global.context.description))])) {
                "you no longer collaborate on \(Format.sanitize(app))\n"
            }
        }
    }
}

/// `orgdeck collaborations list`: the apps shared with you.
struct CollaborationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collaborations", abstract: "The apps shared with you.", subcommands: [List.self], defaultSubcommand: List.self)

    struct List: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "list",
            abstract: "List the apps shared with you, with your scopes.")

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let (service, session) = try global.authenticated(.appsRead)
            let shared = try service.sharedApps(session)
            Output.emit(json: global.json, .array(shared.map { item in
                .object([("app", .string(item.app.id)), ("name", .string(item.app.name)), ("owner", .string(item.ownerLabel)),
                         ("context", .string(item.context.organizationID.map { "--org \($0)" } ?? "--owner \(item.ownerLabel.dropFirst())")),
                         ("scopes", .array(item.scopes.sorted().map { .string($0.rawValue) })), ("added_at", .date(item.addedAt))])
            })) {
                guard !shared.isEmpty else { return "no app is shared with you\n" }
                return Format.table(["OWNER", "APP", "NAME", "SCOPES"], shared.map {
                    [$0.ownerLabel, $0.app.id, $0.app.name, CollaboratorScope.text($0.scopes)]
                })
            }
        }
    }
}
