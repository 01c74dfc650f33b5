import OrgdeckCore

/// What the Overview tab of a model shows: its details and the prediction box.
public struct PredictState: Equatable, Sendable {
    public var text = TextField("", maxLength: 10_000)
    /// Whether keys go into the text box.
    public var editing = false
    /// The version chosen with `v`; nil for the latest trained.
    public var versionID: String?
    /// Trained versions, newest first.
    public var trained: [ModelVersion] = []
    public var result: Prediction?
    public var error: String?
    /// The text last predicted with metering: a text is billed once, when typing rests on it.
    public var meteredText = ""
}

/// The model's Overview: Enter puts the cursor in the text box, and what is typed is predicted
/// as it is typed (the version's parameters are decoded once); `v` chooses the version.
public final class PredictSection: SectionModel, DialogOwner {
    enum Purpose: Equatable, Sendable { case version }

    public internal(set) var state = PredictState()
    let env: PaneEnvironment
    public let ref: ModelRef
    private let model: () -> AppModel?
    var open: DialogSlot<Purpose>?
    public let screen: Screen
    public var title: String { "Overview" }

    init(env: PaneEnvironment, ref: ModelRef, model: @escaping () -> AppModel?) {
        self.env = env; self.ref = ref; self.model = model; self.screen = .model(ref)
    }

    public var dialog: Dialog? { openDialog }
    public var acceptsText: Bool { dialog?.acceptsText ?? state.editing }

    /// Settled once the text on screen has been predicted with metering (or cannot be).
    public var isSettled: Bool {
        state.result == nil || state.text.text == state.meteredText
    }

    /// Typing has rested: the text on screen is predicted once more, billed.
    public func settle() { if !isSettled { predict(metered: true) } }

    public func reload() -> [Reaction] {
        state.trained = ((try? env.service.versions(env.session, in: ref.context, appID: ref.appID, modelID: ref.modelID)) ?? [])
            .filter { $0.status == .trained }
        if let chosen = state.versionID, !state.trained.contains(where: { $0.id == chosen }) { state.versionID = nil }
        predict()
        return []
    }

    /// Predicts the text on screen. Keys typed show a preview that is not billed; the text
    /// typing rests on (`settle`), or Enter, is billed once.
    func predict(metered: Bool = false) {
        guard !state.text.text.trimmingCharacters(in: .whitespaces).isEmpty else {
            state.result = nil; state.error = nil
            return
        }
        do {
            state.result = try env.service.predict(env.session, in: ref.context, appID: ref.appID, modelID: ref.modelID,
                                                   texts: [state.text.text], versionID: state.versionID, metered: metered).first
            if metered { state.meteredText = state.text.text }
            state.error = nil
        } catch {
            state.result = nil
            state.error = error.userMessage
        }
    }

    public func send(_ event: ConsoleEvent) -> [Reaction]? {
        if let reactions = routeDialog(event) { return reactions }
        if state.editing {
            switch event {
            case .submit: if state.text.text != state.meteredText { predict(metered: true) }
            case .cancel, .back: state.editing = false
            default:
                let before = state.text.text
                _ = state.text.apply(event)
                if state.text.text != before { predict() }
            }
            return []
        }
        switch event {
        case .open:
            if let reason = refusalOfText { return refused(reason) }
            state.editing = true
            return []
        case .toggleView:
            guard !state.trained.isEmpty else { return refused("no trained version yet" + env.keys.suggest(.train, ": %k trains one")) }
            var options = [PickerOption(value: "", label: "latest trained", detail: "v\(state.trained[0].number)")]
            options += state.trained.map { version in
                PickerOption(value: version.id, label: "v\(version.number)  \(version.id)",
                             detail: version.metrics.map { "accuracy " + Percent.text($0.accuracy) } ?? "")
            }
            return present(.picker(PickerState(title: "Predict with", options: options, selected: state.versionID ?? "")), for: .version)
        default: return nil
        }
    }

    func carryOut(_ purpose: Purpose, _ dialog: Dialog) throws -> [Reaction] {
        guard case .picker(let picker) = dialog else { return [] }
        let value = picker.highlighted?.value ?? ""
        state.versionID = value.isEmpty ? nil : value
        state.meteredText = ""
        predict()
        return []
    }

    /// Why this model predicts on no typed text (a concept thresholder takes concepts), or nil.
    public var refusalOfText: String? {
        model()?.type == .conceptThresholder
            ? "a concept thresholder takes concepts, not text: it runs in a workflow, after a model that finds them" : nil
    }

    public var commands: [PaneCommand] {
        if let dialog { return dialog.commands }
        if state.editing { return [PaneCommand(.cancel, "leave the text box")] }
        return [PaneCommand(.open, "predict (billed per pause)", refusal: refusalOfText),
                PaneCommand(.toggleView, "version", refusal: state.trained.isEmpty ? "no trained version yet" : nil)]
    }
}

/// Figures as people read them.
public enum Percent {
    /// "93.4%".
    public static func text(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }
}
