import Foundation
import GRDB

extension StoreTransaction {
    private static let userColumns = "id, username, display_name, email, password_hash, created_at, version"

    private func storedUser(_ row: Row) throws -> StoredUser {
        let read = RowReader(row, table: "users")
        return StoredUser(
            user: User(id: try read("id"), username: try read("username"), displayName: try read("display_name"),
                       email: try read("email"), createdAt: try read.date("created_at"), version: try read("version")),
            passwordHash: try read("password_hash"))
    }

    func user(id: Int64) throws -> StoredUser? {
        try Row.fetchOne(db, sql: "SELECT \(Self.userColumns) FROM users WHERE id = ?", arguments: [id])
            .map(storedUser)
    }

    func user(username: String) throws -> StoredUser? {
        try Row.fetchOne(db, sql: "SELECT \(Self.userColumns) FROM users WHERE username = ?", arguments: [username])
            .map(storedUser)
    }

    /// Emails are unique case-insensitively; `email_lower` holds the compared form.
    func user(email: String) throws -> StoredUser? {
        try Row.fetchOne(db, sql: "SELECT \(Self.userColumns) FROM users WHERE email_lower = ?",
                         arguments: [email.lowercased()]).map(storedUser)
    }

    /// Whether any account exists.
    func hasUsers() throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM users)") ?? false
    }

    func insertUser(username: String, displayName: String, email: String, passwordHash: String, at: Date) throws -> User {
        try db.execute(sql: """
            INSERT INTO users (username, display_name, email, email_lower, password_hash, created_at)
            VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [username, displayName, email, email.lowercased(), passwordHash, at.storedValue])
        return User(id: db.lastInsertedRowID, username: username, displayName: displayName, email: email,
                    createdAt: at, version: 1)
    }

    /// Replaces the password hash and bumps the row version (a password change is an edit).
    func setPasswordHash(userID: Int64, hash: String) throws {
        try db.execute(sql: "UPDATE users SET password_hash = ?, version = version + 1 WHERE id = ?", arguments: [hash, userID])
    }

    /// Stores a re-hashed password if any, and marks the user active in their organizations.
    func recordSuccessfulSignIn(userID: Int64, newPasswordHash: String?, at: Date) throws {
        if let newPasswordHash {
            try db.execute(sql: "UPDATE users SET password_hash = ? WHERE id = ?", arguments: [newPasswordHash, userID])
        }
        try db.execute(sql: "UPDATE memberships SET last_active_at = ? WHERE user_id = ?",
                       arguments: [at.storedValue, userID])
    }
}
