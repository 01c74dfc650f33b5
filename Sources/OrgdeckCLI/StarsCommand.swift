import ArgumentParser
import Foundation
import OrgdeckCore

/// `orgdeck stars …`: the models the user starred, across apps and owners.
struct StarsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stars",
        abstract: "List, add and remove your starred models.",
        subcommands: [List.self, Add.self, Remove.self])
}

extension StarsCommand {
    struct List: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(abstract: "Every model you starred, newest star first.")

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let (service, session) = try global.authenticated(.contentRead)
            let stars = try service.starredModels(session)
            Output.emit(json: global.json, .array(stars.map { star in
                .object([("owner", .string(star.ownerLabel)), ("model", ModelJSON.model(star.model)),
                         ("starred_at", .date(star.starredAt))])
            })) {
                guard !stars.isEmpty else { return "no starred models\n" }
                return Format.table(["OWNER", "APP", "MODEL", "TYPE", "VISIBILITY", "LAST TRAINED"], stars.map { star in
                    [star.ownerLabel, star.model.appID, star.model.id, star.model.type.rawValue, star.model.visibility.rawValue,
                     Format.short(star.model.latestTrained?.finishedAt)]
                })
            }
        }
    }

    struct Add: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(abstract: "Star a model (with --org, also a public one of any organization).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The app's ID.") var app: String
        @Argument(help: "The model's ID.") var model: String

        func run() throws { try StarsCommand.star(global, app: app, model: model, on: true) }
    }

    struct Remove: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(abstract: "Unstar a model.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The app's ID.") var app: String
        @Argument(help: "The model's ID.") var model: String

        func run() throws { try StarsCommand.star(global, app: app, model: model, on: false) }
    }

    static func star(_ global: GlobalOptions, app: String, model: String, on: Bool) throws {
        let (service, session) = try global.authenticated(.contentWrite)
        let updated = try service.starModel(session, in: global.context, appID: app, id: model, starred: on)
        Output.emit(json: global.json, ModelJSON.model(updated)) {
            "\(on ? "starred" : "unstarred") \(Format.sanitize(app))/\(Format.sanitize(model))\n"
        }
    }
}
