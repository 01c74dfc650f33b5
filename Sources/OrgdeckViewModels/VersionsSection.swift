import OrgdeckCore

/// A model's versions, newest first: status and progress while training, metrics once trained.
/// `y` copies a version ID, `x` stops a queued or training one, `d` deletes one, Enter shows
/// its metrics.
public final class VersionsSection: ListSection<ModelVersion, VersionsSection.Purpose> {
    public enum Purpose: Equatable, Sendable {
        case delete(id: String)
        case details
    }

    public let ref: ModelRef
    private let actions: () -> ModelActions?

    init(env: PaneEnvironment, ref: ModelRef, actions: @escaping () -> ModelActions?) {
        self.ref = ref
        self.actions = actions
        super.init(env: env, title: "Versions", screen: .model(ref), searchable: false, chrome: 1)
    }

    override func load() throws -> [ModelVersion] {
        try env.service.versions(env.session, in: ref.context, appID: ref.appID, modelID: ref.modelID)
    }

    private var trainRefusal: String? { actions()?.refusal(.trainModels) ?? env.refusal(.trainModels) }

    override func handle(_ event: ConsoleEvent, selected: ModelVersion?) -> [Reaction]? {
        guard let version = selected else { return [.delete, .copyID, .cancelJob, .open].contains(event) ? [] : nil }
        switch event {
        case .copyID: return [.effect(.copy(version.id))]
        case .open: return present(.info(InfoState(title: "Version \(version.number)", rows: Self.details(version))), for: .details)
        case .delete:
            if let trainRefusal { return refused(trainRefusal) }
            if version.status == .training { return refused("version \(version.number) is training: x stops it first") }
            return present(.confirm(ConfirmState(title: "Delete version",
                message: "Delete version \(version.number) (\(version.id)) of \(ref.modelID)? Type the version number to confirm.",
                requiredText: String(version.number), verb: "delete")), for: .delete(id: version.id))
        case .cancelJob:
            if let reason = trainRefusal ?? Self.refusalToStop(version) { return refused(reason) }
            do {
                let stopped = try env.service.cancelTraining(env.session, in: ref.context, appID: ref.appID, modelID: ref.modelID,
                                                             versionID: version.id)
                reload(selecting: version.id)
                return [.flash(.info(stopped.status == .cancelled ? "version \(version.number) cancelled"
                                     : "version \(version.number) stops at its next step"))]
            } catch { return [.flash(.error(error.userMessage))] }
        default: return nil
        }
    }

    override func carryOut(_ purpose: Purpose, _ dialog: Dialog) throws -> [Reaction] {
        switch (purpose, dialog) {
        case (.delete(let id), .confirm):
            try env.service.deleteVersion(env.session, in: ref.context, appID: ref.appID, modelID: ref.modelID, versionID: id)
            _ = reload()
            return [.flash(.info("deleted version \(id)"))]
        case (.delete, _), (.details, _):
            return []
        }
    }

    static func details(_ version: ModelVersion) -> [InfoRow] {
        var rows = [InfoRow("ID", version.id), InfoRow("Status", version.status.rawValue)]
        if let reason = version.reason { rows.append(InfoRow("Reason", reason)) }
        rows.append(InfoRow("Inputs", String(version.inputCount)))
        if let metrics = version.metrics {
            rows.append(InfoRow("Accuracy", "\(Percent.text(metrics.accuracy)) on \(metrics.evaluated) held-out inputs"))
            for (name, figures) in metrics.sortedClasses {
                rows.append(InfoRow(name, "precision \(Percent.text(figures.precision))  recall \(Percent.text(figures.recall))  "
                                    + "F1 \(Percent.text(figures.f1))  support \(figures.support)"))
            }
        }
        return rows
    }

    /// Why `version`'s training cannot be stopped: it has finished.
    static func refusalToStop(_ version: ModelVersion) -> String? {
        version.status.isFinished ? "version \(version.number) is already \(version.status.rawValue)" : nil
    }

    override var listCommands: [PaneCommand] {
        let none = needsItem("version")
        return [PaneCommand(.open, "metrics", refusal: none), PaneCommand(.copyID, "copy version ID", refusal: none),
                PaneCommand(.delete, "delete version", refusal: none ?? trainRefusal),
                // Last: it does something only while a version trains, and the footer cuts from the end.
                PaneCommand(.cancelJob, "stop training", refusal: none ?? trainRefusal ?? state.list.selected.flatMap(Self.refusalToStop))]
    }
}
