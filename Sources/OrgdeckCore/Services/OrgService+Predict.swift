import Foundation

// MARK: - Predicting with a trained version
extension OrgService {
    /// Runs `texts` through a trained version of the model (`versionID`, or the latest trained),
    /// one prediction per text in order. Anyone who may predict on the app may, and anyone
    /// signed in for a public model. Each text is one metered prediction, written in the
    /// transaction that finds the version (even in read-only mode: metering is bookkeeping);
    /// `metered: false` is the console's preview while typing, which meters the text it rests on.
    public func predict(_ session: Session, in context: Context, appID: String, modelID: String, texts: [String],
                        versionID: String? = nil, metered: Bool = true) throws -> [Prediction] {
        let body = { (tx: StoreTransaction) throws -> (String, TrainedParameters) in
            let model = try self.readableModel(tx, session, context, appID: appID, modelID: modelID, action: .predict)
            guard model.model.type.takesText else {
                throw CoreError.invalid("model", "\(modelID) is a concept thresholder: it takes concepts, not text; run it in a workflow")
            }
            if metered { try self.meter(tx, .predict, quantity: texts.count, appKey: model.appKey, userID: session.user.id, source: session.source) }
            return try self.trainedParameters(tx, model, versionID: versionID)
        }
        let (id, parameters) = metered ? try change(bookkeeping: true, body) : try checkedRead(body)
        return texts.map { Prediction(versionID: id, concepts: parameters.scores($0)) }
    }
}

extension OrgService {
    /// The parameters of the model's version `versionID`, or of its latest trained one, which
    /// must be trained (decoded once, then cached). `place` starts the refusals ("node n2: ").
    func trainedParameters(_ tx: StoreTransaction, _ model: StoredModel, versionID: String?,
                           place: String = "") throws -> (String, TrainedParameters) {
        let key: Int64, version: ModelVersion
        if let versionID {
            (key, version) = try findVersion(tx, model, versionID)
            guard version.status == .trained else {
                throw CoreError.conflict("\(place)version \(version.number) of model \(model.model.id) is \(version.status.rawValue); choose a trained one")
            }
        } else {
            guard let latest = try tx.versions(modelKey: model.key, status: .trained, limit: 1).first else {
                throw CoreError.conflict("\(place)model \(model.model.id) has no trained version yet: train it first")
            }
            (key, version) = latest
        }
        if let cached = parameterCache[version.id] { return (version.id, cached) }
        guard let data = try tx.versionParameters(key: key),
              let parameters = try? JSONDecoder().decode(TrainedParameters.self, from: data) else {
            throw StoreErrors.damaged(table: "model_versions", row: String(key), column: "parameters")
        }
        parameterCache[version.id] = parameters
        return (version.id, parameters)
    }
}

/// The last few versions' parameters, decoded: predicting key by key in the console, or a file
/// line by line, must not decode a large vocabulary each time. A version's parameters never
/// change, and its ID is never reused, so entries need no invalidation.
final class ParameterCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [(id: String, parameters: TrainedParameters)] = []
    private let capacity = 4

    subscript(id: String) -> TrainedParameters? {
        get { lock.withLock { entries.first { $0.id == id }?.parameters } }
        set {
            guard let newValue else { return }
            lock.withLock {
                entries.removeAll { $0.id == id }
                entries.insert((id, newValue), at: 0)
                if entries.count > capacity { entries.removeLast() }
            }
        }
    }
}
