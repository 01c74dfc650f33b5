import Foundation
import GRDB

// MARK: - Collaborators: users an app is shared with, and their scopes
extension StoreTransaction {
    func collaboratorScopes(appKey: Int64, userID: Int64) throws -> Set<CollaboratorScope>? {
        guard let row = try Row.fetchOne(db, sql: "SELECT scopes FROM app_collaborators WHERE app_key = ? AND user_id = ?",
                                         arguments: [appKey, userID]) else { return nil }
        let read = RowReader(row, table: "app_collaborators", label: "\(appKey)/\(userID)")
        return try Self.collaboratorScopes(try read("scopes"), read)
    }

    /// Whether any app of `owner` is shared with the user.
    func hasSharedApps(userID: Int64, owner: Owner) throws -> Bool {
        try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM app_collaborators c JOIN apps a ON a.key = c.app_key WHERE c.user_id = ? AND a.owner = ?)
            """, arguments: [userID, owner.storageKey]) ?? false
    }

    func setCollaborator(appKey: Int64, userID: Int64, scopes: Set<CollaboratorScope>, by: Int64, at: Date) throws {
        try db.execute(sql: """
            INSERT INTO app_collaborators (app_key, user_id, scopes, added_by, added_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (app_key, user_id) DO UPDATE SET scopes = excluded.scopes, updated_at = excluded.updated_at
            """, arguments: [appKey, userID, CollaboratorScope.text(scopes), by, at.storedValue, at.storedValue])
    }

    func removeCollaborator(appKey: Int64, userID: Int64) throws -> Bool {
        try db.execute(sql: "DELETE FROM app_collaborators WHERE app_key = ? AND user_id = ?", arguments: [appKey, userID])
        return db.changesCount > 0
    }

    /// The app's collaborators, by username.
    func collaborators(appKey: Int64) throws -> [Collaborator] {
        try Row.fetchAll(db, sql: """
            SELECT u.id, u.username, u.display_name, u.email, u.created_at, u.version, c.scopes, c.added_at, b.username AS added_by
            FROM app_collaborators c JOIN users u ON u.id = c.user_id LEFT JOIN users b ON b.id = c.added_by
            WHERE c.app_key = ? ORDER BY u.username
            """, arguments: [appKey]).map(collaborator)
    }

    private func collaborator(_ row: Row) throws -> Collaborator {
        let read = RowReader(row, table: "app_collaborators", label: "collaborator")
        let user = User(id: try read("id"), username: try read("username"), displayName: try read("display_name"),
                        email: try read("email"), createdAt: try read.date("created_at"), version: try read("version"))
        return Collaborator(user: user, scopes: try Self.collaboratorScopes(try read("scopes"), read),
                            addedBy: try read("added_by"), addedAt: try read.date("added_at"))
    }

    /// The apps shared with the user: each with its key, row and the user's scopes.
    func sharedApps(userID: Int64) throws -> [(app: StoredApp, scopes: Set<CollaboratorScope>, addedAt: Date)] {
        try Row.fetchAll(db, sql: """
            SELECT \(Self.appColumns), c.scopes, c.added_at,
                   EXISTS (SELECT 1 FROM app_pins p WHERE p.user_id = c.user_id AND p.app_key = a.key) AS pinned
            FROM app_collaborators c JOIN apps a ON a.key = c.app_key
            WHERE c.user_id = ? ORDER BY a.owner, a.app_id
            """, arguments: [userID]).map { row in
            var stored = try storedApp(row)
            let read = RowReader(row, table: "app_collaborators", label: "shared")
            let scopes = try Self.collaboratorScopes(try read("scopes"), read)
            stored.app.collaboration = scopes
            return (stored, scopes, try read.date("added_at"))
        }
    }

    /// The collaborators of every app of `owner`, by app ID then username.
    func collaborators(owner: Owner) throws -> [(appID: String, collaborator: Collaborator)] {
        try Row.fetchAll(db, sql: """
            SELECT a.app_id, u.id, u.username, u.display_name, u.email, u.created_at, u.version, c.scopes, c.added_at,
                   b.username AS added_by
            FROM app_collaborators c JOIN apps a ON a.key = c.app_key JOIN users u ON u.id = c.user_id
            LEFT JOIN users b ON b.id = c.added_by
            WHERE a.owner = ? ORDER BY a.app_id, u.username
            """, arguments: [owner.storageKey]).map { row in
            (try RowReader(row, table: "apps", label: "collaborator")("app_id"), try collaborator(row))
        }
    }
}
