import Foundation
import GRDB

/// Who pays for usage: a personal account or one organization (as created: a later
/// organization given a deleted one's ID is another account).
struct BillingAccount: Hashable, Sendable {
    /// The `owner` column of the billing tables.
    let key: String
    /// The organization's ID, nil for a personal account.
    let organizationID: String?
    /// The user, nil for an organization.
    let userID: Int64?

    static func personal(_ userID: Int64) -> BillingAccount {
        BillingAccount(key: "u:\(userID)", organizationID: nil, userID: userID)
    }

    static func organization(_ organization: Organization) -> BillingAccount {
        let created = Int64((organization.createdAt.storedValue * 1_000).rounded(.down))
        return BillingAccount(key: "o:\(organization.id.lowercased())@\(created)", organizationID: organization.id, userID: nil)
    }

    /// The owner of the default rate card.
    static let defaultRates = "*"
}

/// One metered operation, before it is priced.
struct UsageRecord: Sendable {
    var account: BillingAccount
    /// The member who did it; 0 for the platform's own metering (storage of an organization's apps).
    var userID: Int64
    /// The app's ID as its owner's members know it (`owner/app` for an app of someone else's).
    var appID: String
    var operation: UsageOperation
    var quantity: Int64
    var at: Date
}

// MARK: - Writing usage: the event, priced, and its roll-ups in the same transaction
extension StoreTransaction {
    /// The price of one unit of `operation` for `account` at `at`: the account's own rate in
    /// force then, else the platform default in force then.
    func unitPrice(_ account: String, _ operation: UsageOperation, at: Date) throws -> Int64 {
        let price = try Int64.fetchOne(db.cachedStatement(sql: """
            SELECT unit_price_micros FROM billing_rates
            WHERE owner IN (?, '*') AND operation = ? AND effective_from <= ?
            ORDER BY owner = '*', effective_from DESC LIMIT 1
            """), arguments: [account, operation.rawValue, at.storedValue])
        guard let price else { throw StoreErrors.damaged(table: "billing_rates", row: operation.rawValue, column: "unit_price_micros") }
        return price
    }

    /// Writes the event and adds it to every roll-up; returns what it cost.
    @discardableResult
    func insertUsage(_ usage: UsageRecord) throws -> Int64 {
        let price = try unitPrice(usage.account.key, usage.operation, at: usage.at)
        let (amount, overflow) = usage.quantity.multipliedReportingOverflow(by: price)
        guard !overflow else { throw CoreError.invalid("quantity", "\(usage.quantity) units at this price overflow an amount") }
        try db.cachedStatement(sql: """
            INSERT INTO usage_events (at, owner, user_id, app_id, operation, quantity, unit_price_micros, amount_micros)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [usage.at.storedValue, usage.account.key, usage.userID, usage.appID, usage.operation.rawValue,
                                     usage.quantity, price, amount])
        let day = usage.at.utcDay, month = String(day.prefix(7)), operation = usage.operation.rawValue
        let rows: [(String, String, Int64, String, String)] = [
            ("month", month, 0, "", operation), ("day", day, 0, "", operation),
            ("member", month, usage.userID, "", ""), ("app", month, 0, usage.appID, ""),
            ("member-day", day, usage.userID, "", operation),
        ]
        let statement = try db.cachedStatement(sql: """
            INSERT INTO usage_rollups (owner, dimension, period, user_id, app_id, operation, quantity, amount_micros)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (owner, dimension, period, user_id, app_id, operation)
            DO UPDATE SET quantity = quantity + excluded.quantity, amount_micros = amount_micros + excluded.amount_micros
            """)
        for (dimension, period, user, app, op) in rows {
            try statement.execute(arguments: [usage.account.key, dimension, period, user, app, op, usage.quantity, amount])
        }
        return amount
    }

    /// The billing account of the app with `appKey`, with its public ID.
    func billingAccount(appKey: Int64) throws -> (account: BillingAccount, appID: String)? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT a.app_id, a.owner_user_id, o.id AS org_id, o.name, o.billing_email, o.created_at, o.version
            FROM apps a LEFT JOIN organizations o ON o.id = a.owner_organization_id WHERE a.key = ?
            """, arguments: [appKey]) else { return nil }
        let read = RowReader(row, table: "apps", label: String(appKey))
        let appID: String = try read("app_id")
        if let userID: Int64 = try read("owner_user_id") { return (.personal(userID), appID) }
        let organization = Organization(id: try read("org_id"), name: try read("name"), billingEmail: try read("billing_email"),
                                        createdAt: try read.date("created_at"), version: try read("version"))
        return (.organization(organization), appID)
    }

    /// The apps holding inputs, with how many: what one day's storage meters.
    func storedInputCounts() throws -> [(appKey: Int64, count: Int64)] {
        try Row.fetchAll(db, sql: "SELECT app_key, COUNT(*) AS n FROM inputs GROUP BY app_key").map { row in
            let read = RowReader(row, table: "inputs", label: "storage")
            return (try read("app_key"), try read("n"))
        }
    }

    /// Records that `day`'s storage is metered; false when another process already did.
    func claimStorageSnapshot(day: String, at: Date) throws -> Bool {
        try db.execute(sql: "INSERT OR IGNORE INTO storage_snapshots (day, taken_at) VALUES (?, ?)",
                       arguments: [day, at.storedValue])
        return db.changesCount > 0
    }

    /// Whether `day`'s storage has been metered (a read, so an idle process need not write).
    func hasStorageSnapshot(day: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM storage_snapshots WHERE day = ?)", arguments: [day]) ?? false
    }
}
