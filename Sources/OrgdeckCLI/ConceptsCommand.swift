import ArgumentParser
import Foundation
import OrgdeckCore

/// `orgdeck concepts …`: the concepts an app's inputs are labelled with.
struct ConceptsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "concepts",
        abstract: "List, create, rename and delete an app's concepts.",
        subcommands: [List.self, Create.self, Rename.self, Delete.self])

    static func json(_ concept: Concept) -> JSONValue {
        .object([("id", .string(concept.id)), ("name", .string(concept.name)),
                 ("inputs", .int(Int64(concept.inputCount))), ("created_at", .date(concept.createdAt))])
    }
}

extension ConceptsCommand {
    struct List: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "list",
            abstract: "List an app's concepts with their input counts.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The app's ID.") var app: String

        func run() throws {
            let (service, session) = try global.authenticated(.contentRead)
            let concepts = try service.concepts(session, in: global.context, appID: app)
            Output.emit(json: global.json, .array(concepts.map(ConceptsCommand.json))) {
                guard !concepts.isEmpty else { return "no concepts\n" }
                return Format.table(["ID", "NAME", "INPUTS"], concepts.map { [$0.id, $0.name, String($0.inputCount)] })
            }
        }
    }

    struct Create: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "Add a concept to an app.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The app's ID.") var app: String
        @Argument(help: "The concept's ID.") var id: String
        @Option(name: .long, help: "Display name (default: the ID).") var name: String = ""

        func run() throws {
            let (service, session) = try global.authenticated(.contentWrite)
            let concept = try service.createConcept(session, in: global.context, appID: app, id: id, name: name)
            Output.emit(json: global.json, ConceptsCommand.json(concept)) {
                "created concept \(Format.sanitize(concept.id)) in app \(Format.sanitize(app))\n"
            }
        }
    }

    struct Rename: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "rename",
            abstract: "Give a concept a new name (its ID stays).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The app's ID.") var app: String
        @Argument(help: "The concept's ID.") var id: String
        @Argument(help: "The new name.") var name: String

        func run() throws {
            let (service, session) = try global.authenticated(.contentWrite)
            let concept = try service.renameConcept(session, in: global.context, appID: app, id: id, name: name)
            Output.emit(json: global.json, ConceptsCommand.json(concept)) {
                "concept \(Format.sanitize(concept.id)) is now named \(Format.sanitize(concept.name))\n"
            }
        }
    }

    /// The inputs stay; only the concept and its labels go.
    struct Delete: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "delete",
            abstract: "Delete a concept (its inputs stay, without it).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The app's ID.") var app: String
        @Argument(help: "The concept's ID.") var id: String
        @Flag(name: .long, help: "Confirm the deletion (required).") var yes = false

        func validate() throws {
            try Arguments.requireYes(yes, "deleting concept '\(Format.sanitize(id))' removes it from every input")
        }

        func run() throws {
            let (service, session) = try global.authenticated(.contentWrite)
            let carried = try service.deleteConcept(session, in: global.context, appID: app, id: id)
            Output.emit(json: global.json, .object([("deleted", .string(id)), ("inputs", .int(Int64(carried)))])) {
                "deleted concept \(Format.sanitize(id)), removed from \(carried) input\(carried == 1 ? "" : "s")\n"
            }
        }
    }
}
