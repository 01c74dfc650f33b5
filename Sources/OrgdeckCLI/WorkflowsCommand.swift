import ArgumentParser
import Foundation
import OrgdeckCore

/// `orgdeck workflows …`: graphs of an app's models (PRODUCT.md §6). A graph file is JSON:
/// `{"nodes": [{"id", "model", "version"}], "edges": [{"from": "input" or a node, "to"}]}`.
struct WorkflowsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workflows",
        abstract: "Create, change, run and share an app's workflows.",
        subcommands: [List.self, Show.self, Create.self, Update.self, Predict.self, Duplicate.self, Delete.self, Visibility.self])

    /// Reads a graph file (`-` for standard input).
    static func graph(_ path: String) throws -> WorkflowGraph {
        try Remote.serverFile(path, "the graph to read")
        let data: Data?
        if path == "-" { data = try FileHandle.standardInput.readToEnd() } else { data = FileManager.default.contents(atPath: path) }
        guard let data else { throw CoreError.invalid("graph", "cannot read \(Format.sanitize(path))") }
        guard data.count <= 1_000_000 else { throw CoreError.invalid("graph", "\(Format.sanitize(path)) is over 1 MB: a graph is small") }
        return try WorkflowGraph.parse(data)
    }

    static func json(_ workflow: Workflow) -> JSONValue {
        .object([("id", .string(workflow.id)), ("name", .string(workflow.name)), ("app", .string(workflow.appID)),
                 ("visibility", .string(workflow.visibility.rawValue)), ("starred", .bool(workflow.starred)),
                 ("version", .int(Int64(workflow.version))), ("graph", graph(workflow.graph)),
                 ("created_by", .optional(workflow.createdBy)), ("created_at", .date(workflow.createdAt)),
                 ("updated_at", .date(workflow.updatedAt))])
    }

    /// The graph in the shape the graph file has.
    static func graph(_ graph: WorkflowGraph) -> JSONValue {
        .object([
            ("nodes", .array(graph.nodes.map { .object([("id", .string($0.id)), ("model", .string($0.model)), ("version", .optional($0.version))]) })),
            ("edges", .array(graph.edges.map { .object([("from", .string($0.from)), ("to", .string($0.to))]) })),
        ])
    }

    static func text(_ workflow: Workflow) -> String {
        var lines = Format.fields([("id", workflow.id), ("name", workflow.name), ("visibility", workflow.visibility.rawValue),
                                   ("version", String(workflow.version)), ("nodes", String(workflow.graph.nodes.count))])
        for node in workflow.graph.nodes {
            let sources = workflow.graph.sources(of: node.id).joined(separator: ", ")
            lines += "  \(Format.sanitize(node.id)): \(Format.sanitize(node.model)) @ \(Format.sanitize(node.version ?? "latest trained"))"
                + " ← \(Format.sanitize(sources))\n"
        }
        return lines
    }
}

extension WorkflowsCommand {
    struct List: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List an app's workflows.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The app's ID.") var app: String
        @Option(name: .long, help: "Only workflows whose ID or name contains this.") var search: String = ""

        func run() throws {
            let (service, session) = try global.authenticated(.contentRead)
            let workflows = try service.workflows(session, in: global.context, appID: app, search: search)
            Output.emit(json: global.json, .array(workflows.map(WorkflowsCommand.json))) {
                guard !workflows.isEmpty else { return "no workflows\n" }
                return Format.table(["ID", "NAME", "NODES", "VISIBILITY", "STAR", "UPDATED"], workflows.map {
                    [$0.id, $0.name, String($0.graph.nodes.count), $0.visibility.rawValue, $0.starred ? "★" : "", Format.short($0.updatedAt)]
                })
            }
        }
    }

    struct Show: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "show",
            abstract: "Show a workflow; --json prints its graph as the graph file has it.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The app's ID.") var app: String
        @Argument(help: "The workflow's ID.") var workflow: String

        func run() throws {
            let (service, session) = try global.authenticated(.contentRead)
            let found = try service.workflow(session, in: global.context, appID: app, id: workflow)
            Output.emit(json: global.json, WorkflowsCommand.graph(found.graph)) { WorkflowsCommand.text(found) }
        }
    }

    struct Create: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "create",
            abstract: "Create a workflow from a graph file (- reads standard input).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The app's ID.") var app: String
        @Argument(help: "The workflow's ID.") var id: String
        @Option(name: .long, help: ArgumentHelp("The graph (JSON).", valueName: "file")) var graph: String
        @Option(name: .long, help: "Display name (default: the ID).") var name: String = ""

        func run() throws {
            let parsed = try WorkflowsCommand.graph(graph)
            let (service, session) = try global.authenticated(.contentWrite)
            let created = try service.createWorkflow(session, in: global.context, appID: app, id: id, name: name, graph: parsed)
            Output.emit(json: global.json, WorkflowsCommand.json(created)) {
                "created workflow \(Format.sanitize(created.id)) with \(created.graph.nodes.count) nodes\n"
            }
        }
    }

    struct Update: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(
            commandName: "update",
            abstract: "Replace a workflow's graph or name; with --version, refused if it changed since.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The app's ID.") var app: String
        @Argument(help: "The workflow's ID.") var workflow: String
        @Option(name: .long, help: ArgumentHelp("The new graph (JSON).", valueName: "file")) var graph: String?
        @Option(name: .long, help: "The new name.") var name: String?
        @Option(name: .long, help: "The version your change is based on (from show, or list --json).") var version: Int?

        func validate() throws {
            guard graph != nil || name != nil else { throw ValidationError("give --graph, --name or both") }
        }

        func run() throws {
            let parsed = try graph.map(WorkflowsCommand.graph)
            let (service, session) = try global.authenticated(.contentWrite)
            let updated = try service.updateWorkflow(session, in: global.context, appID: app, id: workflow, name: name, graph: parsed,
                                                     expectedVersion: version)
            Output.emit(json: global.json, WorkflowsCommand.json(updated)) {
                "updated workflow \(Format.sanitize(updated.id)) (version \(updated.version))\n"
            }
        }
    }

    struct Predict: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "predict",
            abstract: "Run a text through a workflow: each node's output, then the result.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The app's ID.") var app: String
        @Argument(help: "The workflow's ID.") var workflow: String
        @Option(name: .long, help: "The text.") var text: String

        func run() throws {
            let (service, session) = try global.authenticated(.predict)
            let run = try service.predictWorkflow(session, in: global.context, appID: app, id: workflow, text: text)
            func node(_ result: WorkflowNodeResult) -> JSONValue {
                .object([("node", .string(result.nodeID)), ("model", .string(result.modelID)), ("version", .string(result.versionID)),
                         ("concepts", .array(result.concepts.map { .object([("concept", .string($0.concept)), ("score", .number($0.score))]) })),
                         ("milliseconds", .number(result.seconds * 1000))])
            }
            Output.emit(json: global.json, .object([("nodes", .array(run.nodes.map(node))), ("result", .array(run.result.map(node)))])) {
                var out = ""
                for result in run.nodes {
                    let concepts = result.concepts.map { "\($0.concept) \(Format.figure($0.score))" }.joined(separator: ", ")
                    out += "\(Format.sanitize(result.nodeID)) \(Format.sanitize(result.modelID)): \(concepts.isEmpty ? "—" : Format.sanitize(concepts))"
                        + String(format: "  (%.2f ms)\n", result.seconds * 1000)
                }
                let final = run.result.flatMap(\.concepts).map { "\($0.concept) \(Format.figure($0.score))" }
                return out + "result: " + (final.isEmpty ? "no concept" : Format.sanitize(final.joined(separator: ", "))) + "\n"
            }
        }
    }

    struct Duplicate: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "duplicate",
            abstract: "Copy a workflow under a new ID.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The app's ID.") var app: String
        @Argument(help: "The workflow's ID.") var workflow: String
        @Argument(help: "The copy's ID.") var newID: String
        @Option(name: .long, help: "The copy's name (default: the name and \"copy\").") var name: String?

        func run() throws {
            let (service, session) = try global.authenticated(.contentWrite)
            let copy = try service.duplicateWorkflow(session, in: global.context, appID: app, id: workflow, newID: newID, newName: name)
            Output.emit(json: global.json, WorkflowsCommand.json(copy)) { "duplicated \(Format.sanitize(workflow)) as \(Format.sanitize(copy.id))\n" }
        }
    }

    struct Delete: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a workflow.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The app's ID.") var app: String
        @Argument(help: "The workflow's ID.") var workflow: String
        @Flag(name: .long, help: "Confirm the deletion (required).") var yes = false

        func validate() throws { try Arguments.requireYes(yes, "deleting workflow '\(Format.sanitize(workflow))' cannot be undone") }

        func run() throws {
            let (service, session) = try global.authenticated(.contentWrite)
            try service.deleteWorkflow(session, in: global.context, appID: app, id: workflow)
            Output.emit(json: global.json, .object([("deleted", .string(workflow))])) { "deleted workflow \(Format.sanitize(workflow))\n" }
        }
    }

    struct Visibility: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "visibility",
            abstract: "Make a workflow public (any signed-in user may run it) or private.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The app's ID.") var app: String
        @Argument(help: "The workflow's ID.") var workflow: String
        @Argument(help: "public or private.") var visibility: String

        func run() throws {
            guard let chosen = ModelVisibility(rawValue: visibility.lowercased()) else {
                throw CoreError.invalid("visibility", "visibility is public or private")
            }
            let (service, session) = try global.authenticated(.contentWrite)
            let updated = try service.setWorkflowVisibility(session, in: global.context, appID: app, id: workflow, chosen)
            Output.emit(json: global.json, WorkflowsCommand.json(updated)) { "workflow \(Format.sanitize(workflow)) is \(chosen.rawValue)\n" }
        }
    }
}
