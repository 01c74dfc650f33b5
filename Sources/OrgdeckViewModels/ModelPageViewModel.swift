import OrgdeckCore

/// What a model's page shows above its tabs.
public struct ModelPageState: Equatable, Sendable {
    public var ref: ModelRef
    public var model: AppModel?
    public var error: String?
}

/// A model's page: Overview (details and prediction), Versions (metrics, chart, training) and
/// Concepts (per-concept metrics of the latest trained version). The page holds the model's
/// operations: star, train, visibility, edit, copy ID. A public model of an organization the
/// user is not a member of opens too, for seeing, starring and predicting.
public final class ModelPageViewModel: SectionedPage, DialogOwner {
    enum Purpose: Equatable, Sendable { case edit, visibility, train }

    public internal(set) var state: ModelPageState
    /// The environment of the model's owner (its context and the user's role there).
    let env: PaneEnvironment
    var open: DialogSlot<Purpose>?
    /// The app, when the user reaches it (nil for an outsider's public model).
    private var app: App?
    /// Whether the user reaches the model only because it is public.
    public private(set) var outsider: Bool

    public init(env: PaneEnvironment, ref: ModelRef) {
        let scoped = env.reaching(ref.context)
        self.env = scoped
        // Outside the owner, the app is reached only when it is shared with the user.
        self.outsider = scoped.outsider && (try? env.service.app(env.session, in: ref.context, id: ref.appID)) == nil
        state = ModelPageState(ref: ref, model: nil, error: nil)
        super.init(screen: .model(ref), sections: [])
        let model: () -> AppModel? = { [weak self] in self?.state.model }
        sections = [PredictSection(env: scoped, ref: ref, model: model),
                    VersionsSection(env: scoped, ref: ref, actions: { [weak self] in self?.actions }),
                    ModelConceptsSection(env: scoped, ref: ref, model: model)]
        _ = reload()
    }

    var actions: ModelActions {
        ModelActions(env: env, context: state.ref.context, appID: state.ref.appID, app: app, outsider: outsider)
    }

    override func reloadPage() -> [Reaction] {
        do {
            state.model = try env.service.model(env.session, in: state.ref.context, appID: state.ref.appID, id: state.ref.modelID)
            app = outsider ? nil : try? env.service.app(env.session, in: state.ref.context, id: state.ref.appID)
            state.error = nil
        } catch let error as CoreError where error.kind == .notFound && state.model != nil {
            state.model = nil
            return [.pop, .flash(.warn("model \(state.ref.modelID) is gone or no longer shared"))]
        } catch let error as CoreError where error.kind == .forbidden && state.model != nil {
            // Access ended elsewhere (a collaboration's scopes narrowed): what was shown must go.
            state.model = nil
            return [.pop, .flash(.warn("model \(state.ref.modelID) closed: \(error.userMessage)"))]
        } catch { state.error = error.userMessage }
        return []
    }

    /// The model's title line and the tabs.
    override var headerRows: Int { 2 }

    override var pageDialog: Dialog? { openDialog }

    override func pageSend(_ event: ConsoleEvent) -> [Reaction]? {
        if let reactions = routeDialog(event) { return reactions }
        guard let model = state.model else { return nil }
        switch event {
        case .star: return after(actions.star(model))
        case .train:
            if let reason = actions.refusal(.trainModels) { return refused(reason) }
            return present(.confirm(actions.trainConfirm(model)), for: .train)
        case .visibility:
            if let reason = actions.refusal(.setModelVisibility) { return refused(reason) }
            return present(.confirm(ModelActions.visibilityConfirm(model)), for: .visibility)
        case .edit:
            if let reason = actions.refusal(.editAppContent) { return refused(reason) }
            return present(.form(ModelActions.editForm(model)), for: .edit)
        case .copyID: return [.effect(.copy(model.id))]
        default: return nil
        }
    }

    private func after(_ reactions: [Reaction]) -> [Reaction] {
        _ = reload()
        return reactions
    }

    func carryOut(_ purpose: Purpose, _ dialog: Dialog) throws -> [Reaction] {
        guard let model = state.model else { return [] }
        switch (purpose, dialog) {
        case (.edit, .form(let form)): return after(try actions.saveEdit(model.id, form))
        case (.visibility, .confirm): return after(try actions.toggleVisibility(model))
        case (.train, .confirm): return after(actions.train(model))
        case (.edit, _), (.visibility, _), (.train, _): return []
        }
    }

    override var pageCommands: [PaneCommand] {
        let actions = self.actions
        return [PaneCommand(.back, "back"), PaneCommand(.star, state.model?.starred == true ? "unstar" : "star",
                                                        refusal: env.refusalToChange),
                PaneCommand(.train, "train", refusal: actions.refusal(.trainModels)),
                PaneCommand(.visibility, "visibility", refusal: actions.refusal(.setModelVisibility)),
                PaneCommand(.edit, "edit", refusal: actions.refusal(.editAppContent)),
                PaneCommand(.copyID, "copy ID")]
    }
}
