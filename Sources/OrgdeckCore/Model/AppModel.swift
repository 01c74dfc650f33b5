import Foundation

/// The kinds of model that really run here (PRODUCT.md §6).
public enum ModelType: String, CaseIterable, Sendable, Equatable {
    /// Multinomial naive Bayes over the app's labelled text inputs.
    case textClassifier = "text-classifier"
    /// Concepts from configured keywords and phrases.
    case keywordTagger = "keyword-tagger"
    /// Keeps the concepts whose score reaches a threshold: a workflow operator, fed by models.
    case conceptThresholder = "concept-thresholder"

    /// Whether it reads text; a thresholder reads the concepts of the nodes before it.
    public var takesText: Bool { self != .conceptThresholder }

    /// A line for the type picker.
    public var summary: String {
        switch self {
        case .textClassifier: return "learns concepts from the app's labelled texts (naive Bayes)"
        case .keywordTagger: return "finds concepts by keywords and phrases, whole words, any case"
        case .conceptThresholder: return "keeps the concepts scored at least a threshold (a workflow step)"
        }
    }
}

/// Who may see and use a model besides those who reach its app.
public enum ModelVisibility: String, CaseIterable, Sendable, Equatable {
    case `private`
    /// Seen, starred and used for prediction by any signed-in user.
    case `public`
}

/// A model of an app, as listed.
public struct AppModel: Equatable, Sendable {
    public var id: String
    public var name: String
    public var type: ModelType
    public var visibility: ModelVisibility
    /// The app's ID and name.
    public var appID: String
    public var appName: String
    /// Keyword tagger only: concept ID → its keywords and phrases.
    public var keywords: [String: [String]]
    /// Concept thresholder only: what it keeps (the next version fixes them).
    public var thresholds: ConceptThresholds?
    /// Whether the reading user starred it.
    public var starred: Bool
    public var versionCount: Int
    /// The newest version that finished training, if any.
    public var latestTrained: ModelVersion?
    /// The newest version in any state, if any.
    public var latest: ModelVersion?
    public var createdAt: Date
    public var updatedAt: Date
}

/// One training run of a model and what came of it.
public struct ModelVersion: Equatable, Sendable {
    /// Where a version is in its life: queued → training → trained | failed | cancelled.
    public enum Status: String, CaseIterable, Sendable, Equatable {
        case queued, training, trained, failed, cancelled

        /// Whether the version will not change any more.
        public var isFinished: Bool { self == .trained || self == .failed || self == .cancelled }
    }

    /// Globally unique (`v-` and 12 hex digits), to copy and to name in commands.
    public var id: String
    /// 1, 2, … within the model.
    public var number: Int
    public var status: Status
    /// From 0 to 1 while training.
    public var progress: Double
    /// Why it failed or was cancelled.
    public var reason: String?
    /// Figures on the held-out split (nil until trained, and for a tagger with nothing labelled).
    public var metrics: ClassificationMetrics?
    /// The concepts the version predicts, sorted.
    public var concepts: [String]
    /// How many labelled inputs it learned from.
    public var inputCount: Int
    public var createdBy: String?
    public var createdAt: Date
    public var finishedAt: Date?
}

/// One concept's score in a prediction.
public struct ConceptScore: Equatable, Sendable {
    public var concept: String
    /// A probability for the classifier (all of them sum to 1); the share of words covered for the tagger.
    public var score: Double
    public init(concept: String, score: Double) { self.concept = concept; self.score = score }
}

/// What a model version made of one text.
public struct Prediction: Equatable, Sendable {
    public var versionID: String
    /// Highest score first, then by concept ID.
    public var concepts: [ConceptScore]
}

/// A starred model, wherever it lives.
public struct StarredModel: Equatable, Sendable {
    /// The context to open it in: its app's owner.
    public var context: Context
    /// "acme" or "@ada", for the Owner column.
    public var ownerLabel: String
    public var model: AppModel
    public var starredAt: Date
}
