import Foundation
import GRDB

/// A workflow row with its internal keys.
struct StoredWorkflow: Sendable {
    var key: Int64
    var appKey: Int64
    var workflow: Workflow
}

// MARK: - Workflows and their stars
extension StoreTransaction {
    private static let workflowColumns = """
        w.key, w.app_key, w.workflow_id, w.name, w.visibility, w.graph, w.version, w.created_at, w.updated_at,
        a.app_id, a.name AS app_name, u.username AS created_by,
        EXISTS (SELECT 1 FROM workflow_stars s WHERE s.workflow_key = w.key AND s.user_id = ?) AS starred
        """
    private static let workflowJoin = "workflows w JOIN apps a ON a.key = w.app_key LEFT JOIN users u ON u.id = w.created_by"

    /// The app's workflows, by ID; `search` matches ID or name.
    func workflows(appKey: Int64, readerID: Int64, search: String = "") throws -> [StoredWorkflow] {
        var sql = "SELECT \(Self.workflowColumns) FROM \(Self.workflowJoin) WHERE w.app_key = ?"
        var arguments: StatementArguments = [readerID, appKey]
        if !search.isEmpty {
            sql += " AND (w.workflow_id LIKE ? ESCAPE '\\' OR w.name LIKE ? ESCAPE '\\')"
            let pattern = "%" + Self.escapeLike(search) + "%"
            arguments += [pattern, pattern]
        }
        return try Row.fetchAll(db, sql: sql + " ORDER BY w.workflow_id", arguments: arguments).map(storedWorkflow)
    }

    func workflow(appKey: Int64, id: String, readerID: Int64) throws -> StoredWorkflow? {
        try Row.fetchOne(db, sql: "SELECT \(Self.workflowColumns) FROM \(Self.workflowJoin) WHERE w.app_key = ? AND w.workflow_id = ?",
                         arguments: [readerID, appKey, id]).map(storedWorkflow)
    }

    func workflow(key: Int64, readerID: Int64) throws -> StoredWorkflow? {
        try Row.fetchOne(db, sql: "SELECT \(Self.workflowColumns) FROM \(Self.workflowJoin) WHERE w.key = ?",
                         arguments: [readerID, key]).map(storedWorkflow)
    }

    private func storedWorkflow(_ row: Row) throws -> StoredWorkflow {
        let read = RowReader(row, table: "workflows", key: "key")
        let graphText: String = try read("graph")
        guard let graph = try? WorkflowGraph.parse(Data(graphText.utf8)) else {
            throw StoreErrors.damaged(table: "workflows", row: read.rowLabel, column: "graph")
        }
        let workflow = Workflow(id: try read("workflow_id"), name: try read("name"), visibility: try read.choice("visibility"),
                                appID: try read("app_id"), appName: try read("app_name"), graph: graph, version: try read("version"),
                                starred: try read("starred"), createdBy: try read("created_by"),
                                createdAt: try read.date("created_at"), updatedAt: try read.date("updated_at"))
        return StoredWorkflow(key: try read("key"), appKey: try read("app_key"), workflow: workflow)
    }

    func insertWorkflow(appKey: Int64, id: String, name: String, graph: WorkflowGraph, visibility: ModelVisibility = .private,
                        createdBy: Int64, at: Date) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO workflows (app_key, workflow_id, name, visibility, graph, created_by, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [appKey, id, name, visibility.rawValue, graph.json, createdBy, at.storedValue, at.storedValue])
        return db.lastInsertedRowID
    }

    /// Saves a new name and graph when the stored version is still `expectedVersion`; false when
    /// someone else changed it meanwhile.
    func updateWorkflow(key: Int64, name: String, graph: WorkflowGraph, expectedVersion: Int, at: Date) throws -> Bool {
        try db.execute(sql: """
            UPDATE workflows SET name = ?, graph = ?, version = version + 1, updated_at = ? WHERE key = ? AND version = ?
            """, arguments: [name, graph.json, at.storedValue, key, expectedVersion])
        return db.changesCount == 1
    }

    func setWorkflowVisibility(key: Int64, _ visibility: ModelVisibility, at: Date) throws {
        try db.execute(sql: "UPDATE workflows SET visibility = ?, version = version + 1, updated_at = ? WHERE key = ?",
                       arguments: [visibility.rawValue, at.storedValue, key])
    }

    func deleteWorkflow(key: Int64) throws {
        try db.execute(sql: "DELETE FROM workflows WHERE key = ?", arguments: [key])
    }

    /// The app's workflows whose graph uses the model (at any version, or at `versionID`).
    func workflowsUsing(appKey: Int64, modelID: String, versionID: String? = nil) throws -> [String] {
        try workflows(appKey: appKey, readerID: 0).filter { stored in
            stored.workflow.graph.nodes.contains { $0.model == modelID && (versionID == nil || $0.version == versionID) }
        }.map(\.workflow.id)
    }

    func setWorkflowStar(userID: Int64, workflowKey: Int64, starred: Bool, at: Date) throws {
        if starred {
            try db.execute(sql: "INSERT OR IGNORE INTO workflow_stars (user_id, workflow_key, created_at) VALUES (?, ?, ?)",
                           arguments: [userID, workflowKey, at.storedValue])
        } else {
            try db.execute(sql: "DELETE FROM workflow_stars WHERE user_id = ? AND workflow_key = ?", arguments: [userID, workflowKey])
        }
    }

    func workflowStars(userID: Int64) throws -> [(workflowKey: Int64, at: Date)] {
        try Row.fetchAll(db, sql: """
            SELECT workflow_key, created_at FROM workflow_stars WHERE user_id = ? ORDER BY created_at DESC, workflow_key
            """, arguments: [userID]).map { row in
            let read = RowReader(row, table: "workflow_stars", key: "workflow_key")
            return (try read("workflow_key"), try read.date("created_at"))
        }
    }

    /// What validation needs of each model of the app: its type and its versions' states.
    func workflowModelFacts(appKey: Int64) throws -> [String: WorkflowModelFacts] {
        var facts: [String: WorkflowModelFacts] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT model_id, type FROM models WHERE app_key = ?", arguments: [appKey]) {
            let read = RowReader(row, table: "models", label: "facts")
            facts[try read("model_id")] = WorkflowModelFacts(type: try read.choice("type"), versions: [:])
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT m.model_id, v.version_id, v.status FROM model_versions v JOIN models m ON m.key = v.model_key WHERE m.app_key = ?
            """, arguments: [appKey]) {
            let read = RowReader(row, table: "model_versions", label: "facts")
            let model: String = try read("model_id")
            facts[model]?.versions[try read("version_id")] = try read.choice("status")
        }
        return facts
    }
}
