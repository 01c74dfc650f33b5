import Foundation
import OrgdeckCore

/// One starred thing: a model or a workflow, wherever it lives.
public enum StarredItem: ListItem {
    case model(StarredModel)
    case workflow(StarredWorkflow)

    public var listID: String {
        switch self {
        case .model(let star): return "model:\(star.context)/\(star.model.appID)/\(star.model.id)"
        case .workflow(let star): return "workflow:\(star.context)/\(star.workflow.appID)/\(star.workflow.id)"
        }
    }

    public var id: String {
        switch self {
        case .model(let star): return star.model.id
        case .workflow(let star): return star.workflow.id
        }
    }

    public var appID: String {
        switch self {
        case .model(let star): return star.model.appID
        case .workflow(let star): return star.workflow.appID
        }
    }

    public var ownerLabel: String {
        switch self {
        case .model(let star): return star.ownerLabel
        case .workflow(let star): return star.ownerLabel
        }
    }

    public var starredAt: Date {
        switch self {
        case .model(let star): return star.starredAt
        case .workflow(let star): return star.starredAt
        }
    }
}

/// Every model and workflow the user starred, across apps and owners (PRODUCT.md §6), newest
/// star first: Enter opens it, `s` unstars it. A star the user can no longer reach is not listed.
public final class StarredPane: ListSection<StarredItem, StarredPane.Purpose> {
    public enum Purpose: Equatable, Sendable { case none }

    init(env: PaneEnvironment) {
        super.init(env: env, title: "Starred", screen: .pane(.starred), searchable: true, chrome: 2)
        _ = reload()
    }

    override func load() throws -> [StarredItem] {
        let models = try env.service.starredModels(env.session).map(StarredItem.model)
        let workflows = try env.service.starredWorkflows(env.session).map(StarredItem.workflow)
        return (models + workflows).sorted { $0.starredAt != $1.starredAt ? $0.starredAt > $1.starredAt : $0.listID < $1.listID }
    }

    override func matches(_ star: StarredItem, _ text: String) -> Bool {
        [star.id, star.appID, star.ownerLabel].contains { $0.lowercased().contains(text) }
    }

    override func handle(_ event: ConsoleEvent, selected: StarredItem?) -> [Reaction]? {
        guard let star = selected else { return [.open, .star, .copyID].contains(event) ? [] : nil }
        switch event {
        case .open:
            switch star {
            case .model(let model):
                return [.push(.model(ModelRef(context: model.context, appID: model.model.appID, modelID: model.model.id)))]
            case .workflow(let workflow):
                return [.push(.workflow(WorkflowRef(context: workflow.context, appID: workflow.workflow.appID,
                                                    workflowID: workflow.workflow.id)))]
            }
        case .copyID: return [.effect(.copy(star.id))]
        case .star:
            if let reason = env.refusalToChange { return refused(reason) }
            do {
                switch star {
                case .model(let model):
                    _ = try env.service.starModel(env.session, in: model.context, appID: model.model.appID, id: model.model.id, starred: false)
                case .workflow(let workflow):
                    _ = try env.service.starWorkflow(env.session, in: workflow.context, appID: workflow.workflow.appID,
                                                     id: workflow.workflow.id, starred: false)
                }
                _ = reload()
                return [.flash(.info("unstarred \(star.id)"))]
            } catch { return [.flash(.error(error.userMessage))] }
        default: return nil
        }
    }

    override var listCommands: [PaneCommand] {
        let none = needsItem("star")
        return [PaneCommand(.open, "open", refusal: none), PaneCommand(.star, "unstar", refusal: none ?? env.refusalToChange),
                PaneCommand(.filter, "search"), PaneCommand(.copyID, "copy ID", refusal: none)]
    }
}
