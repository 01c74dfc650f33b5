import Foundation
import GRDB

// MARK: - Copying an app's content into its duplicate
extension StoreTransaction {
    /// Copies concepts, inputs with their labels, models with their latest trained version (as
    /// version 1, under a new ID) and workflows from one app to another. A workflow node pinned
    /// to the version that was copied points at the copy; pinned to an older one, it follows the
    /// latest trained. Stars stay with the original; copies start private. Returns how many
    /// inputs, models and workflows were copied.
    func copyContent(from source: Int64, to target: Int64, createdBy: Int64, at: Date,
                     newVersionID: () -> String) throws -> (inputs: Int, models: Int, workflows: Int) {
        try db.execute(sql: "INSERT INTO concepts (app_key, concept_id, name, created_at) SELECT ?, concept_id, name, ? FROM concepts WHERE app_key = ?",
                       arguments: [target, at.storedValue, source])
        try db.execute(sql: """
            INSERT INTO inputs (app_key, input_id, kind, text, data, media_type, size, width, height, sha256, source, created_by, created_at)
            SELECT ?, input_id, kind, text, data, media_type, size, width, height, sha256, source, created_by, created_at
            FROM inputs WHERE app_key = ?
            """, arguments: [target, source])
        let inputs = db.changesCount
        try db.execute(sql: """
            INSERT INTO input_concepts (input_key, concept_key)
            SELECT ni.key, nc.key FROM input_concepts ic
            JOIN inputs oi ON oi.key = ic.input_key JOIN concepts oc ON oc.key = ic.concept_key
            JOIN inputs ni ON ni.app_key = ? AND ni.sha256 = oi.sha256
            JOIN concepts nc ON nc.app_key = ? AND nc.concept_id = oc.concept_id
            WHERE oi.app_key = ?
            """, arguments: [target, target, source])
        let models = try Row.fetchAll(db, sql: "SELECT key, model_id, name, type, keywords, thresholds FROM models WHERE app_key = ?",
                                      arguments: [source])
        var copiedVersions: [String: String] = [:]
        for row in models {
            let read = RowReader(row, table: "models", key: "key")
            let oldKey: Int64 = try read("key")
            try db.execute(sql: """
                INSERT INTO models (app_key, model_id, name, type, keywords, thresholds, created_by, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [target, try read("model_id") as String, try read("name") as String, try read("type") as String,
                                 try read("keywords") as String, try read("thresholds") as String, createdBy, at.storedValue,
                                 at.storedValue])
            let newKey = db.lastInsertedRowID
            guard let latestRow = try Row.fetchOne(db, sql: """
                SELECT key, version_id FROM model_versions WHERE model_key = ? AND status = 'trained' ORDER BY number DESC LIMIT 1
                """, arguments: [oldKey]) else { continue }
            let latestRead = RowReader(latestRow, table: "model_versions", key: "key")
            let latest: Int64 = try latestRead("key")
            let copiedID = newVersionID()
            copiedVersions[try latestRead("version_id")] = copiedID
            try db.execute(sql: """
                INSERT INTO model_versions (model_key, version_id, number, status, progress, parameters, metrics, input_count,
                                            created_by, created_at, started_at, finished_at)
                SELECT ?, ?, 1, 'trained', 1, parameters, metrics, input_count, created_by, created_at, started_at, finished_at
                FROM model_versions WHERE key = ?
                """, arguments: [newKey, copiedID, latest])
            let versionKey = db.lastInsertedRowID
            try db.execute(sql: "INSERT INTO version_concepts (version_key, concept_id) SELECT ?, concept_id FROM version_concepts WHERE version_key = ?",
                           arguments: [versionKey, latest])
        }
        let workflows = try self.workflows(appKey: source, readerID: 0)
        for stored in workflows {
            var graph = stored.workflow.graph
            graph.nodes = graph.nodes.map { node in
                var node = node
                node.version = node.version.flatMap { copiedVersions[$0] }
                return node
            }
            _ = try insertWorkflow(appKey: target, id: stored.workflow.id, name: stored.workflow.name, graph: graph,
                                   createdBy: createdBy, at: at)
        }
        return (inputs, models.count, workflows.count)
    }
}
