import Foundation

// MARK: - Billing settings: the budget, the rate card, the billing email; the roll-ups' check
extension OrgService {
    /// Sets the monthly budget and its alert thresholds (an organization's Admins; anyone for
    /// their personal account); nil removes it. Thresholds already reached this month fire now.
    @discardableResult
    public func setBudget(_ session: Session, in context: Context, _ budget: Budget?) throws -> Budget? {
        if isReadOnly { throw CoreError.readOnly }
        if let budget {
            guard budget.amountMicros > 0, budget.amountMicros <= Money.maximum else {
                throw CoreError.invalid("amount", "a budget is more than 0 and at most 1000000000 \(Money.currency)")
            }
            _ = try Budget.thresholds(budget.thresholds.map(String.init).joined(separator: ","))
        }
        return try change { tx in
            let view = try billingSettingsView(tx, session, context, auditAction: "billing.budget")
            try tx.setBudget(view.account.key, budget, at: now)
            let details = budget.map { "\(Money.exact($0.amountMicros)) \(Money.currency) a month, alerts at "
                + $0.thresholds.map { "\($0)%" }.joined(separator: ", ") } ?? "removed"
            try tx.appendAudit(record(session, organizationID: view.account.organizationID, action: "billing.budget",
                                      target: view.account.organizationID ?? session.user.username, details: details))
            try checkBudget(tx, view.account, source: session.source)
            try noteActivity(tx, view.access)
            return budget
        }
    }

    /// Prices one unit of `operation` at `priceMicros` for the organization from now on. Usage
    /// already metered keeps the price it was metered at; closed invoices never change.
    @discardableResult
    public func setRate(_ session: Session, in context: Context, operation: UsageOperation, priceMicros: Int64) throws -> Rate {
        if isReadOnly { throw CoreError.readOnly }
        guard (0...Self.maximumUnitPrice).contains(priceMicros) else {
            throw CoreError.invalid("price", "a unit price is from 0 to \(Money.exact(Self.maximumUnitPrice)) \(Money.currency)")
        }
        return try change { tx in
            let view = try billingSettingsView(tx, session, context, auditAction: "billing.rate")
            guard view.account.organizationID != nil else {
                throw CoreError.invalid("org", "a personal account is billed at the platform's rates: set an organization's with --org")
            }
            let old = try tx.rates(view.account.key, at: now).first { $0.operation == operation }
            try tx.setRate(view.account.key, operation, priceMicros: priceMicros, at: now, by: session.user.id)
            try tx.appendAudit(record(session, organizationID: view.account.organizationID, action: "billing.rate",
                                      target: operation.rawValue,
                                      details: "\(old.map { Money.exact($0.unitPriceMicros) } ?? "?") → \(Money.exact(priceMicros)) "
                                          + "\(Money.currency) per \(operation.unit)"))
            try noteActivity(tx, view.access)
            return Rate(operation: operation, unitPriceMicros: priceMicros, effectiveFrom: now, isDefault: false)
        }
    }

    /// The highest price one unit may have (1,000 of the currency): far above any real price,
    /// and low enough that no sum of a month's usage can overflow.
    public static let maximumUnitPrice: Int64 = 1_000 * Money.microsPerUnit

    /// Where the organization's invoices go: its billing email (Admins).
    public func setBillingEmail(_ session: Session, in context: Context, email: String) throws -> Organization {
        guard let organizationID = context.organizationID else {
            throw CoreError.invalid("org", "a personal account's bills go to your own email: name an organization with --org")
        }
        return try updateOrganization(session, id: organizationID, name: nil, billingEmail: email, expectedVersion: nil)
    }

    /// The settings view: the whole account, and the right to change its billing.
    private func billingSettingsView(_ tx: StoreTransaction, _ session: Session, _ context: Context,
                                     auditAction: String) throws -> BillingView {
        let view = try billingView(tx, session, context, wholeAccount: false, auditAction: auditAction)
        if let organizationID = view.account.organizationID {
            try require(.manageBilling, view.access, tx, auditAction: auditAction, target: organizationID)
        }
        return view
    }

    /// The highest threshold of the budget as it stands that this month's spending has
    /// reached, for the header badge: an organization's Admins and a personal account's owner
    /// see it; nil for anyone else. Alerts fired under an earlier, lower budget stay in the
    /// audit log, but the badge says what is true now, as the Billing overview does.
    public func budgetAlert(_ session: Session, in context: Context) -> Int? {
        try? store.read { tx -> Int? in
            let view = try billingView(tx, session, context, wholeAccount: false, auditAction: "billing.summary")
            guard view.scope != .member, try tx.hasBudget(view.account.key), let budget = try tx.budget(view.account.key) else {
                return nil
            }
            return budget.reached(by: try tx.monthTotal(view.account.key, BillingMonth(containing: now))).last
        }
    }

    /// Recomputes every roll-up from the raw usage events and lists where they differ (at most
    /// `limit` differences). Reads the whole file, as its owner would: like `audit verify`.
    public func verifyBilling(limit: Int = 20) throws -> BillingVerification {
        try store.read { tx in
            let (rollups, events, differences) = try tx.rollupDifferences(limit: limit)
            return BillingVerification(events: events, rollups: rollups, differences: differences)
        }
    }
}
