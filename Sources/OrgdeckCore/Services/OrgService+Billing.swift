import Foundation

/// Whose bill a session sees in a context, and how much of it.
struct BillingView {
    let access: Access
    let account: BillingAccount
    let scope: BillingScope

    /// The usage this view covers: all of the account's, or the member's own.
    var filter: UsageFilter {
        UsageFilter(account: account.key, userID: scope == .member ? access.session.user.id : nil)
    }
}

// MARK: - Consolidated billing: summaries, breakdowns, invoices, exports (PRODUCT.md §7)
extension OrgService {
    /// What the session may see of the context's bill: an Admin (or anyone in their personal
    /// account) the whole of it, other members their own usage. With `wholeAccount`, anything
    /// less is refused (audited) as `auditAction`.
    func billingView(_ tx: StoreTransaction, _ session: Session, _ context: Context, wholeAccount: Bool,
                     auditAction: String) throws -> BillingView {
        let access = try access(tx, session, context)
        guard let organizationID = access.organizationID else {
            return BillingView(access: access, account: .personal(session.user.id), scope: .personal)
        }
        guard let organization = try tx.organization(id: organizationID) else {
            throw CoreError.notFound("no organization \(Validation.visible(organizationID))")
        }
        if wholeAccount { try require(.seeBilling, access, tx, auditAction: auditAction, target: organizationID) }
        let whole = access.reach(.seeBilling) == .all
        return BillingView(access: access, account: .organization(organization), scope: whole ? .organization : .member)
    }

    /// The month to date (or a past month): total, forecast, budget, alerts, the operations,
    /// the days and a 12-month trend. A member who is not an Admin sees their own usage only.
    public func billingSummary(_ session: Session, in context: Context, month: BillingMonth? = nil) throws -> BillingSummary {
        let month = month ?? BillingMonth(containing: now)
        return try checkedRead { tx in
            let view = try billingView(tx, session, context, wholeAccount: false, auditAction: "billing.summary")
            let operations = try tx.usageByOperation(view.filter, month: month)
            let byOperation = UsageOperation.allCases.map { operation in
                BreakdownLine(key: operation.rawValue, quantity: operations[operation]?.0 ?? 0, amountMicros: operations[operation]?.1 ?? 0)
            }
            let total = byOperation.reduce(0) { $0 + $1.amountMicros }
            var first = month
            for _ in 1..<12 { first = first.previous }
            let months = try tx.monthlySpend(view.filter, from: first, through: month)
            var trend: [MonthTotal] = []
            var cursor = first
            for _ in 0..<12 {
                trend.append(MonthTotal(month: cursor, amountMicros: months[cursor] ?? 0))
                cursor = cursor.next
            }
            let whole = view.scope != .member
            let budget = whole ? try tx.budget(view.account.key) : nil
            var fired = whole ? try tx.firedAlerts(view.account.key, month: month) : []
            // This month's alerts as they stand under the budget now (one raised or re-set since
            // they fired no longer shows them as reached; the audit log keeps that they fired); a
            // closed month's as they fired.
            if month == BillingMonth(containing: now) {
                let reached = budget?.reached(by: total) ?? []
                fired = fired.filter(reached.contains)
            }
            return BillingSummary(month: month, scope: view.scope, totalMicros: total,
                                  forecastMicros: Forecast.micros(spent: total, month: month, now: now),
                                  budget: budget,
                                  alertsFired: fired,
                                  byOperation: byOperation, daily: try tx.dailySpend(view.filter, month: month), trend: trend)
        }
    }

    /// The month's charges by member, app or operation, largest first. By member or app is the
    /// whole organization's (Admins); by operation, a member's own.
    public func billingBreakdown(_ session: Session, in context: Context, by dimension: BillingDimension,
                                 month: BillingMonth? = nil) throws -> [BreakdownLine] {
        let month = month ?? BillingMonth(containing: now)
        return try checkedRead { tx in
            let view = try billingView(tx, session, context, wholeAccount: dimension != .operation,
                                       auditAction: "billing.breakdown")
            guard view.scope == .member else { return try tx.breakdown(view.account.key, by: dimension, month: month) }
            let operations = try tx.usageByOperation(view.filter, month: month)
            return operations.map { BreakdownLine(key: $0.key.rawValue, quantity: $0.value.0, amountMicros: $0.value.1) }
                .sorted { ($0.amountMicros, $1.key) > ($1.amountMicros, $0.key) }
        }
    }

    /// The closed months' invoices, newest first. A month that has ended is closed into its
    /// invoice the first time anyone looks, if no process has closed it yet.
    public func invoices(_ session: Session, in context: Context) throws -> [Invoice] {
        let month = BillingMonth(containing: now)
        let pending = try checkedRead { tx in
            _ = try billingView(tx, session, context, wholeAccount: true, auditAction: "billing.invoices")
            return try !tx.monthsToClose(before: month).isEmpty
        }
        if pending { _ = try store.writeIfFree { tx in try closeMonths(tx, before: month) } }
        return try checkedRead { tx in
            try tx.invoices(try billingView(tx, session, context, wholeAccount: true, auditAction: "billing.invoices").account.key)
        }
    }

    /// Writes a CSV of the month: its invoice's lines when the month is closed (the month to
    /// date, marked so, otherwise), or with `by`, the month's breakdown. Returns the rows written.
    @discardableResult
    public func exportBilling(_ session: Session, in context: Context, month: BillingMonth, by dimension: BillingDimension? = nil,
                              to path: String) throws -> Int {
        let current = BillingMonth(containing: now)
        let invoices = dimension == nil && month < current ? try self.invoices(session, in: context) : []
        let (lines, kind): ([BreakdownLine], String) = try checkedRead { tx in
            let view = try billingView(tx, session, context, wholeAccount: true, auditAction: "billing.export")
            if let dimension { return (try tx.breakdown(view.account.key, by: dimension, month: month), dimension.rawValue) }
            if let invoice = invoices.first(where: { $0.month == month }) { return (invoice.lines, "invoice") }
            return (try tx.breakdown(view.account.key, by: .operation, month: month), month < current ? "invoice" : "month to date")
        }
        let total = lines.reduce(0) { $0 + $1.amountMicros }
        let label = dimension?.rawValue ?? "operation"
        return try CSVFile.write(to: path, header: ["month", "kind", label, "quantity", "amount_micros", "amount", "currency", "share"]) { row in
            for line in lines {
                try row([month.description, kind, line.key, String(line.quantity), String(line.amountMicros), Money.exact(line.amountMicros),
                         Money.currency, Money.percent(permille: Money.permille(line.amountMicros, of: total))])
            }
            try row([month.description, kind, "total", "", String(total), Money.exact(total), Money.currency, total > 0 ? "100.0%" : "0.0%"])
        }
    }

    /// The rate card in force: one price per operation (the account's own, else the default).
    public func billingRates(_ session: Session, in context: Context) throws -> [Rate] {
        try checkedRead { tx in
            try tx.rates(try billingView(tx, session, context, wholeAccount: true, auditAction: "billing.rates").account.key, at: now)
        }
    }
}
