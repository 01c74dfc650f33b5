import Foundation
import GRDB

extension StoreTransaction {
    private static let userColumns = """
        id, username, display_name, email, password_hash, failed_attempts, locked_until, created_at, version
        """

    private func storedUser(_ row: Row) -> StoredUser {
        StoredUser(
            user: User(id: row["id"], username: row["username"], displayName: row["display_name"],
                       email: row["email"], createdAt: row.date("created_at"), version: row["version"]),
            passwordHash: row["password_hash"], failedAttempts: row["failed_attempts"],
            lockedUntil: row.optionalDate("locked_until"))
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

    func insertUser(username: String, displayName: String, email: String, passwordHash: String, at: Date) throws -> User {
        try db.execute(sql: """
            INSERT INTO users (username, display_name, email, email_lower, password_hash, created_at)
            VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [username, displayName, email, email.lowercased(), passwordHash, at.storedValue])
        return User(id: db.lastInsertedRowID, username: username, displayName: displayName, email: email,
                    createdAt: at, version: 1)
    }

    /// Records a failed sign-in: the new counter and, when it tripped the policy, the lock.
    func recordFailedSignIn(userID: Int64, failedAttempts: Int, lockedUntil: Date?) throws {
        try db.execute(sql: "UPDATE users SET failed_attempts = ?, locked_until = ? WHERE id = ?",
                       arguments: [failedAttempts, lockedUntil?.storedValue, userID])
    }

    /// Replaces the password hash and bumps the row version (a password change is an edit).
    func setPasswordHash(userID: Int64, hash: String) throws {
        try db.execute(sql: "UPDATE users SET password_hash = ?, version = version + 1 WHERE id = ?", arguments: [hash, userID])
    }

        /// Clears the failure counter, stores a re-hashed password if any, and marks the user active.
    func recordSuccessfulSignIn(userID: Int64, newPasswordHash: String?, at: Date) throws {
        if let newPasswordHash {
            try db.execute(sql: "UPDATE users SET password_hash = ? WHERE id = ?", arguments: [newPasswordHash, userID])
        }
        try db.execute(sql: "UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = ? AND (failed_attempts <> 0 OR locked_until IS NOT NULL)",
                       arguments: [userID])
        try db.execute(sql: "UPDATE memberships SET last_active_at = ? WHERE user_id = ?",
                       arguments: [at.storedValue, userID])
    }
}
