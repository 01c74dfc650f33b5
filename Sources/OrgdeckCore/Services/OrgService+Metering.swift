import Foundation

// MARK: - Metering: every billable operation writes its usage in its own transaction (PRODUCT.md §7)
extension OrgService {
    /// Meters `quantity` units of `operation` that `userID` did on the app with `appKey`, inside
    /// the operation's transaction, so a failed or refused operation meters nothing. The app's
    /// owner pays for its members and its collaborators (and an owner for themself); someone
    /// outside the owning organization, predicting with a public model, pays on their personal
    /// account, where the app shows as `organization/app`. Crossing a budget threshold fires its
    /// alert here.
    func meter(_ tx: StoreTransaction, _ operation: UsageOperation, quantity: Int, appKey: Int64, userID: Int64,
               source: AuditSource) throws {
        guard quantity > 0, let (account, appID) = try tx.billingAccount(appKey: appKey) else { return }
        var usage = UsageRecord(account: account, userID: userID, appID: appID, operation: operation,
                                quantity: Int64(quantity), at: now)
        if let organizationID = account.organizationID, try tx.role(organizationID: organizationID, userID: userID) == nil,
           try tx.collaboratorScopes(appKey: appKey, userID: userID) == nil {
            usage.account = .personal(userID)
            usage.appID = "\(organizationID)/\(appID)"
        }
        try tx.insertUsage(usage)
        try checkBudget(tx, usage.account, source: source)
    }

    /// Fires each budget threshold the account's month-to-date total has reached and that has
    /// not fired this month: one audit entry per threshold per month (the Admins' header badge
    /// reads the same table).
    func checkBudget(_ tx: StoreTransaction, _ account: BillingAccount, source: AuditSource) throws {
        guard try tx.hasBudget(account.key), let budget = try tx.budget(account.key) else { return }
        let month = BillingMonth(containing: now)
        let spent = try tx.monthTotal(account.key, month)
        for threshold in budget.reached(by: spent)
        where try tx.fireAlert(account.key, month: month, threshold: threshold, spent: spent, at: now) {
            // A personal account's alert is the user's own entry; an organization's is the system's.
            let actor = try account.userID.flatMap { try tx.user(id: $0)?.user.username }
            try tx.appendAudit(AuditRecord(at: now, actor: actor, organizationID: account.organizationID,
                                           action: "billing.budget_alert", target: month.description,
                                           details: "\(threshold)% of the \(Money.cents(budget.amountMicros)) \(Money.currency) budget reached: "
                                               + "\(Money.cents(spent)) \(Money.currency) spent",
                                           source: source, outcome: "ok"))
        }
    }

    /// Meters one day of storage (every input held, per app) if no process has today, and closes
    /// the months that have ended into invoices. The first orgdeck process of the day does it,
    /// once; it gives up at once, to try again later, while another process writes. Returns
    /// whether this call took the snapshot.
    @discardableResult
    public func meterStorageIfDue(source: AuditSource = .cli) throws -> Bool {
        let day = now.utcDay
        let month = BillingMonth(containing: now)
        guard try store.read({ tx in try !tx.hasStorageSnapshot(day: day) || !tx.monthsToClose(before: month).isEmpty }) else {
            return false
        }
        let taken = try store.writeIfFree { tx -> Bool in
            try closeMonths(tx, before: month)
            guard try tx.claimStorageSnapshot(day: day, at: now) else { return false }
            var apps = 0, inputs: Int64 = 0
            for (appKey, count) in try tx.storedInputCounts() {
                guard let (account, appID) = try tx.billingAccount(appKey: appKey) else { continue }
                try tx.insertUsage(UsageRecord(account: account, userID: account.userID ?? 0, appID: appID,
                                               operation: .storageInputDay, quantity: count, at: now))
                try checkBudget(tx, account, source: source)
                apps += 1; inputs += count
            }
            Log.info("storage metered for \(day): \(inputs) inputs in \(apps) apps")
            return true
        }
        return taken ?? false
    }

    /// Writes the invoice of every month before `month` that has usage and none yet.
    func closeMonths(_ tx: StoreTransaction, before month: BillingMonth) throws {
        for (account, closing) in try tx.monthsToClose(before: month) {
            try tx.closeMonth(account, closing, at: now)
            Log.info("invoice written for \(closing)")
        }
    }
}
