import OrgdeckCore

/// Every model the user starred, across apps and owners (PRODUCT.md §6): Enter opens it, `s`
/// unstars it. Stars are per user; a model the user can no longer reach is not listed.
public final class StarredPane: ListSection<StarredModel, StarredPane.Purpose> {
    public enum Purpose: Equatable, Sendable { case none }

    init(env: PaneEnvironment) {
        super.init(env: env, title: "Starred", screen: .pane(.starred), searchable: true, chrome: 2)
        _ = reload()
    }

    override func load() throws -> [StarredModel] { try env.service.starredModels(env.session) }

    override func matches(_ star: StarredModel, _ text: String) -> Bool {
        [star.model.id, star.model.name, star.model.appID, star.ownerLabel].contains { $0.lowercased().contains(text) }
    }

    static func ref(_ star: StarredModel) -> ModelRef {
        ModelRef(context: star.context, appID: star.model.appID, modelID: star.model.id)
    }

    override func handle(_ event: ConsoleEvent, selected: StarredModel?) -> [Reaction]? {
        guard let star = selected else { return [.open, .star, .copyID].contains(event) ? [] : nil }
        switch event {
        case .open: return [.push(.model(Self.ref(star)))]
        case .copyID: return [.effect(.copy(star.model.id))]
        case .star:
            if let reason = env.refusalToChange { return refused(reason) }
            do {
                _ = try env.service.starModel(env.session, in: star.context, appID: star.model.appID, id: star.model.id, starred: false)
                _ = reload()
                return [.flash(.info("unstarred \(star.model.id)"))]
            } catch { return [.flash(.error(error.userMessage))] }
        default: return nil
        }
    }

    override var listCommands: [PaneCommand] {
        let none = needsItem("model")
        return [PaneCommand(.open, "open", refusal: none), PaneCommand(.star, "unstar", refusal: none ?? env.refusalToChange),
                PaneCommand(.filter, "search"), PaneCommand(.copyID, "copy ID", refusal: none)]
    }
}
