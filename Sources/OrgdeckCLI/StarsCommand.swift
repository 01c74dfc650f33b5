import ArgumentParser
import Foundation
import OrgdeckCore

/// `orgdeck stars …`: the models the user starred, across apps and owners.
struct StarsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stars",
        abstract: "List, add and remove your starred models and workflows.",
        subcommands: [List.self, Add.self, Remove.self])
}

extension StarsCommand {
    struct List: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "list",
            abstract: "Every model and workflow you starred, newest star first.")

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let (service, session) = try global.authenticated(.contentRead)
            let stars = try service.starredModels(session)
            let workflows = try service.starredWorkflows(session)
            let json: [(Date, JSONValue)] = stars.map { star in
                (star.starredAt, .object([("kind", .string("model")), ("owner", .string(star.ownerLabel)), ("model", ModelJSON.model(star.model)),
                                          ("starred_at", .date(star.starredAt))]))
            } + workflows.map { star in
                (star.starredAt, .object([("kind", .string("workflow")), ("owner", .string(star.ownerLabel)),
                                          ("workflow", WorkflowsCommand.json(star.workflow)), ("starred_at", .date(star.starredAt))]))
            }
            Output.emit(json: global.json, .array(json.sorted { $0.0 > $1.0 }.map(\.1))) {
                guard !stars.isEmpty || !workflows.isEmpty else { return "no starred models or workflows\n" }
                let rows = stars.map { star in
                    [star.ownerLabel, star.model.appID, star.model.id, star.model.type.rawValue, star.model.visibility.rawValue]
                } + workflows.map { star in
                    [star.ownerLabel, star.workflow.appID, star.workflow.id, "workflow", star.workflow.visibility.rawValue]
                }
                return Format.table(["OWNER", "APP", "STARRED", "KIND", "VISIBILITY"], rows)
            }
        }
    }

    struct Add: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Star a model, or a workflow with --workflow (with --org, also a public one of any organization).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The app's ID.") var app: String
        @Argument(help: "The model's (or workflow's) ID.") var model: String
        @Flag(name: .long, help: "The ID names a workflow.") var workflow = false

        func run() throws { try StarsCommand.star(global, app: app, model: model, workflow: workflow, on: true) }
    }

    struct Remove: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "remove",
            abstract: "Unstar a model, or a workflow with --workflow.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The app's ID.") var app: String
        @Argument(help: "The model's (or workflow's) ID.") var model: String
        @Flag(name: .long, help: "The ID names a workflow.") var workflow = false

        func run() throws { try StarsCommand.star(global, app: app, model: model, workflow: workflow, on: false) }
    }

    static func star(_ global: GlobalOptions, app: String, model: String, workflow: Bool, on: Bool) throws {
        let (service, session) = try global.authenticated(.contentWrite)
        if workflow {
            let updated = try service.starWorkflow(session, in: global.context, appID: app, id: model, starred: on)
            Output.emit(json: global.json, WorkflowsCommand.json(updated)) {
                "\(on ? "starred" : "unstarred") workflow \(Format.sanitize(app))/\(Format.sanitize(model))\n"
            }
            return
        }
        let updated = try service.starModel(session, in: global.context, appID: app, id: model, starred: on)
        Output.emit(json: global.json, ModelJSON.model(updated)) {
            "\(on ? "starred" : "unstarred") \(Format.sanitize(app))/\(Format.sanitize(model))\n"
        }
    }
}
