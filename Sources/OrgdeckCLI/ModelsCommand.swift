import ArgumentParser
import Foundation
import OrgdeckCore

/// `orgdeck models …`: an app's models, their training and predictions.
struct ModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "Create, train, inspect and use an app's models.",
        subcommands: [List.self, Show.self, Create.self, Update.self, Train.self, Versions.self, Cancel.self,
                      DeleteVersion.self, Predict.self, Delete.self, Visibility.self])

    static func modelsTable(_ models: [AppModel]) -> String {
        guard !models.isEmpty else { return "no models\n" }
        return Format.table(["ID", "NAME", "TYPE", "VISIBILITY", "STAR", "LATEST"], models.map { model in
            [model.id, model.name, model.type.rawValue, model.visibility.rawValue, model.starred ? "★" : "",
             model.latest.map { "v\($0.number) \(Format.status($0))" } ?? "-"]
        })
    }

    /// Reads a keyword list from a file (see `KeywordList`).
    static func keywords(_ path: String?) throws -> [String: [String]]? {
        guard let path else { return nil }
        try Remote.serverFile(path, "the keywords to read")
        guard let data = path == "-" ? try FileHandle.standardInput.readToEnd() : FileManager.default.contents(atPath: path) else { throw CLIError.failure("cannot read \(path)") }
        guard let text = String(data: data, encoding: .utf8) else { throw CLIError.failure("\(path) is not UTF-8 text") }
        return try KeywordList.parse(text)
    }
}

extension ModelsCommand {
    struct List: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List an app's models.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The app's ID.") var app: String
        @Option(name: .long, help: "Only models whose ID or name contains this.") var search: String = ""

        func run() throws {
            let (service, session) = try global.authenticated(.contentRead)
            let models = try service.models(session, in: global.context, appID: app, search: search)
            Output.emit(json: global.json, .array(models.map(ModelJSON.model))) { ModelsCommand.modelsTable(models) }
        }
    }

    struct Show: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "show",
            abstract: "Show one model (also a public one of any organization).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The app's ID.") var app: String
        @Argument(help: "The model's ID.") var model: String

        func run() throws {
            let (service, session) = try global.authenticated(.contentRead)
            let found = try service.model(session, in: global.context, appID: app, id: model)
            Output.emit(json: global.json, ModelJSON.model(found)) {
                var pairs = [("id", found.id), ("name", found.name), ("type", found.type.rawValue),
                             ("visibility", found.visibility.rawValue), ("versions", String(found.versionCount)),
                             ("latest trained", found.latestTrained.map { "v\($0.number) \($0.id)" } ?? "-")]
                if found.type == .keywordTagger { pairs.append(("keywords", KeywordList.format(found.keywords))) }
                if let thresholds = found.thresholds { pairs.append(("thresholds", thresholds.summary)) }
                return Format.fields(pairs)
            }
        }
    }

    struct Create: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Create a model.",
            discussion: """
                A text-classifier learns from the app's labelled text inputs when trained. A keyword-tagger \
                needs --keywords: a file with one concept a line, 'concept: keyword, a phrase', or a JSON \
                object {"concept": ["keyword", …]}. A concept-thresholder, a workflow step, keeps the \
                concepts scored at least --threshold: 0.6 for all, or billing=0.7,shipping=0.4 (default 0.5).
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The app's ID.") var app: String
        @Argument(help: "The model's ID.") var id: String
        @Option(name: .long, help: "text-classifier, keyword-tagger or concept-thresholder.") var type: String
        @Option(name: .long, help: "Display name (default: the ID).") var name: String = ""
        @Option(name: .long, help: ArgumentHelp("The keyword tagger's keywords.", valueName: "file")) var keywords: String?
        @Option(name: .long, help: ArgumentHelp("The thresholder's thresholds: 0.6, or billing=0.7,0.5.", valueName: "t"))
        var threshold: String?

        func validate() throws {
            guard ModelType(rawValue: type) != nil else {
                throw ValidationError("--type must be one of: " + ModelType.allCases.map(\.rawValue).joined(separator: ", "))
            }
        }

        func run() throws {
            let (service, session) = try global.authenticated(.contentWrite)
            let created = try service.createModel(session, in: global.context, appID: app, id: id, name: name,
                                                  type: ModelType(rawValue: type) ?? .textClassifier,
                                                  keywords: try ModelsCommand.keywords(keywords) ?? [:],
                                                  thresholds: try threshold.map(ConceptThresholds.parse))
            Output.emit(json: global.json, ModelJSON.model(created)) {
                "created \(created.type.rawValue) \(Format.sanitize(created.id)) in app \(Format.sanitize(app))\n"
            }
        }
    }

    struct Update: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "update",
            abstract: "Rename a model, or replace a tagger's keywords or a thresholder's thresholds.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The app's ID.") var app: String
        @Argument(help: "The model's ID.") var model: String
        @Option(name: .long, help: "The new name.") var name: String?
        @Option(name: .long, help: ArgumentHelp("New keywords (keyword tagger).", valueName: "file")) var keywords: String?
        @Option(name: .long, help: ArgumentHelp("New thresholds (concept thresholder).", valueName: "t")) var threshold: String?

        func validate() throws {
            guard name != nil || keywords != nil || threshold != nil else { throw ValidationError("give --name, --keywords or --threshold") }
        }

        func run() throws {
            let (service, session) = try global.authenticated(.contentWrite)
            let current = try service.model(session, in: global.context, appID: app, id: model)
            let updated = try service.updateModel(session, in: global.context, appID: app, id: model, name: name ?? current.name,
                                                  keywords: try ModelsCommand.keywords(keywords),
                                                  thresholds: try threshold.map(ConceptThresholds.parse))
            Output.emit(json: global.json, ModelJSON.model(updated)) { "updated model \(Format.sanitize(updated.id))\n" }
        }
    }

    struct Delete: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a model with its versions.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The app's ID.") var app: String
        @Argument(help: "The model's ID.") var model: String
        @Flag(name: .long, help: "Confirm the deletion (required).") var yes = false

        func validate() throws {
            try Arguments.requireYes(yes, "deleting model '\(Format.sanitize(model))' deletes every version of it")
        }

        func run() throws {
            let (service, session) = try global.authenticated(.contentWrite)
            try service.deleteModel(session, in: global.context, appID: app, id: model)
            Output.emit(json: global.json, .object([("deleted", .string(model))])) { "deleted model \(Format.sanitize(model))\n" }
        }
    }

    struct Visibility: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(
            commandName: "visibility",
            abstract: "Make a model public (any signed-in user may see, star and use it) or private.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The app's ID.") var app: String
        @Argument(help: "The model's ID.") var model: String
        @Argument(help: "public or private.") var visibility: String

        func validate() throws {
            guard ModelVisibility(rawValue: visibility) != nil else { throw ValidationError("visibility must be public or private") }
        }

        func run() throws {
            let (service, session) = try global.authenticated(.contentWrite)
            let updated = try service.setModelVisibility(session, in: global.context, appID: app, id: model,
                                                         ModelVisibility(rawValue: visibility) ?? .private)
            Output.emit(json: global.json, ModelJSON.model(updated)) {
                "model \(Format.sanitize(updated.id)) is now \(updated.visibility.rawValue)\n"
            }
        }
    }
}
