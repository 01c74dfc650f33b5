import Foundation

/// Trains a text classifier version from labelled texts: checks there is enough to learn from,
/// holds out a stratified split for the metrics, then trains the stored model on everything.
public enum TextClassifierTraining {
    /// A labelled text: an input's text and its concepts (several allowed).
    public struct Example: Sendable {
        public var text: String
        public var concepts: [String]
        public init(text: String, concepts: [String]) { self.text = text; self.concepts = concepts }
    }

    /// What training produced: the model to store and how it did on the held-out split.
    public struct Result: Sendable {
        public var model: NaiveBayesModel
        public var metrics: ClassificationMetrics
    }

    /// Why training cannot start, in words a user can act on; nil when it can.
    public static func refusal(_ examples: [Example]) -> String? {
        refusal(documents: documents(examples))
    }

    /// The examples that can be learned from: tokens, and concepts without repeats, sorted.
    private static func documents(_ examples: [Example]) -> [(tokens: [String], concepts: [String])] {
        examples.compactMap { example in
            let tokens = Tokenizer.tokens(example.text)
            let concepts = Array(Set(example.concepts)).sorted()
            return tokens.isEmpty || concepts.isEmpty ? nil : (tokens, concepts)
        }
    }

    private static func refusal(documents: [(tokens: [String], concepts: [String])]) -> String? {
        var counts: [String: Int] = [:]
        for document in documents {
            for concept in document.concepts { counts[concept, default: 0] += 1 }
        }
        switch counts.count {
        case 0:
            return "training needs labelled text inputs in at least two concepts; this app has none"
        case 1:
            let only = counts.keys.first ?? ""
            return "training needs labelled text inputs in at least two concepts; only \(only) has any (\(counts[only] ?? 0))"
        default:
            return nil
        }
    }

    /// Trains on `examples`, calling `progress` with a fraction from 0 to 1 and stopping with
    /// `CancellationError` as soon as `isCancelled` says so. An input with several concepts
    /// counts once for each; the split is made on each input's first concept, so one input is
    /// never both trained and tested on.
    public static func train(_ examples: [Example], seed: UInt64 = StratifiedSplit.defaultSeed,
                             isCancelled: () -> Bool = { false },
                             progress: (Double) -> Void = { _ in }) throws -> Result {
        let documents = documents(examples)
        if let refusal = refusal(documents: documents) { throw CoreError.conflict(refusal) }
        progress(0.1)
        let split = StratifiedSplit.split(labels: documents.map { $0.concepts[0] }, seed: seed)
        if isCancelled() { throw CancellationError() }
        let held = NaiveBayesModel.train(split.train.flatMap { i in documents[i].concepts.map { (documents[i].tokens, $0) } })
        progress(0.4)
        if isCancelled() { throw CancellationError() }
        // An input is predicted right when the top concept is one of its concepts.
        var truth: [String] = [], predicted: [String] = []
        for i in split.test {
            let guess = held.predict(documents[i].tokens) ?? ""
            truth.append(documents[i].concepts.contains(guess) ? guess : documents[i].concepts[0])
            predicted.append(guess)
        }
        let metrics = ClassificationMetrics(truth: truth, predicted: predicted,
                                            classes: Array(Set(documents.flatMap(\.concepts))).sorted())
        progress(0.6)
        if isCancelled() { throw CancellationError() }
        let model = NaiveBayesModel.train(documents.flatMap { document in document.concepts.map { (document.tokens, $0) } })
        progress(1)
        return Result(model: model, metrics: metrics)
    }
}
