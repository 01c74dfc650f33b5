import Foundation
#if canImport(Glibc)
import Glibc
#endif

// MARK: - Training jobs: versions queued, trained by a worker, recovered when the worker dies
extension OrgService {
    /// Seconds without a heartbeat after which a version's worker counts as gone, wherever it ran.
    public static let trainingHeartbeatTimeout: TimeInterval = 120
    /// How many times a version is started before a dead worker fails it.
    public static let trainingAttempts = 2

    /// The model's versions, newest first.
    public func versions(_ session: Session, in context: Context, appID: String, modelID: String) throws -> [ModelVersion] {
        try checkedRead { tx in
            let model = try readableModel(tx, session, context, appID: appID, modelID: modelID, action: .seeApps)
            return try tx.versions(modelKey: model.key).map(\.version)
        }
    }

    /// Queues a new version of the model for training and returns it (`queued`). Refused at once,
    /// saying what is missing, when there is not enough to learn from.
    public func trainModel(_ session: Session, in context: Context, appID: String, modelID: String) throws -> ModelVersion {
        if isReadOnly { throw CoreError.readOnly }
        return try change { tx in
            let (access, stored, model) = try changeableModel(tx, session, context, appID: appID, modelID: modelID,
                                                              action: .trainModels, auditAction: "model.train")
            if model.model.type == .textClassifier {
                let counts = try tx.labelledTextCounts(appKey: stored.key)
                if counts.count < 2 {
                    let have = counts.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value))" }
                    throw CoreError.conflict("training needs labelled text inputs in at least two concepts; app \(stored.app.id) has "
                                             + (have.isEmpty ? "none" : "only " + have.joined(separator: ", ")))
                }
            }
            let id = Self.newVersionID()
            let key = try tx.insertVersion(modelKey: model.key, id: id, createdBy: session.user.id, at: now)
            try tx.touchModel(key: model.key, at: now)
            guard let version = try tx.version(key: key) else { throw CoreError(.failure, "the version was not stored") }
            try tx.appendAudit(record(session, organizationID: access.organizationID, action: "model.train",
                                      target: "\(stored.app.id)/\(modelID)", details: "version \(version.number) \(id) queued"))
            try noteActivity(tx, access)
            return version
        }
    }

    /// Stops a version: a queued one is cancelled at once; a training one stops at its worker's
    /// next step. A finished version is refused.
    public func cancelTraining(_ session: Session, in context: Context, appID: String, modelID: String,
                               versionID: String) throws -> ModelVersion {
        if isReadOnly { throw CoreError.readOnly }
        return try change { tx in
            let (access, stored, model) = try changeableModel(tx, session, context, appID: appID, modelID: modelID,
                                                              action: .trainModels, auditAction: "model.cancel")
            let (key, version) = try findVersion(tx, model, versionID)
            guard !version.status.isFinished else {
                throw CoreError.conflict("version \(version.number) is already \(version.status.rawValue)")
            }
            _ = try tx.requestCancel(key: key, at: now)
            try tx.appendAudit(record(session, organizationID: access.organizationID, action: "model.cancel",
                                      target: "\(stored.app.id)/\(modelID)", details: "version \(version.number) \(versionID)"))
            return try tx.version(key: key) ?? version
        }
    }

    /// Deletes a version that is not training (cancel it first).
    public func deleteVersion(_ session: Session, in context: Context, appID: String, modelID: String, versionID: String) throws {
        if isReadOnly { throw CoreError.readOnly }
        try change { tx in
            let (access, stored, model) = try changeableModel(tx, session, context, appID: appID, modelID: modelID,
                                                              action: .trainModels, auditAction: "model.version_delete")
            let (key, version) = try findVersion(tx, model, versionID)
            guard version.status != .training else {
                throw CoreError.conflict("version \(version.number) is training: cancel it first")
            }
            let users = try tx.workflowsUsing(appKey: stored.key, modelID: modelID, versionID: versionID)
            guard users.isEmpty else {
                throw CoreError.conflict("version \(version.number) is pinned by workflows \(users.joined(separator: ", ")): "
                                         + "edit them first")
            }
            try tx.deleteVersion(key: key)
            try tx.touchModel(key: model.key, at: now)
            try tx.appendAudit(record(session, organizationID: access.organizationID, action: "model.version_delete",
                                      target: "\(stored.app.id)/\(modelID)", details: "version \(version.number) \(versionID)"))
            try noteActivity(tx, access)
        }
    }

    /// `v-` and 12 random hex digits.
    static func newVersionID() -> String { "v-" + Hex.random(bytes: 6) }

    func findVersion(_ tx: StoreTransaction, _ model: StoredModel, _ id: String) throws -> (Int64, ModelVersion) {
        guard let found = try tx.version(modelKey: model.key, id: id) else {
            throw CoreError.notFound("no version \(Validation.visible(id)) of model \(model.model.id)")
        }
        return found
    }

    /// Puts back in the queue (or, after `trainingAttempts` starts, fails) every version whose
    /// worker is gone: its process no longer runs on this machine, or it has not been heard of
    /// for `trainingHeartbeatTimeout`. Returns how many it recovered. Run by every process that
    /// trains, before it takes a job, and by the console when it opens.
    @discardableResult
    public func recoverTrainingJobs() throws -> Int {
        if isReadOnly { return 0 }
        let running = try store.read { tx in try tx.runningVersions() }
        let gone = running.filter { !TrainingWorkerID.isAlive($0.worker, heartbeat: $0.heartbeat, now: now) }
        guard !gone.isEmpty else { return 0 }
        return try store.write { tx in
            for version in gone {
                let who = TrainingWorkerID.describe(version.worker)
                let requeue = version.attempts < Self.trainingAttempts
                let reason = requeue ? "started again: \(who) stopped while training it"
                                     : "\(who) stopped while training it, \(version.attempts) times; train again to retry"
                try tx.recoverVersion(key: version.key, requeue: requeue, reason: reason, at: now)
                Log.warning("training version \(version.key): \(reason)")
            }
            return gone.count
        }
    }
}

/// Names the process that trains a version, so another process can tell whether it still runs:
/// `host:pid:nonce`.
public enum TrainingWorkerID {
    /// A new identity for a worker of this process.
    public static func make() -> String {
        "\(hostName()):\(getpid()):\(Hex.random(bytes: 4))"
    }

    static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unknown" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// False when the worker is known dead (its process is gone here) or silent too long.
    static func isAlive(_ worker: String?, heartbeat: Date?, now: Date) -> Bool {
        guard let worker, let heartbeat, now.timeIntervalSince(heartbeat) < OrgService.trainingHeartbeatTimeout else { return false }
        let parts = worker.split(separator: ":")
        guard parts.count == 3, String(parts[0]) == hostName(), let pid = pid_t(parts[1]) else { return true }
        return kill(pid, 0) == 0 || errno != ESRCH
    }

    /// "the process 4242 on host" for messages.
    static func describe(_ worker: String?) -> String {
        let parts = worker?.split(separator: ":") ?? []
        guard parts.count == 3 else { return "the process training it" }
        return "process \(parts[1]) on \(parts[0])"
    }
}
