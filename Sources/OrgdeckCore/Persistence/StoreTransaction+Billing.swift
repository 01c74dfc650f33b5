import Foundation
import GRDB

/// Whose usage a billing read covers: the whole account, or one member's share of it.
struct UsageFilter: Sendable {
    var account: String
    /// Only this member's usage (read from the `member-day` roll-up); nil for the whole account.
    var userID: Int64?
}

// MARK: - Reading the roll-ups: what the Billing pane and `billing` commands show
extension StoreTransaction {
    /// Quantity and amount per operation in `month`.
    func usageByOperation(_ filter: UsageFilter, month: BillingMonth) throws -> [UsageOperation: (Int64, Int64)] {
        let rows: [Row]
        if let user = filter.userID {
            rows = try Row.fetchAll(db, sql: """
                SELECT operation, SUM(quantity) AS q, SUM(amount_micros) AS a FROM usage_rollups
                WHERE owner = ? AND user_id = ? AND dimension = 'member-day' AND period BETWEEN ? AND ?
                GROUP BY operation
                """, arguments: [filter.account, user, month.day(1), month.day(31)])
        } else {
            rows = try Row.fetchAll(db, sql: """
                SELECT operation, quantity AS q, amount_micros AS a FROM usage_rollups
                WHERE owner = ? AND dimension = 'month' AND period = ? AND user_id = 0 AND app_id = ''
                """, arguments: [filter.account, month.description])
        }
        var result: [UsageOperation: (Int64, Int64)] = [:]
        for row in rows {
            let read = RowReader(row, table: "usage_rollups", label: month.description)
            result[try read.choice("operation", as: UsageOperation.self)] = (try read("q"), try read("a"))
        }
        return result
    }

    /// Spend per day of `month`, index 0 the 1st.
    func dailySpend(_ filter: UsageFilter, month: BillingMonth) throws -> [Int64] {
        var days = [Int64](repeating: 0, count: month.days)
        let userClause = filter.userID == nil ? "dimension = 'day'" : "user_id = ? AND dimension = 'member-day'"
        var arguments: StatementArguments = [filter.account]
        if let user = filter.userID { arguments += [user] }
        arguments += [month.day(1), month.day(31)]
        let rows = try Row.fetchAll(db, sql: """
            SELECT period, SUM(amount_micros) AS a FROM usage_rollups
            WHERE owner = ? AND \(userClause) AND period BETWEEN ? AND ? GROUP BY period
            """, arguments: arguments)
        for row in rows {
            let read = RowReader(row, table: "usage_rollups", label: month.description)
            let period: String = try read("period")
            guard let day = Int(period.suffix(2)), (1...days.count).contains(day) else {
                throw StoreErrors.damaged(table: "usage_rollups", row: month.description, column: "period")
            }
            days[day - 1] = try read("a")
        }
        return days
    }

    /// What was spent in each month from `first` through `last`.
    func monthlySpend(_ filter: UsageFilter, from first: BillingMonth, through last: BillingMonth) throws -> [BillingMonth: Int64] {
        let rows: [Row]
        if let user = filter.userID {
            rows = try Row.fetchAll(db, sql: """
                SELECT substr(period, 1, 7) AS m, SUM(amount_micros) AS a FROM usage_rollups
                WHERE owner = ? AND user_id = ? AND dimension = 'member-day' AND period BETWEEN ? AND ? GROUP BY m
                """, arguments: [filter.account, user, first.day(1), last.day(31)])
        } else {
            rows = try Row.fetchAll(db, sql: """
                SELECT period AS m, SUM(amount_micros) AS a FROM usage_rollups
                WHERE owner = ? AND dimension = 'month' AND period BETWEEN ? AND ? GROUP BY m
                """, arguments: [filter.account, first.description, last.description])
        }
        var result: [BillingMonth: Int64] = [:]
        for row in rows {
            let read = RowReader(row, table: "usage_rollups", label: "trend")
            result[try BillingMonth.parse(try read("m"))] = try read("a")
        }
        return result
    }

    /// The month's charges by member (usernames; storage shows as `(storage)`) or by app,
    /// largest first, ties by key.
    func breakdown(_ account: String, by dimension: BillingDimension, month: BillingMonth) throws -> [BreakdownLine] {
        let sql: String
        switch dimension {
        case .member:
            sql = """
                SELECT COALESCE(u.username, CASE r.user_id WHEN 0 THEN '(storage)' ELSE '(user ' || r.user_id || ')' END) AS k,
                       r.quantity AS q, r.amount_micros AS a
                FROM usage_rollups r LEFT JOIN users u ON u.id = r.user_id
                WHERE r.owner = ? AND r.dimension = 'member' AND r.period = ?
                """
        case .app:
            sql = "SELECT app_id AS k, quantity AS q, amount_micros AS a FROM usage_rollups WHERE owner = ? AND dimension = 'app' AND period = ?"
        case .operation:
            sql = """
                SELECT operation AS k, quantity AS q, amount_micros AS a FROM usage_rollups
                WHERE owner = ? AND dimension = 'month' AND period = ?
                """
        }
        return try Row.fetchAll(db, sql: sql + " ORDER BY a DESC, k", arguments: [account, month.description]).map { row in
            let read = RowReader(row, table: "usage_rollups", label: month.description)
            return BreakdownLine(key: try read("k"), quantity: try read("q"), amountMicros: try read("a"))
        }
    }

    /// The months before `month` with usage and no invoice yet, of every account.
    func monthsToClose(before month: BillingMonth) throws -> [(account: String, month: BillingMonth)] {
        try Row.fetchAll(db, sql: """
            SELECT DISTINCT r.owner, r.period FROM usage_rollups r
            WHERE r.dimension = 'month' AND r.period < ?
              AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.owner = r.owner AND i.month = r.period)
            ORDER BY r.period
            """, arguments: [month.description]).map { row in
            let read = RowReader(row, table: "usage_rollups", label: "close")
            return (try read("owner"), try BillingMonth.parse(try read("period")))
        }
    }

    /// Writes the month's invoice from its roll-ups: one line per operation used.
    func closeMonth(_ account: String, _ month: BillingMonth, at: Date) throws {
        let lines = try breakdown(account, by: .operation, month: month).filter { $0.quantity > 0 }
        let total = lines.reduce(0) { $0 + $1.amountMicros }
        // The lines first: once the invoice row exists, the database refuses any line for it.
        for line in lines {
            try db.execute(sql: "INSERT INTO invoice_lines (owner, month, operation, quantity, amount_micros) VALUES (?, ?, ?, ?, ?)",
                           arguments: [account, month.description, line.key, line.quantity, line.amountMicros])
        }
        try db.execute(sql: "INSERT INTO invoices (owner, month, total_micros, currency, closed_at) VALUES (?, ?, ?, ?, ?)",
                       arguments: [account, month.description, total, Money.currency, at.storedValue])
    }

    /// The account's invoices, newest first, with their lines in rate-card order.
    func invoices(_ account: String) throws -> [Invoice] {
        let order = UsageOperation.allCases.map(\.rawValue)
        var lines: [String: [BreakdownLine]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT month, operation, quantity, amount_micros FROM invoice_lines WHERE owner = ?",
                                    arguments: [account]) {
            let read = RowReader(row, table: "invoice_lines", label: "invoice")
            lines[try read("month"), default: []].append(BreakdownLine(key: try read("operation"), quantity: try read("quantity"),
                                                                        amountMicros: try read("amount_micros")))
        }
        return try Row.fetchAll(db, sql: "SELECT month, total_micros, closed_at FROM invoices WHERE owner = ? ORDER BY month DESC",
                                arguments: [account]).map { row in
            let read = RowReader(row, table: "invoices", label: "invoice")
            let month: String = try read("month")
            let sorted = (lines[month] ?? []).sorted { (order.firstIndex(of: $0.key) ?? 99) < (order.firstIndex(of: $1.key) ?? 99) }
            return Invoice(month: try BillingMonth.parse(month), totalMicros: try read("total_micros"),
                           closedAt: try read.date("closed_at"), lines: sorted)
        }
    }
}
