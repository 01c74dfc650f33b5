import ArgumentParser
import Foundation
import OrgdeckCore

extension ModelsCommand {
    /// Queues a version; with `--wait`, trains it in this process (or waits for the process
    /// that took it) and reports how it ended.
    struct Train: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(
            commandName: "train",
            abstract: "Train a new version of a model.",
            discussion: """
                Without --wait the version is queued and a running console trains it (or the next \
                'models train --wait'). With --wait this command trains queued versions itself until \
                this one has finished, and exits 1 when it failed or was cancelled.
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The app's ID.") var app: String
        @Argument(help: "The model's ID.") var model: String
        @Flag(name: .long, help: "Train now and wait for the result.") var wait = false

        func run() throws {
            let (service, session) = try global.authenticated(.modelsTrain)
            var version = try service.trainModel(session, in: global.context, appID: app, modelID: model)
            if wait {
                let worker = TrainingWorkerID.make()
                while !version.status.isFinished {
                    if try service.runNextTrainingJob(worker: worker) == nil {
                        // Another process holds it: poll until it is done.
                        usleep(200_000)
                    }
                    guard let current = try service.versions(session, in: global.context, appID: app, modelID: model)
                        .first(where: { $0.id == version.id }) else { throw CLIError.failure("version \(version.id) was deleted") }
                    version = current
                }
            }
            let finished = version
            Output.emit(json: global.json, ModelJSON.version(finished)) {
                var text = "version \(finished.number) \(finished.id): \(Format.status(finished))\n"
                if let metrics = finished.metrics { text += ModelsCommand.metricsTable(metrics) }
                return text
            }
            if finished.status == .failed || finished.status == .cancelled {
                throw CLIError.failure("version \(finished.number) \(finished.status.rawValue): \(finished.reason ?? "")")
            }
        }
    }

    static func metricsTable(_ metrics: ClassificationMetrics) -> String {
        "accuracy \(Format.figure(metrics.accuracy)) on \(metrics.evaluated) held-out inputs\n"
            + Format.table(["CONCEPT", "PRECISION", "RECALL", "F1", "SUPPORT"], metrics.sortedClasses.map { name, figures in
                [name, Format.figure(figures.precision), Format.figure(figures.recall), Format.figure(figures.f1),
                        String(figures.support)]
            })
    }

    struct Versions: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "versions",
            abstract: "List a model's versions, newest first.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The app's ID.") var app: String
        @Argument(help: "The model's ID.") var model: String

        func run() throws {
            let (service, session) = try global.authenticated(.contentRead)
            let versions = try service.versions(session, in: global.context, appID: app, modelID: model)
            Output.emit(json: global.json, .array(versions.map(ModelJSON.version))) {
                guard !versions.isEmpty else { return "no versions\n" }
                return Format.table(["VERSION", "ID", "STATUS", "ACCURACY", "INPUTS", "CREATED"], versions.map { version in
                    ["v\(version.number)", version.id, Format.status(version), version.metrics.map { Format.figure($0.accuracy) } ?? "-",
                     String(version.inputCount), Format.short(version.createdAt)]
                }, maxWidth: 60)
            }
        }
    }

    struct Cancel: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "cancel",
            abstract: "Stop a queued or training version.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The app's ID.") var app: String
        @Argument(help: "The model's ID.") var model: String
        @Argument(help: "The version's ID.") var version: String

        func run() throws {
            let (service, session) = try global.authenticated(.modelsTrain)
            let stopped = try service.cancelTraining(session, in: global.context, appID: app, modelID: model, versionID: version)
            Output.emit(json: global.json, ModelJSON.version(stopped)) {
                stopped.status == .cancelled ? "version \(stopped.number) cancelled\n"
                                             : "version \(stopped.number) stops at its next step\n"
            }
        }
    }

    struct DeleteVersion: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "delete-version",
            abstract: "Delete one version of a model.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The app's ID.") var app: String
        @Argument(help: "The model's ID.") var model: String
        @Argument(help: "The version's ID.") var version: String
        @Flag(name: .long, help: "Confirm the deletion (required).") var yes = false

        func validate() throws { try Arguments.requireYes(yes, "deleting version '\(Format.sanitize(version))' cannot be undone") }

        func run() throws {
            let (service, session) = try global.authenticated(.modelsTrain)
            try service.deleteVersion(session, in: global.context, appID: app, modelID: model, versionID: version)
            Output.emit(json: global.json, .object([("deleted", .string(version))])) { "deleted version \(Format.sanitize(version))\n" }
        }
    }

    struct Predict: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(
            commandName: "predict",
            abstract: "Predict concepts for a text, or for each text of a file.",
            discussion: """
                --file takes a CSV with a 'text' column, a JSON Lines file of {"text": …}, or any other \
                text file, one text a line; with --json it prints one prediction object a line, in order. \
                Lines that cannot be read are reported on stderr and the command exits 7 after the rest.
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The app's ID.") var app: String
        @Argument(help: "The model's ID.") var model: String
        @Option(name: .long, help: "The text to predict on.") var text: String?
        @Option(name: .long, help: ArgumentHelp("A file of texts (- for standard input).", valueName: "path")) var file: String?
        @Option(name: .long, help: "A trained version's ID (default: the latest trained).") var version: String?

        func validate() throws {
            guard (text == nil) != (file == nil) else { throw ValidationError("give exactly one of --text and --file") }
        }

        func run() throws {
            let (service, session) = try global.authenticated(.predict)
            guard let file else {
                let prediction = try service.predict(session, in: global.context, appID: app, modelID: model,
                                                     texts: [text ?? ""], versionID: version)[0]
                return Output.emit(json: global.json, ModelJSON.prediction(prediction)) { ModelsCommand.scores(prediction) }
            }
            var refused: [InputRefusal] = []
            var batch: [String] = []
            func flush() throws {
                guard !batch.isEmpty else { return }
                for prediction in try service.predict(session, in: global.context, appID: app, modelID: model, texts: batch,
                                                      versionID: version) {
                    if global.json {
                        Output.out(ModelJSON.prediction(prediction).rendered(pretty: false) + "\n")
                    } else {
                        Output.out(prediction.concepts.prefix(3).map { "\($0.concept) \(Format.figure($0.score))" }
                            .joined(separator: "  ") + "\n")
                    }
                }
                batch.removeAll(keepingCapacity: true)
            }
            let source = try Remote.readable(file, suffix: "txt", "the texts to read")
            defer { source.cleanup() }
            try InputSource.texts(source.path, take: { _, text in
                batch.append(text)
                if batch.count >= 1_000 { try flush() }
            }, refuse: { refused.append($0) })
            try flush()
            for refusal in refused {
                Output.error("\(Format.sanitize(refusal.place)): "
                             + Format.sanitize(refusal.reason) + "\n")
            }
            if !refused.isEmpty { throw CoreError.invalid("file", "\(refused.count) line\(refused.count == 1 ? "" : "s") could not be read") }
        }
    }

    static func scores(_ prediction: Prediction) -> String {
        guard !prediction.concepts.isEmpty else { return "no concepts found (version \(prediction.versionID))\n" }
        return Format.table(["CONCEPT", "SCORE"], prediction.concepts.map { [$0.concept, Format.figure($0.score)] })
            + "version \(prediction.versionID)\n"
    }
}
