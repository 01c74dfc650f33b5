import Foundation

/// What a trained version stores: the learned model, read back exactly to predict.
public enum TrainedParameters: Codable, Equatable, Sendable {
    case naiveBayes(NaiveBayesModel)
    case keywordTagger(KeywordTagger)
    /// A concept thresholder: nothing learned, the thresholds fixed when the version was made.
    case thresholds(ConceptThresholds)

    /// Every concept's score for `text`, highest first, then by concept ID: probabilities that
    /// sum to 1 for the classifier; the found concepts only for the tagger.
    public func scores(_ text: String) -> [ConceptScore] {
        switch self {
        case .naiveBayes(let model):
            let probabilities = model.probabilities(Tokenizer.tokens(text))
            return zip(model.classes, probabilities).map { ConceptScore(concept: $0, score: $1) }
                .sorted { $0.score != $1.score ? $0.score > $1.score : $0.concept < $1.concept }
        case .keywordTagger(let tagger):
            return tagger.tag(text).map { ConceptScore(concept: $0.concept, score: $0.score) }
        case .thresholds:
            return []
        }
    }

    /// Whether it reads text (a classifier, a tagger) rather than concepts (a thresholder).
    public var takesText: Bool {
        if case .thresholds = self { return false }
        return true
    }

    /// The concepts it can give.
    public var concepts: [String] {
        switch self {
        case .naiveBayes(let model): return model.classes
        case .keywordTagger(let tagger): return tagger.phrases.keys.sorted()
        case .thresholds(let thresholds): return thresholds.perConcept.keys.sorted()
        }
    }
}
