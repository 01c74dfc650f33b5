import Foundation
import GRDB

/// A model row with its internal keys.
struct StoredModel: Sendable {
    var key: Int64
    var appKey: Int64
    var model: AppModel
}

// MARK: - Models, their versions and stars
extension StoreTransaction {
    private static let modelColumns = """
        m.key, m.app_key, m.model_id, m.name, m.type, m.visibility, m.keywords, m.thresholds, m.created_at, m.updated_at,
        a.app_id, a.name AS app_name,
        EXISTS (SELECT 1 FROM model_stars s WHERE s.model_key = m.key AND s.user_id = ?) AS starred,
        (SELECT COUNT(*) FROM model_versions v WHERE v.model_key = m.key) AS version_count
        """

    /// The app's models, by ID; `search` matches ID or name (case-insensitive substring).
    func models(appKey: Int64, readerID: Int64, search: String = "") throws -> [StoredModel] {
        var sql = "SELECT \(Self.modelColumns) FROM models m JOIN apps a ON a.key = m.app_key WHERE m.app_key = ?"
        var arguments: StatementArguments = [readerID, appKey]
        if !search.isEmpty {
            sql += " AND (m.model_id LIKE ? ESCAPE '\\' OR m.name LIKE ? ESCAPE '\\')"
            let pattern = "%" + Self.escapeLike(search) + "%"
            arguments += [pattern, pattern]
        }
        return try Row.fetchAll(db, sql: sql + " ORDER BY m.model_id", arguments: arguments).map(storedModel)
    }

    func model(appKey: Int64, id: String, readerID: Int64) throws -> StoredModel? {
        try Row.fetchOne(db, sql: "SELECT \(Self.modelColumns) FROM models m JOIN apps a ON a.key = m.app_key "
                         + "WHERE m.app_key = ? AND m.model_id = ?", arguments: [readerID, appKey, id]).map(storedModel)
    }

    func model(key: Int64, readerID: Int64) throws -> StoredModel? {
        try Row.fetchOne(db, sql: "SELECT \(Self.modelColumns) FROM models m JOIN apps a ON a.key = m.app_key WHERE m.key = ?",
                         arguments: [readerID, key]).map(storedModel)
    }

    private func storedModel(_ row: Row) throws -> StoredModel {
        let read = RowReader(row, table: "models", key: "key")
        let key: Int64 = try read("key")
        let keywordsText: String = try read("keywords")
        guard let keywords = try? JSONDecoder().decode([String: [String]].self, from: Data(keywordsText.utf8)) else {
            throw StoreErrors.damaged(table: "models", row: read.rowLabel, column: "keywords")
        }
        let thresholdsText: String = try read("thresholds")
        var thresholds: ConceptThresholds?
        if !thresholdsText.isEmpty {
            guard let decoded = try? JSONDecoder().decode(ConceptThresholds.self, from: Data(thresholdsText.utf8)) else {
                throw StoreErrors.damaged(table: "models", row: read.rowLabel, column: "thresholds")
            }
            thresholds = decoded
        }
        let versions = try versionSummaries(modelKey: key)
        let model = AppModel(id: try read("model_id"), name: try read("name"), type: try read.choice("type"),
                             visibility: try read.choice("visibility"), appID: try read("app_id"), appName: try read("app_name"),
                             keywords: keywords, thresholds: thresholds, starred: try read("starred"), versionCount: try read("version_count"),
                             latestTrained: versions.trained, latest: versions.latest,
                             createdAt: try read.date("created_at"), updatedAt: try read.date("updated_at"))
        return StoredModel(key: key, appKey: try read("app_key"), model: model)
    }

    private func versionSummaries(modelKey: Int64) throws -> (latest: ModelVersion?, trained: ModelVersion?) {
        let latest = try versions(modelKey: modelKey, limit: 1).first?.version
        if latest?.status == .trained { return (latest, latest) }
        let trained = try versions(modelKey: modelKey, status: .trained, limit: 1).first?.version
        return (latest, trained)
    }

    func insertModel(appKey: Int64, id: String, name: String, type: ModelType, keywords: [String: [String]],
                     thresholds: ConceptThresholds? = nil, createdBy: Int64, at: Date) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO models (app_key, model_id, name, type, keywords, thresholds, created_by, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [appKey, id, name, type.rawValue, Self.keywordsJSON(keywords), Self.thresholdsJSON(thresholds),
                             createdBy, at.storedValue, at.storedValue])
        return db.lastInsertedRowID
    }

    static func thresholdsJSON(_ thresholds: ConceptThresholds?) -> String {
        guard let thresholds else { return "" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: (try? encoder.encode(thresholds)) ?? Data(), as: UTF8.self)
    }

    static func keywordsJSON(_ keywords: [String: [String]]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: (try? encoder.encode(keywords)) ?? Data("{}".utf8), as: UTF8.self)
    }

    func updateModel(key: Int64, name: String, keywords: [String: [String]], thresholds: ConceptThresholds?, at: Date) throws {
        try db.execute(sql: "UPDATE models SET name = ?, keywords = ?, thresholds = ?, updated_at = ? WHERE key = ?",
                       arguments: [name, Self.keywordsJSON(keywords), Self.thresholdsJSON(thresholds), at.storedValue, key])
    }

    func setModelVisibility(key: Int64, _ visibility: ModelVisibility, at: Date) throws {
        try db.execute(sql: "UPDATE models SET visibility = ?, updated_at = ? WHERE key = ?",
                       arguments: [visibility.rawValue, at.storedValue, key])
    }

    func deleteModel(key: Int64) throws {
        try db.execute(sql: "DELETE FROM models WHERE key = ?", arguments: [key])
    }

    func touchModel(key: Int64, at: Date) throws {
        try db.execute(sql: "UPDATE models SET updated_at = ? WHERE key = ?", arguments: [at.storedValue, key])
    }

    /// Who owns the app with `key`.
    func appOwner(key: Int64) throws -> Owner? {
        guard let row = try Row.fetchOne(db, sql: "SELECT key, owner_user_id, owner_organization_id FROM apps WHERE key = ?",
                                         arguments: [key]) else { return nil }
        let read = RowReader(row, table: "apps", key: "key")
        if let userID: Int64 = try read("owner_user_id") { return .user(userID) }
        return .organization(try read("owner_organization_id"))
    }

    // MARK: Stars

    func setStar(userID: Int64, modelKey: Int64, starred: Bool, at: Date) throws {
        if starred {
            try db.execute(sql: "INSERT OR IGNORE INTO model_stars (user_id, model_key, created_at) VALUES (?, ?, ?)",
                           arguments: [userID, modelKey, at.storedValue])
        } else {
            try db.execute(sql: "DELETE FROM model_stars WHERE user_id = ? AND model_key = ?", arguments: [userID, modelKey])
        }
    }

    /// The user's stars, newest first: the model's key and when it was starred.
    func stars(userID: Int64) throws -> [(modelKey: Int64, at: Date)] {
        try Row.fetchAll(db, sql: "SELECT model_key, created_at FROM model_stars WHERE user_id = ? ORDER BY created_at DESC, model_key",
                         arguments: [userID]).map { row in
            let read = RowReader(row, table: "model_stars", key: "model_key")
            return (try read("model_key"), try read.date("created_at"))
        }
    }
}
