import Foundation

// MARK: - Demo billing: ninety days of the members' metered work, a closed invoice, a budget
extension OrgService {
    /// Meters ninety days of what the demo's people did: predictions on the apps they use (more
    /// on weekdays, growing over time), searches, the ticket upload and the two training runs on
    /// the days the content shows them, each day's storage from the upload on, the admin's
    /// sandbox on her personal account and an outsider's predictions with the public model on
    /// hers. Then the months that ended are closed into invoices, Acme gets its own price for
    /// predictions (from day 30 on) and a budget the month to date is just past 80% of, so two
    /// alerts have fired and the third is near. Returns the budget's audit entry, to be logged in
    /// time order with the rest; `fireDemoBudgetAlerts` then logs the alerts.
    func seedDemoBilling(_ tx: StoreTransaction, ids: [String: Int64], keys: [String: Int64],
                         origin: Date) throws -> [(Date, AuditRecord)] {
        let day: TimeInterval = 86_400
        guard let organization = try tx.organization(id: DemoAccounts.organizationID) else { return [] }
        let acme = BillingAccount.organization(organization)
        try tx.setRate(acme.key, .predict, priceMicros: 1_000, at: origin.addingTimeInterval(-30 * day), by: ids[DemoAccounts.admin] ?? 0)
        var random = SplitMix64(seed: 2026)
        func usage(_ account: BillingAccount, _ user: String, _ app: String, _ operation: UsageOperation, _ quantity: Int,
                   _ at: Date) throws {
            guard quantity > 0 else { return }
            try tx.insertUsage(UsageRecord(account: account, userID: ids[user] ?? 0, appID: app, operation: operation,
                                           quantity: Int64(quantity), at: at))
        }
        let workers: [(String, [String])] = [
            ("ada", ["support-triage", "invoice-ocr"]), ("hedy", ["moderation", "support-triage"]),
            ("grace", ["support-triage", "warranty-claims"]), ("alan", ["firmware-crash-logs", "review-sentiment"]),
            ("katherine", ["invoice-ocr", "safety-incidents"]), ("margaret", ["parts-catalog"]),
            ("dennis", ["support-triage"]), ("barbara", ["review-sentiment"]), ("edsger", ["moderation"]),
            ("radia", ["weld-defects"]), ("ken", ["support-triage"]), ("frances", ["lidar-labels"]),
        ]
        let uploadDay = 20, today = origin.utcDay
        for daysAgo in stride(from: 89, through: 0, by: -1) {
            let date = origin.addingTimeInterval(-Double(daysAgo) * day)
            // Working hours of that day, never after now.
            let start = min(origin.addingTimeInterval(-60), date.addingTimeInterval(-Double(daysAgo == 0 ? 0 : 3) * 3_600))
            let weekday = (Int(date.timeIntervalSince1970 / day) + 4) % 7
            let weight = (weekday == 0 || weekday == 6 ? 0.3 : 1.0) * (0.6 + Double(90 - daysAgo) / 150)
            for (index, (user, apps)) in workers.enumerated() {
                for app in apps {
                    let at = start.addingTimeInterval(-Double(index) * 600)
                    try usage(acme, user, app, .predict, Int(Double(40 + random.next() % 260) * weight), at)
                    try usage(acme, user, app, .search, Int(Double(random.next() % 24) * weight), at)
                }
            }
            if daysAgo <= uploadDay {
                try usage(acme, "", "support-triage", .storageInputDay, 3_200, start)
                try usage(acme, "", "weld-defects", .storageInputDay, 6, start)
            }
            try usage(.personal(ids["ada"] ?? 0), "ada", DemoData.adminPersonalApp.id, .predict, Int(random.next() % 30), start)
            if daysAgo < 30 {
                try usage(.personal(ids["olivia"] ?? 0), "olivia", "\(DemoAccounts.organizationID)/support-triage", .predict,
                          Int(random.next() % 12), start)
            }
        }
        // The upload and the two training runs the content shows, when they happened.
        try usage(acme, "ada", "support-triage", .upload, 3_200, origin.addingTimeInterval(-Double(uploadDay) * day))
        try usage(acme, "radia", "weld-defects", .upload, 6, origin.addingTimeInterval(-Double(uploadDay) * day))
        try usage(acme, "ada", "support-triage", .trainInput, 1_600, origin.addingTimeInterval(-10 * day))
        try usage(acme, "ada", "support-triage", .trainInput, 3_200, origin.addingTimeInterval(-1 * day))
        // Storage for today is metered: the first process of the day must not meter it again.
        _ = try tx.claimStorageSnapshot(day: today, at: origin)
        // Each ended month closed into its invoice when it ended, as a running server would have.
        for (account, month) in try tx.monthsToClose(before: BillingMonth(containing: origin)) {
            try tx.closeMonth(account, month, at: month.next.start)
        }

        let spent = try tx.monthTotal(acme.key, BillingMonth(containing: origin))
        // Whole currency units, so the budget reads as a round figure.
        let units = max(1, (spent * 100 / 82 + Money.microsPerUnit - 1) / Money.microsPerUnit)
        try tx.setBudget(acme.key, Budget(amountMicros: units * Money.microsPerUnit), at: origin.addingTimeInterval(-3 * day))
        let budgetSet = origin.addingTimeInterval(-3 * day)
        return [(budgetSet, AuditRecord(at: budgetSet, actor: DemoAccounts.admin, organizationID: organization.id,
                                        action: "billing.budget", target: organization.id,
                                        details: "\(units).00 \(Money.currency) a month, alerts at 50%, 80%, 100%",
                                        source: .tui, outcome: "ok"))]
    }

    /// The demo budget's alerts, as the month to date stands, after every seeded entry is logged.
    func fireDemoBudgetAlerts(_ tx: StoreTransaction) throws {
        guard let organization = try tx.organization(id: DemoAccounts.organizationID) else { return }
        try checkBudget(tx, BillingAccount.organization(organization), source: .tui)
    }
}
