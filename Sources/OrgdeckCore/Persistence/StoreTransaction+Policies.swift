import Foundation
import GRDB

/// When an account's password was set and why it must be changed, if it must.
struct PasswordState: Equatable, Sendable {
    var changedAt: Date
    var changeReason: String?
}

// MARK: - Password policies and password history
extension StoreTransaction {
    private static var policyColumns: String { PasswordPolicy.settings.map(\.name).joined(separator: ", ") }

    private func policy(_ row: Row) throws -> PasswordPolicy {
        let read = RowReader(row, table: "password_policies", key: "min_length")
        return try PasswordPolicy(number: { try read($0) }, flag: { try read($0) }).validated()
    }

    /// The organization's own policy, nil while it follows the platform default.
    func passwordPolicy(organizationID: String) throws -> PasswordPolicy? {
        try Row.fetchOne(db, sql: "SELECT \(Self.policyColumns) FROM password_policies WHERE organization_id = ?",
                         arguments: [organizationID]).map(policy)
    }

    func setPasswordPolicy(organizationID: String, _ policy: PasswordPolicy, at: Date) throws {
        let settings = PasswordPolicy.settings
        let values: [DatabaseValueConvertible] = settings.map { setting in
            switch policy.value(setting) {
            case .number(let number): return number
            case .flag(let on): return on
            }
        }
        try db.execute(sql: """
            INSERT INTO password_policies (organization_id, \(Self.policyColumns), updated_at)
            VALUES (?, \(settings.map { _ in "?" }.joined(separator: ", ")), ?)
            ON CONFLICT (organization_id) DO UPDATE SET
                \(settings.map { "\($0.name) = excluded.\($0.name)" }.joined(separator: ", ")), updated_at = excluded.updated_at
            """, arguments: StatementArguments([organizationID] + values + [at.storedValue]))
    }

    /// The policies of every organization the user belongs to (the default for those without one).
    func passwordPolicies(userID: Int64) throws -> [PasswordPolicy] {
        try Row.fetchAll(db, sql: """
            SELECT p.* FROM memberships m LEFT JOIN password_policies p ON p.organization_id = m.organization_id
            WHERE m.user_id = ?
            """, arguments: [userID]).map { row in (row["min_length"] as Int?) == nil ? PasswordPolicy() : try policy(row) }
    }

    func passwordState(userID: Int64) throws -> PasswordState? {
        try Row.fetchOne(db, sql: """
            SELECT COALESCE(password_changed_at, created_at) AS changed_at, password_change_reason FROM users WHERE id = ?
            """, arguments: [userID]).map { row in
            let read = RowReader(row, table: "users", key: "changed_at")
            return PasswordState(changedAt: try read.date("changed_at"), changeReason: try read("password_change_reason"))
        }
    }

    func setPasswordChangeReason(userID: Int64, _ reason: String?) throws {
        try db.execute(sql: "UPDATE users SET password_change_reason = ? WHERE id = ? AND password_change_reason IS NOT ?",
                       arguments: [reason, userID, reason])
    }

    /// The hashes of the user's earlier passwords, most recent first.
    func passwordHistory(userID: Int64, limit: Int) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT password_hash FROM password_history WHERE user_id = ? ORDER BY replaced_at DESC, rowid DESC LIMIT ?
            """, arguments: [userID, limit])
    }

    /// Sets a new password: the old hash joins the history (the last 24 are kept, the most any
    /// policy asks for), the change date is now and no change is required any more.
    func replacePassword(userID: Int64, oldHash: String, newHash: String, at: Date) throws {
        try setPasswordHash(userID: userID, hash: newHash)
        try db.execute(sql: "UPDATE users SET password_changed_at = ?, password_change_reason = NULL WHERE id = ?",
                       arguments: [at.storedValue, userID])
        try db.execute(sql: "INSERT INTO password_history (user_id, password_hash, replaced_at) VALUES (?, ?, ?)",
                       arguments: [userID, oldHash, at.storedValue])
        try db.execute(sql: """
            DELETE FROM password_history WHERE user_id = ? AND rowid NOT IN (
                SELECT rowid FROM password_history WHERE user_id = ? ORDER BY replaced_at DESC, rowid DESC LIMIT 24)
            """, arguments: [userID, userID])
    }
}
