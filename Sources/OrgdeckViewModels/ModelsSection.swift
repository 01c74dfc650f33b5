import OrgdeckCore

/// An app's models: search, create (a type picker, then the form), edit, delete, star,
/// visibility, train; Enter opens the model's page. Changing needs the edit-content permission,
/// training and visibility their own rows of the table.
public final class ModelsSection: ListSection<AppModel, ModelsSection.Purpose> {
    public enum Purpose: Equatable, Sendable {
        case chooseType
        case create(ModelType)
        case edit(id: String)
        case delete(id: String)
        case visibility(id: String)
        case train(id: String)
    }

    let appID: String
    private let app: () -> App?

    init(env: PaneEnvironment, appID: String, app: @escaping () -> App?) {
        self.appID = appID
        self.app = app
        super.init(env: env, title: "Models", screen: .app(appID), searchable: true, chrome: 2)
    }

    override func load() throws -> [AppModel] { try env.service.models(env.session, in: env.context, appID: appID) }

    override func matches(_ model: AppModel, _ text: String) -> Bool {
        model.id.lowercased().contains(text) || model.name.lowercased().contains(text) || model.type.rawValue.contains(text)
    }

    private var editRefusal: String? { env.refusal(.editAppContent, app: app(), scopes: [.modelsWrite]) }

    override func handle(_ event: ConsoleEvent, selected: AppModel?) -> [Reaction]? {
        if event == .new {
            if let editRefusal { return refused(editRefusal) }
            return present(.picker(PickerState(title: "Model type", options: ModelType.allCases.map {
                PickerOption(value: $0.rawValue, label: $0.rawValue, detail: $0.summary)
            })), for: .chooseType)
        }
        guard let model = selected else {
            return [.edit, .delete, .copyID, .star, .train, .visibility, .open].contains(event) ? [] : nil
        }
        let actions = ModelActions(env: env, context: env.context, appID: appID, app: app())
        switch event {
        case .open: return [.push(.model(ModelRef(context: env.context, appID: appID, modelID: model.id)))]
        case .edit:
            if let editRefusal { return refused(editRefusal) }
            return present(.form(ModelActions.editForm(model)), for: .edit(id: model.id))
        case .delete:
            if let editRefusal { return refused(editRefusal) }
            return present(.confirm(ConfirmState(title: "Delete model",
                message: "Delete model \(model.name) (\(model.id)) with its \(counted(model.versionCount, "version"))? Type the model ID to confirm.",
                requiredText: model.id, verb: "delete")), for: .delete(id: model.id))
        case .visibility:
            if let reason = actions.refusal(.setModelVisibility) { return refused(reason) }
            return present(.confirm(ModelActions.visibilityConfirm(model)), for: .visibility(id: model.id))
        case .star: return reloading(model.id, actions.star(model))
        case .train:
            if let reason = actions.refusal(.trainModels) { return refused(reason) }
            return present(.confirm(actions.trainConfirm(model)), for: .train(id: model.id))
        case .copyID: return [.effect(.copy(model.id))]
        default: return nil
        }
    }

    private func reloading(_ id: String, _ reactions: [Reaction]) -> [Reaction] {
        reload(selecting: id)
        return reactions
    }

    override func carryOut(_ purpose: Purpose, _ dialog: Dialog) throws -> [Reaction] {
        let actions = ModelActions(env: env, context: env.context, appID: appID, app: app())
        switch (purpose, dialog) {
        case (.chooseType, .picker(let picker)):
            let type = ModelType(rawValue: picker.highlighted?.value ?? "") ?? .textClassifier
            return present(.form(ModelActions.createForm(type)), for: .create(type))
        case (.create(let type), .form(let form)):
            let model = try env.service.createModel(env.session, in: env.context, appID: appID, id: form.value("id"),
                                                    name: form.value("name"), type: type,
                                                    keywords: try ModelActions.keywords(form) ?? [:],
                                                    thresholds: try ModelActions.thresholds(form))
            reload(selecting: model.id)
            return [.flash(.info("created \(type.rawValue) \(model.id)" + (type == .textClassifier ? env.keys.suggest(.train, "; %k trains it") : "")))]
        case (.edit(let id), .form(let form)):
            return reloading(id, try actions.saveEdit(id, form))
        case (.delete(let id), .confirm):
            try env.service.deleteModel(env.session, in: env.context, appID: appID, id: id)
            _ = reload()
            return [.flash(.info("deleted model \(id)"))]
        case (.visibility(let id), .confirm):
            guard let model = state.all.first(where: { $0.id == id }) else { return [] }
            return reloading(id, try actions.toggleVisibility(model))
        case (.train(let id), .confirm):
            guard let model = state.all.first(where: { $0.id == id }) else { return [] }
            return reloading(id, actions.train(model))
        case (.chooseType, _), (.create, _), (.edit, _), (.delete, _), (.visibility, _), (.train, _):
            return []
        }
    }

    override var listCommands: [PaneCommand] {
        let none = needsItem("model")
        let actions = ModelActions(env: env, context: env.context, appID: appID, app: app())
        return [PaneCommand(.open, "open", refusal: none), PaneCommand(.new, "new model", refusal: editRefusal),
                PaneCommand(.train, "train", refusal: none ?? actions.refusal(.trainModels)),
                PaneCommand(.star, state.list.selected?.starred == true ? "unstar" : "star", refusal: none ?? env.refusalToChange),
                PaneCommand(.edit, "edit", refusal: none ?? editRefusal),
                PaneCommand(.visibility, "visibility", refusal: none ?? actions.refusal(.setModelVisibility)),
                PaneCommand(.delete, "delete", refusal: none ?? editRefusal),
                PaneCommand(.filter, "search"), PaneCommand(.copyID, "copy ID", refusal: none)]
    }
}
