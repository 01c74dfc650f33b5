import OrgdeckCore

/// One concept's figures in a trained version.
public struct ConceptFigures: ListItem {
    public var concept: String
    public var precision: Double
    public var recall: Double
    public var f1: Double
    public var support: Int
    public var listID: String { concept }
}

/// The concepts of the model's latest trained version with their held-out figures, searchable.
public final class ModelConceptsSection: ListSection<ConceptFigures, ModelConceptsSection.Purpose> {
    public enum Purpose: Equatable, Sendable { case none }

    public let ref: ModelRef
    private let model: () -> AppModel?

    init(env: PaneEnvironment, ref: ModelRef, model: @escaping () -> AppModel?) {
        self.ref = ref
        self.model = model
        super.init(env: env, title: "Concepts", screen: .model(ref), searchable: true, chrome: 1)
    }

    /// The version the figures are of.
    public var version: ModelVersion? { model()?.latestTrained }

    override func load() throws -> [ConceptFigures] {
        guard let version else { return [] }
        let metrics = version.metrics?.classes ?? [:]
        return version.concepts.map { concept in
            let figures = metrics[concept]
            return ConceptFigures(concept: concept, precision: figures?.precision ?? 0, recall: figures?.recall ?? 0,
                                  f1: figures?.f1 ?? 0, support: figures?.support ?? 0)
        }
    }

    override func matches(_ item: ConceptFigures, _ text: String) -> Bool { item.concept.lowercased().contains(text) }

    override func handle(_ event: ConsoleEvent, selected: ConceptFigures?) -> [Reaction]? {
        if event == .copyID, let selected { return [.effect(.copy(selected.concept))] }
        return nil
    }

    override var listCommands: [PaneCommand] {
        [PaneCommand(.filter, "search"), PaneCommand(.copyID, "copy concept ID", refusal: needsItem("concept"))]
    }
}
