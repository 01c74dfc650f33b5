import Foundation
import GRDB

// MARK: - The rate card, budgets and their alerts, and the roll-ups' check
extension StoreTransaction {
    /// The rates in force for `account` at `at`, one per operation, in rate-card order.
    func rates(_ account: String, at: Date) throws -> [Rate] {
        try UsageOperation.allCases.map { operation in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT owner, unit_price_micros, effective_from FROM billing_rates
                WHERE owner IN (?, '*') AND operation = ? AND effective_from <= ?
                ORDER BY owner = '*', effective_from DESC LIMIT 1
                """, arguments: [account, operation.rawValue, at.storedValue]) else {
                throw StoreErrors.damaged(table: "billing_rates", row: operation.rawValue, column: "unit_price_micros")
            }
            let read = RowReader(row, table: "billing_rates", label: operation.rawValue)
            let owner: String = try read("owner")
            return Rate(operation: operation, unitPriceMicros: try read("unit_price_micros"),
                        effectiveFrom: try read.date("effective_from"), isDefault: owner == BillingAccount.defaultRates)
        }
    }

    /// Sets `account`'s price for `operation` from `at` on (a second change at the same moment replaces the first).
    func setRate(_ account: String, _ operation: UsageOperation, priceMicros: Int64, at: Date, by userID: Int64) throws {
        try db.execute(sql: """
            INSERT OR REPLACE INTO billing_rates (owner, operation, effective_from, unit_price_micros, set_by)
            VALUES (?, ?, ?, ?, ?)
            """, arguments: [account, operation.rawValue, at.storedValue, priceMicros, userID])
    }

    func budget(_ account: String) throws -> Budget? {
        guard let row = try Row.fetchOne(db, sql: "SELECT amount_micros, thresholds FROM billing_budgets WHERE owner = ?",
                                         arguments: [account]) else { return nil }
        let read = RowReader(row, table: "billing_budgets", label: "budget")
        let text: String = try read("thresholds")
        guard let thresholds = try? Budget.thresholds(text) else {
            throw StoreErrors.damaged(table: "billing_budgets", row: "budget", column: "thresholds")
        }
        return Budget(amountMicros: try read("amount_micros"), thresholds: thresholds)
    }

    func setBudget(_ account: String, _ budget: Budget?, at: Date) throws {
        guard let budget else {
            try db.execute(sql: "DELETE FROM billing_budgets WHERE owner = ?", arguments: [account])
            return
        }
        try db.execute(sql: """
            INSERT OR REPLACE INTO billing_budgets (owner, amount_micros, thresholds, updated_at) VALUES (?, ?, ?, ?)
            """, arguments: [account, budget.amountMicros, budget.thresholds.map(String.init).joined(separator: ","), at.storedValue])
    }

    /// The thresholds already fired for `account` in `month`, ascending.
    func firedAlerts(_ account: String, month: BillingMonth) throws -> [Int] {
        try Int.fetchAll(db, sql: "SELECT threshold FROM budget_alerts WHERE owner = ? AND month = ? ORDER BY threshold",
                         arguments: [account, month.description])
    }

    /// Records that `threshold` fired; false when it already had this month.
    func fireAlert(_ account: String, month: BillingMonth, threshold: Int, spent: Int64, at: Date) throws -> Bool {
        try db.execute(sql: """
            INSERT OR IGNORE INTO budget_alerts (owner, month, threshold, fired_at, spent_micros) VALUES (?, ?, ?, ?, ?)
            """, arguments: [account, month.description, threshold, at.storedValue, spent])
        return db.changesCount > 0
    }

    /// The month's total for the whole account, from its one roll-up per operation.
    func monthTotal(_ account: String, _ month: BillingMonth) throws -> Int64 {
        try Int64.fetchOne(db.cachedStatement(sql: """
            SELECT COALESCE(SUM(amount_micros), 0) FROM usage_rollups WHERE owner = ? AND dimension = 'month' AND period = ?
            """), arguments: [account, month.description]) ?? 0
    }

    /// Whether any budget exists (the metering path skips the budget check when none does).
    func hasBudget(_ account: String) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM billing_budgets WHERE owner = ?)"),
                          arguments: [account]) ?? false
    }

    /// Every difference between the roll-ups and a recomputation from the raw events, at most
    /// `limit` of them: `(owner, dimension, period, user, app, operation)` and what each side holds.
    func rollupDifferences(limit: Int) throws -> (checked: Int64, events: Int64, differences: [BillingDifference]) {
        let stored = "SELECT owner, dimension, period, user_id, app_id, operation, quantity, amount_micros FROM usage_rollups"
        let columns = "owner, dimension, period, user_id, app_id, operation"
        // The recomputation is materialized once and compared both ways: a row on one side only,
        // or with other sums, is a difference.
        let rows = try Row.fetchAll(db, sql: """
            WITH recomputed AS MATERIALIZED (\(Self.recomputedRollups))
            SELECT \(columns),
                   MAX(CASE side WHEN 'rollup' THEN quantity END) AS rq, MAX(CASE side WHEN 'rollup' THEN amount_micros END) AS ra,
                   MAX(CASE side WHEN 'events' THEN quantity END) AS eq, MAX(CASE side WHEN 'events' THEN amount_micros END) AS ea
            FROM (SELECT 'rollup' AS side, * FROM (\(stored) EXCEPT SELECT * FROM recomputed)
                  UNION ALL
                  SELECT 'events', * FROM (SELECT * FROM recomputed EXCEPT \(stored)))
            GROUP BY \(columns) ORDER BY period, \(columns) LIMIT ?
            """, arguments: [limit])
        let events = try Int64.fetchOne(db, sql: "SELECT COUNT(*) FROM usage_events") ?? 0
        let checked = try Int64.fetchOne(db, sql: "SELECT COUNT(*) FROM usage_rollups") ?? 0
        let differences = try rows.map { row in
            let read = RowReader(row, table: "usage_rollups", label: "check")
            func totals(_ quantity: String, _ amount: String) throws -> UsageTotals? {
                guard let q = try read(quantity, as: Int64?.self) else { return nil }
                return UsageTotals(quantity: q, amountMicros: try read(amount))
            }
            return BillingDifference(account: try read("owner"), dimension: try read("dimension"), period: try read("period"),
                                     userID: try read("user_id"), appID: try read("app_id"), operation: try read("operation"),
                                     rollup: try totals("rq", "ra"), events: try totals("eq", "ea"))
        }
        return (checked, events, differences)
    }

    /// Every roll-up row computed afresh from the raw events (the day of an event is its UTC
    /// day, the second truncated, as `Date.utcDay` reads it).
    static let recomputedRollups: String = {
        let day = "strftime('%Y-%m-%d', CAST(at AS INTEGER), 'unixepoch')"
        return """
            SELECT owner, 'month' AS dimension, substr(\(day), 1, 7) AS period, 0 AS user_id, '' AS app_id, operation,
                   SUM(quantity) AS quantity, SUM(amount_micros) AS amount_micros FROM usage_events GROUP BY 1, 3, 6
            UNION ALL
            SELECT owner, 'day', \(day), 0, '', operation, SUM(quantity), SUM(amount_micros) FROM usage_events GROUP BY 1, 3, 6
            UNION ALL
            SELECT owner, 'member', substr(\(day), 1, 7), user_id, '', '', SUM(quantity), SUM(amount_micros)
                FROM usage_events GROUP BY 1, 3, 4
            UNION ALL
            SELECT owner, 'app', substr(\(day), 1, 7), 0, app_id, '', SUM(quantity), SUM(amount_micros)
                FROM usage_events GROUP BY 1, 3, 5
            UNION ALL
            SELECT owner, 'member-day', \(day), user_id, '', operation, SUM(quantity), SUM(amount_micros)
                FROM usage_events GROUP BY 1, 3, 4, 6
            """
    }()

    /// Computes every roll-up again from the raw events (after a bulk load, which writes events alone).
    func rebuildRollups() throws {
        try db.execute(sql: "DELETE FROM usage_rollups")
        try db.execute(sql: """
            INSERT INTO usage_rollups (owner, dimension, period, user_id, app_id, operation, quantity, amount_micros)
            \(Self.recomputedRollups)
            """)
    }
}
