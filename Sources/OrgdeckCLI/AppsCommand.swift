import ArgumentParser
import Foundation
import OrgdeckCore

/// `orgdeck apps …`: the apps of the personal account, or of the organization given by `--org`.
struct AppsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apps",
        abstract: "Manage apps (personal, or an organization's with --org).",
        subcommands: [List.self, Show.self, Create.self, Update.self, Rename.self, Delete.self,
                      Duplicate.self, Transfer.self, Pin.self, Unpin.self, Label.self, Unlabel.self])

    /// Prints one app in the form every app-returning command shares.
    static func print(_ app: App, service: OrgService, json: Bool, human: String? = nil) {
        let names = UserNames(service: service)
        Output.emit(json: json, ModelJSON.app(app, names: names)) {
            if let human { return human }
            return Format.fields([
                ("id", app.id), ("name", app.name), ("description", app.description),
                ("owner", ownerText(app.owner, names: names)), ("created by", names.username(app.createdBy)),
                ("created", Format.short(app.createdAt)), ("updated", Format.short(app.updatedAt)),
                ("version", String(app.version)), ("pinned", app.pinned ? "yes" : "no"),
                ("labels", Format.list(app.labels)),
            ])
        }
    }

    static func ownerText(_ owner: Owner, names: UserNames) -> String {
        switch owner {
        case .user(let id): return names.username(id)
        case .organization(let id): return "org " + id
        }
    }
}

extension AppsCommand {
    /// A window of the context's apps, pinned first.
    struct List: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List apps, pinned first.")

        @OptionGroup var global: GlobalOptions

        @Option(name: .long, help: "Only apps whose name or ID contains this text.")
        var filter: String = ""

        @Option(name: .long, help: "Order by 'updated' (default) or 'name'.")
        var sort: String = AppSort.updated.rawValue

        @Flag(name: .long, help: "Ascending order (default: descending).")
        var asc = false

        @Option(name: .long, help: "At most this many apps (1-1000).")
        var limit: Int = 100

        @Option(name: .long, help: "Skip this many apps.")
        var offset: Int = 0

        func validate() throws {
            guard AppSort(rawValue: sort) != nil else {
                throw ValidationError("--sort must be one of: \(AppSort.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard (1...1000).contains(limit) else { throw ValidationError("--limit must be between 1 and 1000") }
            guard offset >= 0 else { throw ValidationError("--offset must not be negative") }
        }

        func run() throws {
            let (service, session) = try global.authenticated(.appsRead)
            let query = AppQuery(filter: filter, sort: AppSort(rawValue: sort) ?? .updated, ascending: asc,
                                 offset: offset, limit: limit)
            let page = try service.apps(session, in: global.context, query: query)
            let names = UserNames(service: service)
            Output.emit(json: global.json, .array(page.items.map { ModelJSON.app($0, names: names) })) {
                if page.items.isEmpty { return page.total == 0 ? "no apps\n" : "no apps at offset \(offset)\n" }
                var text = Format.table(["ID", "NAME", "PIN", "UPDATED", "OWNER"], page.items.map {
                    [$0.id, $0.name, $0.pinned ? "*" : "", Format.short($0.updatedAt), ownerText($0.owner, names: names)]
                })
                if page.total > page.items.count {
                    text += "\(page.offset + 1)-\(page.offset + page.items.count) of \(page.total) apps\n"
                }
                return text
            }
        }
    }

    struct Show: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one app.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The app's ID.") var id: String

        func run() throws {
            let (service, session) = try global.authenticated(.appsRead)
            let app = try service.app(session, in: global.context, id: id)
            AppsCommand.print(app, service: service, json: global.json)
        }
    }

    struct Create: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "Create an app.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The new app's ID: letters and digits with single '-' or '_' between them.")
        var id: String
        @Option(name: .long, help: "Its name (default: the ID).") var name: String?
        @Option(name: .long, help: "A description.") var description: String = ""

        func run() throws {
            let (service, session) = try global.authenticated(.appsWrite)
            let app = try service.createApp(session, in: global.context, id: id, name: name ?? id,
                                            description: description)
            AppsCommand.print(app, service: service, json: global.json,
                              human: "created app \(Format.sanitize(app.id))\n")
        }
    }

    /// A blind rename: it applies to whatever version is current (another script's concurrent
    /// change is never reported as stale against a version this one never saw).
    struct Rename: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "rename", abstract: "Rename an app.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The app's ID.") var id: String
        @Argument(help: "The new name.") var name: String

        func run() throws {
            let (service, session) = try global.authenticated(.appsWrite)
            let app = try service.updateApp(session, in: global.context, id: id, changes: AppChanges(name: name),
                                            expectedVersion: nil)
            AppsCommand.print(app, service: service, json: global.json,
                              human: "renamed app \(Format.sanitize(app.id)) to \(Format.sanitize(app.name))\n")
        }
    }

    /// Changes the given fields; with `--version` (as `apps show` printed it) a change made by
    /// someone else since then is refused (exit 6) instead of overwritten.
    struct Update: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "update",
            abstract: "Change an app's name or description.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The app's ID.") var id: String
        @Option(name: .long, help: "The new name.") var name: String?
        @Option(name: .long, help: "The new description (empty clears it).") var description: String?
        @Option(name: .long, help: "Refuse unless the app is still at this version (see 'apps show').") var version: Int?

        func validate() throws {
            guard name != nil || description != nil else {
                throw ValidationError("nothing to update: give --name or --description")
            }
        }

        func run() throws {
            let (service, session) = try global.authenticated(.appsWrite)
            let app = try service.updateApp(session, in: global.context, id: id,
                                            changes: AppChanges(name: name, description: description), expectedVersion: version)
            AppsCommand.print(app, service: service, json: global.json, human: "updated app \(Format.sanitize(app.id))\n")
        }
    }

    /// Deleting takes the app's content with it, so a script must say `--yes`.
    struct Delete: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "delete",
            abstract: "Delete an app and all its content.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The app's ID.") var id: String
        @Flag(name: .long, help: "Confirm the deletion (required).") var yes = false

        func validate() throws {
            guard yes else {
                throw ValidationError("deleting app '\(Format.sanitize(id))' removes all its content: add --yes to confirm")
            }
        }

        func run() throws {
            let (service, session) = try global.authenticated(.appsWrite)
            try service.deleteApp(session, in: global.context, id: id)
            Output.emit(json: global.json, .object([("id", .string(id)), ("deleted", .bool(true))])) {
                "deleted app \(Format.sanitize(id))\n"
            }
        }
    }
}
