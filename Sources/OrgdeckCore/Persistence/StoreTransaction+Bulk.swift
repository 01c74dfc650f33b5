import Foundation
import GRDB

/// One app of a bulk load.
struct BulkApp {
    var owner: Owner
    var id: String
    var name: String
    var description: String
    var createdBy: Int64
    var createdAt: Date
    var updatedAt: Date
}

/// Bulk loading for demo and benchmark databases: one cached prepared statement per table,
/// executed row after row inside the caller's single transaction (no per-row parsing, no
/// per-row commit), which loads 100k rows in well under a second.
extension StoreTransaction {
    /// Inserts `count` users sharing one password hash; returns their row IDs in order.
    func bulkInsertUsers(count: Int, passwordHash: String,
                         row: (Int) -> (username: String, displayName: String, email: String, createdAt: Date)) throws -> [Int64] {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO users (username, display_name, email, email_lower, password_hash, created_at)
            VALUES (?, ?, ?, ?, ?, ?)
            """)
        var ids: [Int64] = []
        ids.reserveCapacity(count)
        for i in 0..<count {
            let user = row(i)
            try statement.execute(arguments: [user.username, user.displayName, user.email, user.email.lowercased(),
                                              passwordHash, user.createdAt.storedValue])
            ids.append(db.lastInsertedRowID)
        }
        return ids
    }

    func bulkInsertOrganizations(count: Int, row: (Int) -> (id: String, name: String, billingEmail: String, createdAt: Date)) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO organizations (id, name, billing_email, created_at) VALUES (?, ?, ?, ?)
            """)
        for i in 0..<count {
            let org = row(i)
            try statement.execute(arguments: [org.id, org.name, org.billingEmail, org.createdAt.storedValue])
        }
    }

    func bulkInsertMemberships(count: Int, row: (Int) -> (organizationID: String, userID: Int64, role: Role, joinedAt: Date)) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO memberships (organization_id, user_id, role, joined_at) VALUES (?, ?, ?, ?)
            """)
        for i in 0..<count {
            let m = row(i)
            try statement.execute(arguments: [m.organizationID, m.userID, m.role.rawValue, m.joinedAt.storedValue])
        }
    }

    func bulkInsertApps(count: Int, row: (Int) -> BulkApp) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO apps (owner, owner_user_id, owner_organization_id, app_id, name, description,
                              created_by, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for i in 0..<count {
            let app = row(i)
            let (userID, organizationID) = Self.ownerColumns(app.owner)
            try statement.execute(arguments: [app.owner.storageKey, userID, organizationID, app.id, app.name,
                                              app.description, app.createdBy, app.createdAt.storedValue,
                                              app.updatedAt.storedValue])
        }
    }

    /// The highest user row ID so far (0 when empty): bulk loads number their rows after it.
    func maxUserID() throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM users") ?? 0
    }

    func maxAppKey() throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(key), 0) FROM apps") ?? 0
    }

    func setLastActive(organizationID: String, userID: Int64, at: Date) throws {
        try db.execute(sql: "UPDATE memberships SET last_active_at = ? WHERE organization_id = ? AND user_id = ?",
                       arguments: [at.storedValue, organizationID, userID])
    }

    /// The row key of the owner's app `id`, whoever may see it.
    func appKey(owner: Owner, id: String) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT key FROM apps WHERE owner = ? AND app_id = ?", arguments: [owner.storageKey, id])
    }

    /// Refreshes the planner's statistics after a bulk load, so windowed queries pick the indexes.
    func analyze() throws {
        try db.execute(sql: "ANALYZE")
    }
}

// MARK: - Bulk usage and the lists a bulk load draws from
extension StoreTransaction {
    /// Inserts `count` usage events priced by `price` (no roll-ups: `rebuildRollups` after).
    func bulkInsertUsage(count: Int, row: (Int) -> UsageRecord, price: (UsageOperation) -> Int64) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO usage_events (at, owner, user_id, app_id, operation, quantity, unit_price_micros, amount_micros)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for i in 0..<count {
            let usage = row(i)
            let unit = price(usage.operation)
            try statement.execute(arguments: [usage.at.storedValue, usage.account.key, usage.userID, usage.appID,
                                              usage.operation.rawValue, usage.quantity, unit, usage.quantity * unit])
        }
    }

    /// Organizations other than the demo's, by ID.
    func bulkOrganizations(limit: Int) throws -> [Organization] {
        try Row.fetchAll(db, sql: "SELECT id, name, billing_email, created_at, version FROM organizations WHERE id <> ? ORDER BY id LIMIT ?",
                         arguments: [DemoAccounts.organizationID, limit]).map { row in
            let read = RowReader(row, table: "organizations")
            return Organization(id: try read("id"), name: try read("name"), billingEmail: try read("billing_email"),
                                createdAt: try read.date("created_at"), version: try read("version"))
        }
    }

    func userIDs() throws -> [Int64] { try Int64.fetchAll(db, sql: "SELECT id FROM users ORDER BY id") }

    func usernames(limit: Int) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT username FROM users ORDER BY id LIMIT ?", arguments: [limit])
    }

    func appIDs(owner: Owner, limit: Int) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT app_id FROM apps WHERE owner = ? ORDER BY key LIMIT ?", arguments: [owner.storageKey, limit])
    }
}
