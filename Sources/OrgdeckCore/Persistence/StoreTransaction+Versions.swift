import Foundation
import GRDB

/// A claimed training job: what the worker needs to train one version.
struct TrainingJob: Sendable {
    var versionKey: Int64
    var versionID: String
    var modelKey: Int64
    var appKey: Int64
    var type: ModelType
    var keywords: [String: [String]]
    /// Who queued it (0 when their account is gone): training is metered to them.
    var createdBy: Int64
    /// A concept thresholder's thresholds as they were when the job was taken.
    var thresholds: ConceptThresholds?
}

/// A version being trained, as recovery sees it.
struct RunningVersion: Sendable {
    var key: Int64
    var worker: String?
    var heartbeat: Date?
    var attempts: Int
}

// MARK: - Model versions and training jobs
extension StoreTransaction {
    private static let versionColumns = """
        v.key, v.version_id, v.number, v.status, v.progress, v.reason, v.metrics, v.input_count, v.created_at,
        v.finished_at, u.username
        """

    /// The model's versions, newest first.
    func versions(modelKey: Int64, status: ModelVersion.Status? = nil, limit: Int = -1) throws -> [(key: Int64, version: ModelVersion)] {
        var sql = "SELECT \(Self.versionColumns) FROM model_versions v LEFT JOIN users u ON u.id = v.created_by WHERE v.model_key = ?"
        var arguments: StatementArguments = [modelKey]
        if let status { sql += " AND v.status = ?"; arguments += [status.rawValue] }
        return try Row.fetchAll(db, sql: sql + " ORDER BY v.number DESC LIMIT ?", arguments: arguments + [limit]).map(storedVersion)
    }

    func version(modelKey: Int64, id: String) throws -> (key: Int64, version: ModelVersion)? {
        try Row.fetchOne(db, sql: "SELECT \(Self.versionColumns) FROM model_versions v LEFT JOIN users u ON u.id = v.created_by "
                         + "WHERE v.model_key = ? AND v.version_id = ?", arguments: [modelKey, id]).map(storedVersion)
    }

    func version(key: Int64) throws -> ModelVersion? {
        try Row.fetchOne(db, sql: "SELECT \(Self.versionColumns) FROM model_versions v LEFT JOIN users u ON u.id = v.created_by "
                         + "WHERE v.key = ?", arguments: [key]).map(storedVersion)?.version
    }

    private func storedVersion(_ row: Row) throws -> (key: Int64, version: ModelVersion) {
        let read = RowReader(row, table: "model_versions", key: "key")
        let key: Int64 = try read("key")
        let metricsText: String? = try read("metrics")
        let metrics = try metricsText.map { text in
            guard let value = try? JSONDecoder().decode(ClassificationMetrics.self, from: Data(text.utf8)) else {
                throw StoreErrors.damaged(table: "model_versions", row: read.rowLabel, column: "metrics")
            }
            return value
        }
        let concepts = try String.fetchAll(db.cachedStatement(sql: "SELECT concept_id FROM version_concepts WHERE version_key = ? ORDER BY concept_id"),
                                           arguments: [key])
        return (key, ModelVersion(id: try read("version_id"), number: try read("number"), status: try read.choice("status"),
                                  progress: try read("progress"), reason: try read("reason"), metrics: metrics, concepts: concepts,
                                  inputCount: try read("input_count"), createdBy: try read("username"),
                                  createdAt: try read.date("created_at"), finishedAt: try read.optionalDate("finished_at")))
    }

    func insertVersion(modelKey: Int64, id: String, createdBy: Int64, at: Date) throws -> Int64 {
        let number = (try Int.fetchOne(db, sql: "SELECT MAX(number) FROM model_versions WHERE model_key = ?", arguments: [modelKey]) ?? 0) + 1
        try db.execute(sql: """
            INSERT INTO model_versions (model_key, version_id, number, status, created_by, created_at)
            VALUES (?, ?, ?, 'queued', ?, ?)
            """, arguments: [modelKey, id, number, createdBy, at.storedValue])
        return db.lastInsertedRowID
    }

    func deleteVersion(key: Int64) throws {
        try db.execute(sql: "DELETE FROM model_versions WHERE key = ?", arguments: [key])
    }

    func hasQueuedVersion() throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM model_versions WHERE status = 'queued')") ?? false
    }

    /// The oldest queued version, marked as training by `worker`.
    func claimQueuedVersion(worker: String, at: Date) throws -> TrainingJob? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT v.key, v.version_id, v.model_key, m.app_key, m.type, m.keywords, m.thresholds,
                   COALESCE(v.created_by, 0) AS created_by
            FROM model_versions v JOIN models m ON m.key = v.model_key
            WHERE v.status = 'queued' ORDER BY v.key LIMIT 1
            """) else { return nil }
        let read = RowReader(row, table: "model_versions", key: "key")
        let keywordsText: String = try read("keywords")
        let job = TrainingJob(versionKey: try read("key"), versionID: try read("version_id"), modelKey: try read("model_key"),
                              appKey: try read("app_key"), type: try read.choice("type"),
                              keywords: (try? JSONDecoder().decode([String: [String]].self, from: Data(keywordsText.utf8))) ?? [:],
                              createdBy: try read("created_by"),
                              thresholds: try? JSONDecoder().decode(ConceptThresholds.self, from: Data((try read("thresholds") as String).utf8)))
        try db.execute(sql: """
            UPDATE model_versions SET status = 'training', worker = ?, heartbeat_at = ?, started_at = ?, progress = 0,
                attempts = attempts + 1
            WHERE key = ?
            """, arguments: [worker, at.storedValue, at.storedValue, job.versionKey])
        return job
    }

    /// Records progress and that the worker is alive; returns whether a cancel was asked for,
    /// or nil when the version is no longer this worker's (deleted, recovered by another process).
    func heartbeat(versionKey: Int64, worker: String, progress: Double, at: Date) throws -> Bool? {
        try db.execute(sql: "UPDATE model_versions SET progress = ?, heartbeat_at = ? WHERE key = ? AND status = 'training' AND worker = ?",
                       arguments: [progress, at.storedValue, versionKey, worker])
        guard db.changesCount == 1 else { return nil }
        return try Bool.fetchOne(db, sql: "SELECT cancel_requested FROM model_versions WHERE key = ?", arguments: [versionKey]) ?? false
    }

    /// Ends a version the worker holds; false when it is no longer the worker's.
    func finishVersion(key: Int64, worker: String, status: ModelVersion.Status, reason: String?, parameters: Data?,
                       metrics: ClassificationMetrics?, concepts: [String], inputCount: Int, at: Date) throws -> Bool {
        let metricsText = try metrics.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        try db.execute(sql: """
            UPDATE model_versions SET status = ?, reason = ?, parameters = ?, metrics = ?, input_count = ?, progress = ?,
                finished_at = ?, worker = NULL, heartbeat_at = NULL
            WHERE key = ? AND status = 'training' AND worker = ?
            """, arguments: [status.rawValue, reason, parameters, metricsText, inputCount, status == .trained ? 1.0 : 0.0,
                             at.storedValue, key, worker])
        guard db.changesCount == 1 else { return false }
        for concept in concepts {
            try db.execute(sql: "INSERT OR IGNORE INTO version_concepts (version_key, concept_id) VALUES (?, ?)", arguments: [key, concept])
        }
        return true
    }

    /// Asks for a version's training to stop: a queued one is cancelled at once (true), a
    /// training one is flagged for its worker (false).
    func requestCancel(key: Int64, at: Date) throws -> Bool {
        try db.execute(sql: "UPDATE model_versions SET status = 'cancelled', reason = 'cancelled before it started', finished_at = ? "
                       + "WHERE key = ? AND status = 'queued'", arguments: [at.storedValue, key])
        if db.changesCount == 1 { return true }
        try db.execute(sql: "UPDATE model_versions SET cancel_requested = 1 WHERE key = ? AND status = 'training'", arguments: [key])
        return false
    }

    func runningVersions() throws -> [RunningVersion] {
        try Row.fetchAll(db, sql: "SELECT key, worker, heartbeat_at, attempts FROM model_versions WHERE status = 'training'").map { row in
            let read = RowReader(row, table: "model_versions", key: "key")
            return RunningVersion(key: try read("key"), worker: try read("worker"), heartbeat: try read.optionalDate("heartbeat_at"),
                                  attempts: try read("attempts"))
        }
    }

    /// Puts a version whose worker is gone back in the queue, or fails it with `reason`.
    func recoverVersion(key: Int64, requeue: Bool, reason: String, at: Date) throws {
        if requeue {
            try db.execute(sql: "UPDATE model_versions SET status = 'queued', worker = NULL, heartbeat_at = NULL, progress = 0, reason = ? "
                           + "WHERE key = ? AND status = 'training'", arguments: [reason, key])
        } else {
            try db.execute(sql: "UPDATE model_versions SET status = 'failed', worker = NULL, heartbeat_at = NULL, reason = ?, finished_at = ? "
                           + "WHERE key = ? AND status = 'training'", arguments: [reason, at.storedValue, key])
        }
    }

    func versionParameters(key: Int64) throws -> Data? {
        try Data.fetchOne(db, sql: "SELECT parameters FROM model_versions WHERE key = ?", arguments: [key])
    }

    /// "sentiment v2" for each trained version of the app's models that predicts `conceptID`.
    func trainedVersionsUsing(appKey: Int64, conceptID: String) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT m.model_id || ' v' || v.number FROM version_concepts vc
            JOIN model_versions v ON v.key = vc.version_key JOIN models m ON m.key = v.model_key
            WHERE m.app_key = ? AND vc.concept_id = ? AND v.status = 'trained' ORDER BY m.model_id, v.number
            """, arguments: [appKey, conceptID])
    }

    /// The app's labelled text inputs, oldest first, for training.
    func trainingExamples(appKey: Int64) throws -> [TextClassifierTraining.Example] {
        try Row.fetchAll(db, sql: """
            SELECT i.key, i.text, group_concat(c.concept_id, char(31)) AS concepts
            FROM inputs i JOIN input_concepts ic ON ic.input_key = i.key JOIN concepts c ON c.key = ic.concept_key
            WHERE i.app_key = ? AND i.kind = 'text' GROUP BY i.key ORDER BY i.key
            """, arguments: [appKey]).map { row in
            let read = RowReader(row, table: "inputs", key: "key")
            let concepts: String = try read("concepts")
            return TextClassifierTraining.Example(text: try read("text"), concepts: concepts.split(separator: "\u{1F}").map(String.init))
        }
    }

    /// How many inputs `trainingExamples` would read now: what `T` says training will meter.
    func trainingExampleCount(appKey: Int64) throws -> Int {
        try Int.fetchOne(db, sql: """
            SELECT COUNT(DISTINCT i.key)
            FROM inputs i JOIN input_concepts ic ON ic.input_key = i.key JOIN concepts c ON c.key = ic.concept_key
            WHERE i.app_key = ? AND i.kind = 'text'
            """, arguments: [appKey]) ?? 0
    }

    /// How many labelled text inputs each concept of the app has (concepts with none left out).
    func labelledTextCounts(appKey: Int64) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT c.concept_id, COUNT(*) AS n FROM concepts c JOIN input_concepts ic ON ic.concept_key = c.key
            JOIN inputs i ON i.key = ic.input_key WHERE c.app_key = ? AND i.kind = 'text' GROUP BY c.key
            """, arguments: [appKey]) {
            let read = RowReader(row, table: "concepts", key: "concept_id")
            counts[try read("concept_id")] = try read("n")
        }
        return counts
    }
}

extension StoreTransaction {
    /// The app ID and model ID of a model, for messages and outcomes.
    func modelNames(modelKey: Int64) throws -> (String, String)? {
        guard let row = try Row.fetchOne(db, sql: "SELECT a.app_id, m.model_id FROM models m JOIN apps a ON a.key = m.app_key WHERE m.key = ?",
                                         arguments: [modelKey]) else { return nil }
        let read = RowReader(row, table: "models", key: "model_id")
        return (try read("app_id"), try read("model_id"))
    }
}

extension StoreTransaction {
    /// Stores a version that was trained in place (the demo's), finished at `at`.
    func insertTrainedVersion(modelKey: Int64, id: String, createdBy: Int64, at: Date, parameters: Data,
                              metrics: ClassificationMetrics?, concepts: [String], inputCount: Int) throws {
        let key = try insertVersion(modelKey: modelKey, id: id, createdBy: createdBy, at: at)
        try db.execute(sql: "UPDATE model_versions SET status = 'training', worker = 'seed', started_at = ? WHERE key = ?",
                       arguments: [at.storedValue, key])
        _ = try finishVersion(key: key, worker: "seed", status: .trained, reason: nil, parameters: parameters, metrics: metrics,
                              concepts: concepts, inputCount: inputCount, at: at.addingTimeInterval(4))
    }
}
