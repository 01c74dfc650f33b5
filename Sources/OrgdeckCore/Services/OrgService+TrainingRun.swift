import Foundation

/// What a worker did with one job.
public struct TrainingOutcome: Equatable, Sendable {
    public var appID: String
    public var modelID: String
    public var version: ModelVersion

    public init(appID: String, modelID: String, version: ModelVersion) {
        self.appID = appID; self.modelID = modelID; self.version = version
    }
}

/// A job taken away from its worker (deleted, or recovered by another process meanwhile).
private struct JobLost: Error {}

// MARK: - Running training jobs (any process that trains: the console's worker, `models train --wait`)
extension OrgService {
    /// Takes the oldest queued version of any app, trains it and stores the result. Returns nil
    /// when nothing is queued. `progress` hears the version ID and a fraction; `isCancelled`
    /// stops the job (the version is marked cancelled), as does a cancel asked for in the
    /// database by any process. Training errors mark the version failed with the reason.
    @discardableResult
    public func runNextTrainingJob(worker: String, isCancelled: @escaping () -> Bool = { false },
                                   progress: (String, Double) -> Void = { _, _ in }) throws -> TrainingOutcome? {
        if isReadOnly { return nil }
        try recoverTrainingJobs()
        // Looked for with a read first: an idle worker polls, and must not take the write lock each time.
        guard try store.read({ tx in try tx.hasQueuedVersion() }) else { return nil }
        guard let job = try store.write({ tx in try tx.claimQueuedVersion(worker: worker, at: now) }) else { return nil }
        progress(job.versionID, 0)
        var cancelAsked = false
        let stop = { isCancelled() || cancelAsked }
        func beat(_ fraction: Double) throws {
            guard let asked = try store.write({ tx in
                try tx.heartbeat(versionKey: job.versionKey, worker: worker, progress: fraction, at: now)
            }) else { throw JobLost() }
            cancelAsked = asked
            progress(job.versionID, fraction)
        }
        var status = ModelVersion.Status.trained
        var reason: String?
        var trained: (parameters: TrainedParameters, metrics: ClassificationMetrics?, inputs: Int)?
        do {
            let examples = job.type == .conceptThresholder ? [] : try store.read { tx in try tx.trainingExamples(appKey: job.appKey) }
            try beat(0.05)
            if stop() { throw CancellationError() }
            trained = try Self.train(job, examples, isCancelled: stop, progress: { try? beat($0) })
        } catch is CancellationError {
            (status, reason) = (.cancelled, "cancelled while training")
        } catch is JobLost {
            return nil
        } catch let error as CoreError {
            (status, reason) = (.failed, error.message)
        } catch {
            (status, reason) = (.failed, "training stopped: \(error)")
        }
        let parameters = try trained.map { try JSONEncoder().encode($0.parameters) }
        let (finished, names) = try store.write { tx -> (Bool, (String, String)?) in
            let done = try tx.finishVersion(key: job.versionKey, worker: worker, status: status, reason: reason, parameters: parameters,
                                            metrics: trained?.metrics, concepts: trained?.parameters.concepts ?? [],
                                            inputCount: trained?.inputs ?? 0, at: now)
            if done { try tx.touchModel(key: job.modelKey, at: now) }
            if done, status == .trained {
                try meter(tx, .trainInput, quantity: trained?.inputs ?? 0, appKey: job.appKey, userID: job.createdBy, source: .cli)
            }
            return (done, try tx.modelNames(modelKey: job.modelKey))
        }
        guard finished, let names, let version = try store.read({ tx in try tx.version(key: job.versionKey) }) else { return nil }
        Log.info("training \(names.0)/\(names.1) \(job.versionID): \(status.rawValue)\(reason.map { " (\($0))" } ?? "")")
        return TrainingOutcome(appID: names.0, modelID: names.1, version: version)
    }

    /// Runs queued jobs until none is left or `isCancelled` says so.
    public func runQueuedTrainingJobs(worker: String, isCancelled: @escaping () -> Bool = { false },
                                      progress: (String, Double) -> Void = { _, _ in }) throws -> [TrainingOutcome] {
        var outcomes: [TrainingOutcome] = []
        while !isCancelled(), let outcome = try runNextTrainingJob(worker: worker, isCancelled: isCancelled, progress: progress) {
            outcomes.append(outcome)
        }
        return outcomes
    }

    private static func train(_ job: TrainingJob, _ examples: [TextClassifierTraining.Example], isCancelled: () -> Bool,
                              progress: (Double) -> Void) throws -> (parameters: TrainedParameters, metrics: ClassificationMetrics?, inputs: Int) {
        switch job.type {
        case .textClassifier:
            let result = try TextClassifierTraining.train(examples, isCancelled: isCancelled, progress: progress)
            return (.naiveBayes(result.model), result.metrics, examples.count)
        case .keywordTagger:
            let tagger = KeywordTagger(keywords: job.keywords)
            guard !tagger.phrases.isEmpty else { throw CoreError.conflict("the keyword tagger has no keywords: edit the model to add some") }
            // Nothing to learn: the version fixes the keywords, and is measured on the labelled
            // inputs that carry one of its concepts.
            let known = Set(tagger.phrases.keys)
            var truth: [String] = [], predicted: [String] = []
            for example in examples {
                guard let concept = example.concepts.sorted().first(where: known.contains) else { continue }
                if isCancelled() { throw CancellationError() }
                let found = tagger.tag(example.text).first?.concept ?? ""
                truth.append(example.concepts.contains(found) ? found : concept)
                predicted.append(found)
            }
            progress(1)
            let metrics = truth.isEmpty ? nil : ClassificationMetrics(truth: truth, predicted: predicted, classes: known.sorted())
            return (.keywordTagger(tagger), metrics, truth.count)
        case .conceptThresholder:
            // Nothing to learn or measure: the version fixes the thresholds a workflow runs with.
            progress(1)
            return (.thresholds(job.thresholds ?? .standard), nil, 0)
        }
    }
}
