import ArgumentParser
import Foundation
import OrgdeckCore

/// `orgdeck inputs …`: an app's data (personal, or an organization's app with `--org`).
struct InputsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inputs",
        abstract: "Upload, find, label and delete an app's inputs.",
        subcommands: [Upload.self, List.self, Label.self, Unlabel.self, Delete.self])

    static func json(_ input: Input) -> JSONValue {
        .object([
            ("id", .string(input.id)), ("kind", .string(input.kind.rawValue)), ("text", .optional(input.text)),
            ("media_type", .string(input.mediaType)), ("size", .int(Int64(input.size))),
            ("width", input.width.map { .int(Int64($0)) } ?? .null), ("height", input.height.map { .int(Int64($0)) } ?? .null),
            ("sha256", .string(input.sha256)), ("source", .string(input.source)),
            ("concepts", .array(input.concepts.map { .string($0) })), ("created_at", .date(input.createdAt)),
        ])
    }

    /// Runs a label change and reports how many concepts it `outcome` ("added", "removed").
    static func relabel(_ global: GlobalOptions, input: String, outcome: String,
                        _ change: (OrgService, Session) throws -> Int) throws {
        let (service, session) = try global.authenticated(.contentWrite)
        let count = try change(service, session)
        Output.emit(json: global.json, .object([(outcome, .int(Int64(count)))])) {
            "input \(Format.sanitize(input)): \(count) concept\(count == 1 ? "" : "s") \(outcome)\n"
        }
    }

    static func refusalJSON(_ refusal: InputRefusal) -> JSONValue {
        .object([("path", .string(refusal.path)), ("line", refusal.line.map { .int(Int64($0)) } ?? .null),
                 ("reason", .string(refusal.reason))])
    }
}

extension InputsCommand {
    /// Files, folders, CSV and JSON Lines; what cannot be taken is listed and the rest goes on.
    struct Upload: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(
            commandName: "upload",
            abstract: "Upload files or folders of text, CSV, JSON Lines and PNG/JPEG images.",
            discussion: """
                A CSV needs a header naming a 'text' column, and may name 'concepts' (several separated \
                by ';'); a JSON Lines file holds {"text": …, "concepts": […]} a line; any other file is one \
                text input. Inputs already in the app are skipped, so the same upload can be run again \
                to finish one that was stopped.
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The app's ID.") var app: String
        @Argument(help: ArgumentHelp("Files or folders (read recursively); - reads standard input.", valueName: "path"))
        var paths: [String] = []
        @Option(name: .long, help: ArgumentHelp("Concepts for every input, comma-separated.", valueName: "c,…"))
        var concepts: String = ""
        @Option(name: .long, help: "What standard input holds when the path is -: csv, jsonl or txt (one input).")
        var format: String = "csv"

        func validate() throws {
            guard !paths.isEmpty else { throw ValidationError("inputs upload needs at least one file or folder") }
            guard ["csv", "jsonl", "txt"].contains(format) else { throw ValidationError("--format is csv, jsonl or txt") }
            guard paths.filter({ $0 == "-" }).count <= 1 else { throw ValidationError("standard input (-) can be read once") }
        }

        func run() throws {
            for path in paths { try Remote.serverFile(path, "the inputs to read") }
            // Signed in first: over SSH the ticket must not wait for a long standard input.
            let (service, session) = try global.authenticated(.contentWrite)
            // Refused before standard input is copied anywhere, not after.
            if service.isReadOnly { throw CoreError.readOnly }
            _ = try service.app(session, in: global.context, id: app)
            let sources = try paths.map { try Remote.readable($0, suffix: format, "the inputs to read") }
            defer { sources.forEach { $0.cleanup() } }
            let given = concepts.split(separator: ",").map(String.init)
            // Standard input is read from a temporary copy; its inputs and refusals say "stdin".
            let names = Dictionary(zip(paths, sources).filter { $0.0 == "-" }.map { ($0.1.path, "stdin") }, uniquingKeysWith: { a, _ in a })
            let report = try service.uploadInputs(session, in: global.context, appID: app, paths: sources.map(\.path), concepts: given,
                                                  names: names)
            Output.emit(json: global.json, .object([
                ("added", .int(Int64(report.added))), ("duplicates", .int(Int64(report.duplicates))),
                ("refused", .array(report.refused.map(InputsCommand.refusalJSON))),
            ])) {
                var text = "\(report.added) added, \(report.duplicates) duplicates skipped, \(report.refused.count) refused\n"
                for refusal in report.refused {
                    text += "  \(Format.sanitize(refusal.place)): \(Format.sanitize(refusal.reason))\n"
                }
                return text
            }
            // Nothing taken and something refused: a script must not read that as success
            // (the report above still lists every refusal).
            if report.added == 0 && report.duplicates == 0 && !report.refused.isEmpty {
                throw CoreError.invalid("file", "every input was refused (\(report.refused.count))")
            }
        }
    }

    /// Newest first, one window.
    struct List: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List an app's inputs, newest first.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The app's ID.") var app: String
        @Option(name: .long, help: "Full-text search (the last word matches as a prefix).") var search: String = ""
        @Option(name: .long, help: "Only inputs with this concept.") var concept: String?
        @Flag(name: .long, help: "Only inputs with no concept.") var unlabelled = false
        @Option(name: .long, help: "At most this many inputs (1-10000).") var limit: Int = 100
        @Option(name: .long, help: "Skip this many inputs.") var offset: Int = 0

        func validate() throws {
            guard (1...10_000).contains(limit) else { throw ValidationError("--limit must be between 1 and 10000") }
            guard offset >= 0 else { throw ValidationError("--offset cannot be negative") }
            guard concept == nil || !unlabelled else { throw ValidationError("--concept and --unlabelled exclude each other") }
        }

        func run() throws {
            let (service, session) = try global.authenticated(.contentRead)
            let page = try service.inputs(session, in: global.context, appID: app,
                                          query: InputQuery(search: search, concept: concept, unlabelled: unlabelled,
                                                            offset: offset, limit: limit))
            Output.emit(json: global.json, .object([
                ("total", .int(Int64(page.total))), ("offset", .int(Int64(page.offset))),
                ("inputs", .array(page.items.map(InputsCommand.json))),
            ])) {
                guard !page.items.isEmpty else { return "no inputs\n" }
                let rows = page.items.map { input -> [String] in
                    let content = input.text.map { $0.replacingOccurrences(of: "\n", with: " ") }
                        ?? "\(input.mediaType) \(input.width ?? 0)×\(input.height ?? 0)"
                    return [input.id, Format.list(input.concepts), content]
                }
                return Format.table(["ID", "CONCEPTS", "CONTENT"], rows, maxWidth: 60)
                    + "\(page.offset + 1)–\(page.offset + page.items.count) of \(page.total)\n"
            }
        }
    }

    struct Label: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "label",
            abstract: "Add concepts to an input (created when missing).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The app's ID.") var app: String
        @Argument(help: "The input's ID.") var input: String
        @Argument(help: ArgumentHelp("Concepts to add.", valueName: "concept")) var concepts: [String] = []

        func run() throws {
            try InputsCommand.relabel(global, input: input, outcome: "added") { service, session in
                try service.labelInputs(session, in: global.context, appID: app, inputIDs: [input], concepts: concepts)
            }
        }
    }

    struct Unlabel: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "unlabel", abstract: "Remove concepts from an input.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The app's ID.") var app: String
        @Argument(help: "The input's ID.") var input: String
        @Argument(help: ArgumentHelp("Concepts to remove.", valueName: "concept")) var concepts: [String] = []

        func run() throws {
            try InputsCommand.relabel(global, input: input, outcome: "removed") { service, session in
                try service.unlabelInputs(session, in: global.context, appID: app, inputIDs: [input], concepts: concepts)
            }
        }
    }

    /// All or none: one unknown ID refuses the whole command.
    struct Delete: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete inputs (all or none).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The app's ID.") var app: String
        @Argument(help: ArgumentHelp("The inputs' IDs.", valueName: "input")) var inputs: [String] = []
        @Flag(name: .long, help: "Confirm the deletion (required).") var yes = false

        func validate() throws {
            guard !inputs.isEmpty else { throw ValidationError("inputs delete needs at least one input ID") }
            try Arguments.requireYes(yes, "deleting \(inputs.count) input\(inputs.count == 1 ? "" : "s") cannot be undone")
        }

        func run() throws {
            let (service, session) = try global.authenticated(.contentWrite)
            let deleted = try service.deleteInputs(session, in: global.context, appID: app, inputIDs: inputs)
            Output.emit(json: global.json, .object([("deleted", .int(Int64(deleted)))])) {
                "\(deleted) input\(deleted == 1 ? "" : "s") deleted\n"
            }
        }
    }
}
