import OrgdeckCore

/// The model operations the Models section and a model's page share: forms, star, train,
/// visibility, each asking the permission table first.
struct ModelActions {
    let env: PaneEnvironment
    let context: Context
    let appID: String
    let app: App?
    /// Reached as a public model of an organization the user is not a member of.
    var outsider = false

    /// Why `action` is refused on this model now, or nil (a collaborator: by their scopes).
    func refusal(_ action: Action) -> String? {
        if outsider { return "this public model belongs to organization \(context); only its members change it" }
        return env.refusal(action, app: app, scopes: [action == .trainModels ? .modelsTrain : .modelsWrite])
    }

    static func createForm(_ type: ModelType) -> FormState {
        var fields = [FormField(key: "id", label: "Model ID", hint: AppActions.idHint, maxLength: 32),
                      FormField(key: "name", label: "Name", maxLength: 100)]
        if type == .keywordTagger {
            fields.append(FormField(key: "keywords", label: "Keywords", hint: "billing: refund, credit card; shipping: parcel",
                                    maxLength: 4_000))
        }
        if type == .conceptThresholder {
            fields.append(thresholdsField(.standard))
        }
        return FormState(title: "New \(type.rawValue)", fields: fields, submitLabel: "Create")
    }

    static func editForm(_ model: AppModel) -> FormState {
        var fields = [FormField(key: "name", label: "Name", value: model.name, maxLength: 100)]
        if model.type == .keywordTagger {
            fields.append(FormField(key: "keywords", label: "Keywords",
                                    value: KeywordList.format(model.keywords).replacingOccurrences(of: "\n", with: "; "),
                                    hint: "concept: keyword, phrase; another: keyword", maxLength: 4_000))
        }
        if let thresholds = model.thresholds {
            fields.append(thresholdsField(thresholds))
        }
        return FormState(title: "Edit model \(model.id)", fields: fields)
    }

    /// A concept thresholder's thresholds, as `--threshold` takes them.
    private static func thresholdsField(_ thresholds: ConceptThresholds) -> FormField {
        FormField(key: "threshold", label: "Thresholds", value: thresholds.text,
                  hint: "0.5 for every concept; billing=0.7 for one; both: 0.5,billing=0.7", maxLength: 2_000)
    }

    /// The thresholds typed in a form; nil when the form has none.
    static func thresholds(_ form: FormState) throws -> ConceptThresholds? {
        guard form.has("threshold") else { return nil }
        return try ConceptThresholds.parse(form.value("threshold"))
    }

    /// The keywords typed in a form, concepts separated by `;`; nil when the form has none.
    static func keywords(_ form: FormState) throws -> [String: [String]]? {
        guard form.has("keywords") else { return nil }
        return try KeywordList.parse(form.value("keywords").replacingOccurrences(of: ";", with: "\n"))
    }

    static func visibilityConfirm(_ model: AppModel) -> ConfirmState {
        model.visibility == .private
            ? ConfirmState(title: "Make public", message: "Make \(model.id) public? Any signed-in user will be able to see it, "
                           + "star it and predict with it.", requiredText: nil, verb: "make public")
            : ConfirmState(title: "Make private", message: "Make \(model.id) private? Only those who reach app \(model.appID) "
                           + "will see it.", requiredText: nil, verb: "make private")
    }

    func saveEdit(_ id: String, _ form: FormState) throws -> [Reaction] {
        _ = try env.service.updateModel(env.session, in: context, appID: appID, id: id, name: form.value("name"),
                                        keywords: try Self.keywords(form), thresholds: try Self.thresholds(form))
        return [.flash(.info("saved model \(id)"))]
    }

    func star(_ model: AppModel) -> [Reaction] {
        if let reason = env.refusalToChange { return refused(reason) }
        do {
            let updated = try env.service.starModel(env.session, in: context, appID: appID, id: model.id, starred: !model.starred)
            return [.flash(.info(updated.starred ? "starred \(model.id)" : "unstarred \(model.id)"))]
        } catch { return [.flash(.error(error.userMessage))] }
    }

    /// Training is billed per input: `T` says how many and about how much before it queues.
    func trainConfirm(_ model: AppModel) -> ConfirmState {
        var message = model.type == .keywordTagger
            ? "Train \(model.id)? The version fixes its keywords and is measured on the labelled inputs that carry its "
                + "concepts, each billed as a training input."
            : "Train \(model.id)? The version fixes its thresholds (\(model.thresholds?.summary ?? "0.5")); "
                + "no input is read or billed."
        // A text classifier learns from every labelled text input, each metered: say how many.
        if model.type == .textClassifier,
           let estimate = try? env.service.trainingEstimate(env.session, in: context, appID: appID, modelID: model.id) {
            message = "Train \(model.id) on \(estimate.inputs) labelled inputs? Each is billed as a training input: about "
                + "\(Money.cents(estimate.amountMicros)) \(Money.currency) (\(Money.exact(estimate.unitPriceMicros)) each)."
        }
        return ConfirmState(title: "Train \(model.id)", message: message, requiredText: nil, verb: "train")
    }

    func train(_ model: AppModel) -> [Reaction] {
        if let reason = refusal(.trainModels) { return refused(reason) }
        do {
            let version = try env.service.trainModel(env.session, in: context, appID: appID, modelID: model.id)
            return [.effect(.job(.wakeTrainer)), .flash(.info("\(model.id) v\(version.number) queued for training"))]
        } catch { return [.flash(.error(error.userMessage))] }
    }

    func toggleVisibility(_ model: AppModel) throws -> [Reaction] {
        let next: ModelVisibility = model.visibility == .private ? .public : .private
        _ = try env.service.setModelVisibility(env.session, in: context, appID: appID, id: model.id, next)
        return [.flash(.info("\(model.id) is now \(next.rawValue)"))]
    }
}
