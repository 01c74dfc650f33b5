import Foundation
import GRDB

// MARK: - Inputs and concepts of one app
extension StoreTransaction {
    /// The app's concepts with how many inputs carry each, by ID.
    func concepts(appKey: Int64) throws -> [Concept] {
        try Row.fetchAll(db, sql: """
            SELECT c.key, c.concept_id, c.name, c.created_at,
                   (SELECT COUNT(*) FROM input_concepts ic WHERE ic.concept_key = c.key) AS inputs
            FROM concepts c WHERE c.app_key = ? ORDER BY c.concept_id
            """, arguments: [appKey]).map { row in
            let read = RowReader(row, table: "concepts", key: "key")
            return Concept(id: try read("concept_id"), name: try read("name"), inputCount: try read("inputs"),
                           createdAt: try read.date("created_at"))
        }
    }

    func conceptKey(appKey: Int64, id: String) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT key FROM concepts WHERE app_key = ? AND concept_id = ?"),
                           arguments: [appKey, id])
    }

    func insertConcept(appKey: Int64, id: String, name: String, at: Date) throws -> Int64 {
        try db.execute(sql: "INSERT INTO concepts (app_key, concept_id, name, created_at) VALUES (?, ?, ?, ?)",
                       arguments: [appKey, id, name, at.storedValue])
        return db.lastInsertedRowID
    }

    func conceptName(key: Int64) throws -> String? {
        try String.fetchOne(db, sql: "SELECT name FROM concepts WHERE key = ?", arguments: [key])
    }

    func renameConcept(key: Int64, name: String) throws {
        try db.execute(sql: "UPDATE concepts SET name = ? WHERE key = ?", arguments: [name, key])
    }

    /// Deletes a concept and its labels (the inputs stay); returns how many inputs carried it.
    func deleteConcept(key: Int64) throws -> Int {
        let carried = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM input_concepts WHERE concept_key = ?", arguments: [key]) ?? 0
        try db.execute(sql: "DELETE FROM concepts WHERE key = ?", arguments: [key])
        return carried
    }

    /// The keys of `ids`, creating (named after their IDs) those the app does not have yet.
    func conceptKeys(appKey: Int64, ids: [String], at: Date) throws -> [Int64] {
        try ids.map { id in try conceptKey(appKey: appKey, id: id) ?? insertConcept(appKey: appKey, id: id, name: id, at: at) }
    }

    func inputExists(appKey: Int64, sha256: String) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM inputs WHERE app_key = ? AND sha256 = ?)"),
                          arguments: [appKey, sha256]) ?? false
    }

    /// Stores one input; its concepts are added with `label`.
    func insertInput(appKey: Int64, id: String, kind: Input.Kind, text: String?, data: Data?, mediaType: String, size: Int,
                     width: Int?, height: Int?, sha256: String, source: String, createdBy: Int64, at: Date) throws -> Int64 {
        // Cached statements: an upload runs these once per input, and compiling them each time
        // cost as much as running them.
        try db.cachedStatement(sql: """
            INSERT INTO inputs (app_key, input_id, kind, text, data, media_type, size, width, height, sha256, source,
                                created_by, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [appKey, id, kind.rawValue, text, data, mediaType, size, width, height, sha256, source,
                                     createdBy, at.storedValue])
        return db.lastInsertedRowID
    }

    /// Adds concepts to an input; returns how many it did not have.
    func label(inputKey: Int64, conceptKeys: [Int64]) throws -> Int {
        var added = 0
        for concept in conceptKeys {
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO input_concepts (input_key, concept_key) VALUES (?, ?)")
                .execute(arguments: [inputKey, concept])
            added += db.changesCount
        }
        return added
    }

    /// Removes concepts from an input; returns how many it had.
    func unlabel(inputKey: Int64, conceptKeys: [Int64]) throws -> Int {
        var removed = 0
        for concept in conceptKeys {
            try db.execute(sql: "DELETE FROM input_concepts WHERE input_key = ? AND concept_key = ?", arguments: [inputKey, concept])
            removed += db.changesCount
        }
        return removed
    }

    func inputKey(appKey: Int64, id: String) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT key FROM inputs WHERE app_key = ? AND input_id = ?", arguments: [appKey, id])
    }

    func deleteInput(key: Int64) throws {
        try db.execute(sql: "DELETE FROM inputs WHERE key = ?", arguments: [key])
    }

    /// One window of the app's inputs, newest first, with the total that match.
    func inputWindow(appKey: Int64, query: InputQuery) throws -> Page<Input> {
        guard let matched = try inputMatch(appKey: appKey, query: query) else { return Page(items: [], total: 0, offset: query.offset) }
        let (from, whereSQL, arguments, order) = matched
        let offset = max(0, query.offset), limit = max(0, min(query.limit, 10_000))
        let rows = try Row.fetchAll(db, sql: """
            SELECT i.key, i.input_id, i.kind, i.text, i.media_type, i.size, i.width, i.height, i.sha256, i.source, i.created_at
            FROM \(from) WHERE \(whereSQL) ORDER BY \(order) DESC LIMIT ? OFFSET ?
            """, arguments: StatementArguments(arguments + [limit, offset]))
        var total = offset + rows.count, exact = true
        if !Self.windowReachesEnd(read: rows.count, asked: limit, offset: offset) {
            if query.countTotal {
                total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(from) WHERE \(whereSQL)",
                                         arguments: StatementArguments(arguments)) ?? 0
            } else {
                total += 1
                exact = false
            }
        }
        let keys = try rows.map { try RowReader($0, table: "inputs", key: "key")("key", as: Int64.self) }
        let concepts = try conceptIDs(ofInputs: keys)
        let items = try zip(rows, keys).map { row, key -> Input in
            let read = RowReader(row, table: "inputs", key: "key")
            return Input(id: try read("input_id"), kind: try read.choice("kind"), text: try read("text"),
                         mediaType: try read("media_type"), size: try read("size"), width: try read("width"),
                         height: try read("height"), sha256: try read("sha256"), source: try read("source"),
                         concepts: concepts[key] ?? [], createdAt: try read.date("created_at"))
        }
        return Page(items: items, total: total, offset: offset, isExact: exact)
    }

    /// Where input `id` stands among the inputs `query` matches (0 the newest), or nil when it
    /// is gone or no longer matches: what a list needs to keep its cursor on an input after
    /// others were added or removed above it. Two counts on the key, however large the app.
    func inputPosition(appKey: Int64, query: InputQuery, id: String) throws -> Int? {
        guard let key = try inputKey(appKey: appKey, id: id), let matched = try inputMatch(appKey: appKey, query: query) else { return nil }
        let (from, whereSQL, arguments, order) = matched
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(from) WHERE \(whereSQL) AND \(order) = ?)",
                                arguments: StatementArguments(arguments + [key])) == true else { return nil }
        return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(from) WHERE \(whereSQL) AND \(order) > ?",
                                arguments: StatementArguments(arguments + [key]))
    }

    /// The tables, condition and arguments that pick the inputs `query` matches, and the key
    /// they are ordered by (newest first is that key descending); nil when the query's concept
    /// does not exist, so nothing matches.
    private func inputMatch(appKey: Int64, query: InputQuery)
        throws -> (from: String, whereSQL: String, arguments: [DatabaseValueConvertible], order: String)? {
        let match = Self.ftsQuery(query.search)
        var conditions = ["i.app_key = ?"]
        var arguments: [DatabaseValueConvertible] = [appKey]
        if let concept = query.concept {
            guard let key = try conceptKey(appKey: appKey, id: concept) else { return nil }
            conditions.append("EXISTS (SELECT 1 FROM input_concepts ic WHERE ic.input_key = i.key AND ic.concept_key = ?)")
            arguments.append(key)
        }
        if query.unlabelled {
            conditions.append("NOT EXISTS (SELECT 1 FROM input_concepts ic WHERE ic.input_key = i.key)")
        }
        // A search walks the full-text index newest first (FTS5 gives rowids in either order
        // without sorting) and stops at the window, instead of collecting every match.
        let from = match == nil ? "inputs i" : "inputs_fts f JOIN inputs i ON i.key = f.rowid"
        if let match {
            conditions.insert("inputs_fts MATCH ?", at: 0)
            arguments.insert(match, at: 0)
        }
        return (from, conditions.joined(separator: " AND "), arguments, match == nil ? "i.key" : "f.rowid")
    }

    /// The concept IDs of each input, sorted: one query for a whole window.
    private func conceptIDs(ofInputs keys: [Int64]) throws -> [Int64: [String]] {
        guard !keys.isEmpty else { return [:] }
        let marks = Array(repeating: "?", count: keys.count).joined(separator: ",")
        var result: [Int64: [String]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT ic.input_key, c.concept_id FROM input_concepts ic JOIN concepts c ON c.key = ic.concept_key
            WHERE ic.input_key IN (\(marks)) ORDER BY c.concept_id
            """, arguments: StatementArguments(keys)) {
            let read = RowReader(row, table: "input_concepts", label: "input")
            result[try read("input_key", as: Int64.self), default: []].append(try read("concept_id"))
        }
        return result
    }

    /// An FTS5 query for what a user typed: every word must appear, the last one as a prefix
    /// (typing "refu" finds "refund"); nil when there is nothing to search for. Words are quoted,
    /// so nothing typed is read as FTS syntax.
    static func ftsQuery(_ search: String) -> String? {
        let words = Tokenizer.tokens(search)
        guard !words.isEmpty else { return nil }
        return words.enumerated().map { index, word in
            "\"\(word.replacingOccurrences(of: "\"", with: "\"\""))\"" + (index == words.count - 1 ? "*" : "")
        }.joined(separator: " ")
    }
}
