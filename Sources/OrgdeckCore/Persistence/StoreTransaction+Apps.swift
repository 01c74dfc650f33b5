import Foundation
import GRDB

extension StoreTransaction {
    static let appColumns = """
        a.key, a.app_id, a.name, a.description, a.owner_user_id, a.owner_organization_id,
        a.created_by, a.created_at, a.updated_at, a.version
        """

    /// The apps a Team Contributor reaches through their teams: the apps of every team they
    /// belong to, except where the app lacks a label the team's policy requires (the service
    /// never lets that happen; the query refuses access through such a team all the same).
    /// The reader's user ID is bound as the one argument.
    static let teamGrantedAppKeys = """
        SELECT ta.app_key FROM team_members tm JOIN team_apps ta ON ta.team_key = tm.team_key
        WHERE tm.user_id = ? AND \(compliantTeamApp)
        """

    /// The apps shared with the reader (bound as the one argument).
    static let sharedAppKeys = "SELECT c.app_key FROM app_collaborators c WHERE c.user_id = ?"

    /// The condition that team_apps row `ta` satisfies its team's policy.
    static let compliantTeamApp = """
        NOT EXISTS (SELECT 1 FROM team_required_labels r WHERE r.team_key = ta.team_key
                    AND NOT EXISTS (SELECT 1 FROM app_labels l WHERE l.app_key = ta.app_key AND l.label = r.label))
        """

    /// An app row of `appColumns`; `pinned` is as the reader sees it (a column or a known value).
    func storedApp(_ row: Row, pinned: Bool? = nil) throws -> StoredApp {
        let read = RowReader(row, table: "apps", key: "key")
        let owner: Owner
        if let userID: Int64 = try read("owner_user_id") {
            owner = .user(userID)
        } else {
            owner = .organization(try read("owner_organization_id"))
        }
        return StoredApp(key: try read("key"), app: App(
            id: try read("app_id"), name: try read("name"), description: try read("description"), owner: owner,
            createdBy: try read("created_by"), createdAt: try read.date("created_at"), updatedAt: try read.date("updated_at"),
            version: try read("version"), pinned: try pinned ?? read("pinned")))
    }

    /// The WHERE conditions shared by counting and listing: owner, visibility and filter.
    private func conditions(_ scope: AppScope, filter: String) -> (sql: String, arguments: StatementArguments) {
        var sql = "a.owner = ?"
        var arguments: StatementArguments = [scope.owner.storageKey]
        switch scope.visibility {
        case .all: break
        case .teamGranted(let userID):
            sql += " AND (a.key IN (\(Self.teamGrantedAppKeys)) OR a.key IN (\(Self.sharedAppKeys)))"
            arguments += [userID, userID]
        case .sharedWith(let userID):
            sql += " AND a.key IN (\(Self.sharedAppKeys))"
            arguments += [userID]
        }
        let needle = filter.trimmingCharacters(in: .whitespaces)
        if !needle.isEmpty {
            let pattern = "%" + Self.escapeLike(needle) + "%"
            // LIKE folds ASCII only: a name with other letters is compared folded too. Only those
            // rows call the function: their length in characters differs from that in bytes (a
            // GLOB for them doubled the time of a filter over 25,000 names).
            sql += " AND (a.name LIKE ? ESCAPE '\\' OR a.app_id LIKE ? ESCAPE '\\'"
                + " OR (length(a.name) <> length(CAST(a.name AS BLOB)) AND orgdeck_fold(a.name) LIKE ? ESCAPE '\\'))"
            arguments += [pattern, pattern, "%" + Self.escapeLike(SQLiteStore.folded(needle)) + "%"]
        }
        return (sql, arguments)
    }

    static func escapeLike(_ text: String) -> String {
        var out = ""
        for ch in text {
            if ch == "%" || ch == "_" || ch == "\\" { out.append("\\") }
            out.append(ch)
        }
        return out
    }

    private static func order(_ sort: AppSort, ascending: Bool) -> String {
        let dir = ascending ? "ASC" : "DESC"
        switch sort {
        // The app ID (unique per owner) breaks ties so windows never overlap or skip, and
        // both orders are exactly an index's order: no sorting, the scan stops at the window.
        case .updated: return "a.updated_at \(dir), a.app_id \(dir)"
        case .name: return "a.name COLLATE NOCASE \(dir), a.app_id \(dir)"
        }
    }

    /// Whether a window that asked for `asked` rows from `offset` and got `read` ran out before
    /// it was full, so it already tells how long the list is. An empty window past the start
    /// tells nothing: the offset may be beyond the end.
    static func windowReachesEnd(read: Int, asked: Int, offset: Int) -> Bool {
        read < asked && (offset == 0 || read > 0)
    }

    /// One window of the scope's apps, pinned first. Reads the window along an index and counts
    /// only when the window does not already tell the total, so it stays fast however many
    /// apps the owner has.
    func appWindow(_ scope: AppScope, filter: String, sort: AppSort, ascending: Bool,
                   offset: Int, limit: Int, countTotal: Bool = true) throws -> Page<App> {
        let (whereSQL, whereArgs) = conditions(scope, filter: filter)
        // CROSS JOIN makes SQLite start from the reader's few pins rather than the owner's many apps.
        let pinned = "app_pins p CROSS JOIN apps a ON a.key = p.app_key"
        let pinnedTotal = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(pinned) WHERE p.user_id = ? AND \(whereSQL)",
                                           arguments: [scope.readerID] + whereArgs) ?? 0
        let offset = max(0, offset), limit = max(0, limit)
        var items: [StoredApp] = []
        let orderSQL = Self.order(sort, ascending: ascending)
        if offset < pinnedTotal, limit > 0 {
            items += try Row.fetchAll(db, sql: """
                SELECT \(Self.appColumns) FROM \(pinned) WHERE p.user_id = ? AND \(whereSQL)
                ORDER BY \(orderSQL) LIMIT ? OFFSET ?
                """, arguments: [scope.readerID] + whereArgs + [limit, offset]).map { try storedApp($0, pinned: true) }
        }
        let remaining = limit - items.count
        let unpinnedOffset = max(0, offset - pinnedTotal)
        var unpinned: [StoredApp] = []
        if remaining > 0 {
            unpinned = try Row.fetchAll(db, sql: """
                SELECT \(Self.appColumns) FROM apps a
                WHERE \(whereSQL)
                  AND NOT EXISTS (SELECT 1 FROM app_pins p WHERE p.user_id = ? AND p.app_key = a.key)
                ORDER BY \(orderSQL) LIMIT ? OFFSET ?
                """, arguments: whereArgs + [scope.readerID, remaining, unpinnedOffset])
                .map { try storedApp($0, pinned: false) }
            items += unpinned
        }
        let total: Int
        var exact = true
        if Self.windowReachesEnd(read: unpinned.count, asked: remaining, offset: unpinnedOffset) {
            // The window reached the end of the list: it already says how long the list is.
            total = pinnedTotal + unpinnedOffset + unpinned.count
        } else if countTotal {
            total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM apps a WHERE \(whereSQL)", arguments: whereArgs) ?? 0
        } else {
            // At least one more than the window holds.
            total = offset + items.count + 1
            exact = false
        }
        return Page(items: try withTeamRoles(withLabels(items), scope).map(\.app), total: total, offset: offset, isExact: exact)
    }

    /// For a reader who reaches apps through teams, fills in the role they hold on each: one
    /// query for the whole window.
    func withTeamRoles(_ apps: [StoredApp], _ scope: AppScope) throws -> [StoredApp] {
        let apps = try withCollaborations(apps, readerID: scope.readerID)
        guard case .teamGranted(let userID) = scope.visibility, !apps.isEmpty else { return apps }
        let marks = Array(repeating: "?", count: apps.count).joined(separator: ", ")
        var contributor: [Int64: Bool] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT ta.app_key, MAX(ta.role = 'contributor') AS contributes
            FROM team_members tm JOIN team_apps ta ON ta.team_key = tm.team_key
            WHERE tm.user_id = ? AND ta.app_key IN (\(marks)) AND \(Self.compliantTeamApp)
            GROUP BY ta.app_key
            """, arguments: [userID] + StatementArguments(apps.map(\.key))) {
            let read = RowReader(row, table: "team_apps", key: "app_key")
            contributor[try read("app_key")] = try read("contributes")
        }
        return apps.map { stored in
            var stored = stored
            stored.app.teamRole = contributor[stored.key].map { $0 ? .contributor : .viewer }
            return stored
        }
    }

    /// The apps with the reader's collaborator scopes on those shared with them: one query.
    func withCollaborations(_ apps: [StoredApp], readerID: Int64) throws -> [StoredApp] {
        guard !apps.isEmpty else { return apps }
        let marks = Array(repeating: "?", count: apps.count).joined(separator: ", ")
        var scopes: [Int64: Set<CollaboratorScope>] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT app_key, scopes FROM app_collaborators WHERE user_id = ? AND app_key IN (\(marks))",
                                    arguments: [readerID] + StatementArguments(apps.map(\.key))) {
            let read = RowReader(row, table: "app_collaborators", key: "app_key")
            scopes[try read("app_key")] = try Self.collaboratorScopes(try read("scopes"), read)
        }
        guard !scopes.isEmpty else { return apps }
        return apps.map { stored in
            var stored = stored
            stored.app.collaboration = scopes[stored.key]
            return stored
        }
    }

    /// Stored scopes, read strictly: an unknown name is damage, not a grant.
    static func collaboratorScopes(_ text: String, _ read: RowReader) throws -> Set<CollaboratorScope> {
        guard let scopes = try? CollaboratorScope.parse(text) else {
            throw StoreErrors.damaged(table: read.table, row: read.rowLabel, column: "scopes")
        }
        return scopes
    }

    /// Where the app stands in the scope's list for this filter and order (pinned first): the
    /// number of apps before it, counted along the listing index; nil when it is not listed.
    /// Lets a cursor follow an app across a re-sort in a list too long to load.
    func appPosition(_ scope: AppScope, filter: String, sort: AppSort, ascending: Bool, id: String) throws -> Int? {
        let (whereSQL, whereArgs) = conditions(scope, filter: filter)
        guard let target = try Row.fetchOne(db, sql: """
            SELECT a.key, a.app_id, a.name, a.updated_at,
                   EXISTS (SELECT 1 FROM app_pins p WHERE p.user_id = ? AND p.app_key = a.key) AS pinned
            FROM apps a WHERE \(whereSQL) AND a.app_id = ?
            """, arguments: [scope.readerID] + whereArgs + [id]) else { return nil }
        let read = RowReader(target, table: "apps", key: "key")
        let pinned: Bool = try read("pinned")
        let comparison = ascending ? "<" : ">"
        let before: String
        var arguments: StatementArguments
        switch sort {
        case .updated:
            before = "(a.updated_at \(comparison) ? OR (a.updated_at = ? AND a.app_id \(comparison) ?))"
            let updated: Double = try read("updated_at")
            arguments = [updated, updated, try read("app_id") as String]
        case .name:
            before = "(a.name COLLATE NOCASE \(comparison) ? OR (a.name = ? COLLATE NOCASE AND a.app_id \(comparison) ?))"
            let name: String = try read("name")
            arguments = [name, name, try read("app_id") as String]
        }
        let pinnedJoin = "app_pins p CROSS JOIN apps a ON a.key = p.app_key"
        let pinnedBefore = "SELECT COUNT(*) FROM \(pinnedJoin) WHERE p.user_id = ? AND \(whereSQL)"
        if pinned {
            return try Int.fetchOne(db, sql: pinnedBefore + " AND \(before)", arguments: [scope.readerID] + whereArgs + arguments)
        }
        let pinnedTotal = try Int.fetchOne(db, sql: pinnedBefore, arguments: [scope.readerID] + whereArgs) ?? 0
        let unpinnedBefore = try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM apps a WHERE \(whereSQL) AND \(before)
              AND NOT EXISTS (SELECT 1 FROM app_pins p WHERE p.user_id = ? AND p.app_key = a.key)
            """, arguments: whereArgs + arguments + [scope.readerID]) ?? 0
        return pinnedTotal + unpinnedBefore
    }

    /// The apps with their compliance labels filled in: one query for the whole window.
    func withLabels(_ apps: [StoredApp]) throws -> [StoredApp] {
        guard !apps.isEmpty else { return apps }
        let labels = try labels(appKeys: apps.map(\.key))
        guard !labels.isEmpty else { return apps }
        return apps.map { stored in
            var stored = stored
            stored.app.labels = labels[stored.key] ?? []
            return stored
        }
    }

    /// Labels of each of the apps (sorted); apps without labels are absent.
    func labels(appKeys: [Int64]) throws -> [Int64: [String]] {
        guard !appKeys.isEmpty else { return [:] }
        let marks = Array(repeating: "?", count: appKeys.count).joined(separator: ", ")
        var result: [Int64: [String]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT app_key, label FROM app_labels WHERE app_key IN (\(marks)) ORDER BY label",
                                    arguments: StatementArguments(appKeys)) {
            let read = RowReader(row, table: "app_labels", key: "app_key")
            result[try read("app_key"), default: []].append(try read("label"))
        }
        return result
    }

    /// Adds labels to the app (those it already has are kept once).
    func addAppLabels(key: Int64, labels: [String]) throws {
        for label in labels {
            try db.execute(sql: "INSERT OR IGNORE INTO app_labels (app_key, label) VALUES (?, ?)", arguments: [key, label])
        }
    }

    /// One app of the scope by its public ID (case-insensitive), or nil if absent or not visible.
    func app(_ scope: AppScope, id: String) throws -> StoredApp? {
        let (whereSQL, whereArgs) = conditions(scope, filter: "")
        guard let row = try Row.fetchOne(db, sql: """
            SELECT \(Self.appColumns),
                   EXISTS (SELECT 1 FROM app_pins p WHERE p.user_id = ? AND p.app_key = a.key) AS pinned
            FROM apps a WHERE \(whereSQL) AND a.app_id = ?
            """, arguments: [scope.readerID] + whereArgs + [id]) else { return nil }
        return try withTeamRoles(withLabels([storedApp(row)]), scope)[0]
    }

    /// Whether the owner already holds an app with this ID (whoever may see it).
    func appIDExists(owner: Owner, id: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM apps WHERE owner = ? AND app_id = ?)",
                          arguments: [owner.storageKey, id]) ?? false
    }

    func insertApp(owner: Owner, id: String, name: String, description: String, createdBy: Int64,
                   createdAt: Date, updatedAt: Date) throws -> StoredApp {
        let (userID, organizationID) = Self.ownerColumns(owner)
        try db.execute(sql: """
            INSERT INTO apps (owner, owner_user_id, owner_organization_id, app_id, name, description,
                              created_by, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [owner.storageKey, userID, organizationID, id, name, description, createdBy,
                             createdAt.storedValue, updatedAt.storedValue])
        return StoredApp(key: db.lastInsertedRowID, app: App(
            id: id, name: name, description: description, owner: owner, createdBy: createdBy,
            createdAt: createdAt, updatedAt: updatedAt, version: 1, pinned: false))
    }

    static func ownerColumns(_ owner: Owner) -> (Int64?, String?) {
        switch owner {
        case .user(let id): return (id, nil)
        case .organization(let id): return (nil, id)
        }
    }

    /// Marks the app as updated at `at` without a new version: its content (inputs, concepts,
    /// models, workflows) changed, which the app's own edit form does not hold, so an edit open
    /// meanwhile stays valid. Never moves the time back.
    func touchApp(key: Int64, at: Date) throws {
        try db.execute(sql: "UPDATE apps SET updated_at = max(updated_at, ?) WHERE key = ?", arguments: [at.storedValue, key])
    }

    /// Writes new fields only if the row still has `expectedVersion`; returns false otherwise,
    /// so a concurrent edit is refused instead of overwritten.
    func updateApp(key: Int64, name: String, description: String, expectedVersion: Int, at: Date) throws -> Bool {
        try db.execute(sql: """
            UPDATE apps SET name = ?, description = ?, updated_at = ?, version = version + 1
            WHERE key = ? AND version = ?
            """, arguments: [name, description, at.storedValue, key, expectedVersion])
        return db.changesCount == 1
    }

    func deleteApp(key: Int64) throws {
        try db.execute(sql: "DELETE FROM apps WHERE key = ?", arguments: [key])
    }

    /// Hands the app to a new owner under a (possibly) new ID and name. Pins go: the app left
    /// the list they were made in.
    func moveApp(key: Int64, to owner: Owner, id: String, name: String, at: Date) throws {
        let (userID, organizationID) = Self.ownerColumns(owner)
        try db.execute(sql: """
            UPDATE apps SET owner = ?, owner_user_id = ?, owner_organization_id = ?, app_id = ?, name = ?,
                            updated_at = ?, version = version + 1
            WHERE key = ?
            """, arguments: [owner.storageKey, userID, organizationID, id, name, at.storedValue, key])
        try db.execute(sql: "DELETE FROM app_pins WHERE app_key = ?", arguments: [key])
    }

    func setPinned(userID: Int64, appKey: Int64, pinned: Bool, at: Date) throws {
        if pinned {
            try db.execute(sql: "INSERT OR IGNORE INTO app_pins (user_id, app_key, pinned_at) VALUES (?, ?, ?)",
                           arguments: [userID, appKey, at.storedValue])
        } else {
            try db.execute(sql: "DELETE FROM app_pins WHERE user_id = ? AND app_key = ?", arguments: [userID, appKey])
        }
    }
}

extension StoreTransaction {
    /// Writes the app's fields and replaces its labels, only if the row still has
    /// `expectedVersion`; bumps the version once. Returns false when someone else changed it.
    func updateApp(key: Int64, name: String, description: String, labels: [String], expectedVersion: Int, at: Date) throws -> Bool {
        guard try updateApp(key: key, name: name, description: description, expectedVersion: expectedVersion, at: at) else {
            return false
        }
        try db.execute(sql: "DELETE FROM app_labels WHERE app_key = ?", arguments: [key])
        try addAppLabels(key: key, labels: labels)
        return true
    }
}
