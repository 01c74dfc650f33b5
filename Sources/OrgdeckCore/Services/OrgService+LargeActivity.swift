import Foundation

// MARK: - Benchmark data: years of usage and of audit entries
extension OrgService {
    /// Adds `count` usage events over the last year, priced at the default rates, and builds
    /// their roll-ups once at the end (the metering path writes both per event; a bulk load need
    /// not). Three in five belong to the demo organization and are spread over every user of
    /// the database, so its breakdown by member has some 20,000 lines; the rest go to the other
    /// organizations' and personal accounts.
    public func seedLargeUsage(count: Int) throws {
        guard count > 0 else { return }
        let origin = now
        let year: Double = 365 * 86_400
        let batch = 500_000
        let (accounts, users, apps, prices) = try store.read { tx -> ([BillingAccount], [Int64], [String], [UsageOperation: Int64]) in
            guard let acme = try tx.organization(id: DemoAccounts.organizationID) else {
                throw CoreError(.failure, "the demo organization is missing")
            }
            let others = try tx.bulkOrganizations(limit: 200).map(BillingAccount.organization)
            let users = try tx.userIDs()
            let apps = try tx.appIDs(owner: .organization(acme.id), limit: 500)
            let prices = Dictionary(uniqueKeysWithValues: try tx.rates(BillingAccount.defaultRates, at: origin).map { ($0.operation, $0.unitPriceMicros) })
            return ([.organization(acme)] + others, users, apps, prices)
        }
        guard !users.isEmpty, !apps.isEmpty else { return }
        var random = SplitMix64(seed: 42)
        for start in stride(from: 0, to: count, by: batch) {
            try store.write { tx in
                try tx.bulkInsertUsage(count: min(batch, count - start)) { i in
                    let n = start + i
                    let user = users[n % users.count]
                    let account = n % 5 < 3 ? accounts[0]
                        : n % 5 == 3 && accounts.count > 1 ? accounts[1 + Int(random.next() % UInt64(accounts.count - 1))]
                        : BillingAccount.personal(user)
                    let operation: UsageOperation = [.predict, .predict, .predict, .search, .upload, .trainInput][Int(random.next() % 6)]
                    let quantity = Int64(1 + random.next() % (operation == .predict ? 20 : 200))
                    // Later events are denser: usage grows over the year.
                    let position = sqrt(Double(random.next() % 1_000_000) / 1_000_000)
                    return UsageRecord(account: account, userID: user, appID: apps[Int(random.next() % UInt64(apps.count))],
                                       operation: operation, quantity: quantity,
                                       at: origin.addingTimeInterval(-year * (1 - position) - 60))
                } price: { prices[$0] ?? 0 }
            }
        }
        try store.write { tx in
            try tx.rebuildRollups()
            try tx.analyze()
        }
        store.foldWAL()
    }

    /// Appends `count` audit entries over the last year (chained and sealed like any other),
    /// mostly the demo organization's, by every user of the database, a few denied or failed.
    public func seedLargeAudit(count: Int) throws {
        guard count > 0 else { return }
        let origin = now
        let year: Double = 365 * 86_400
        let usernames = try store.read { tx in try tx.usernames(limit: 20_000) }
        let actions = ["app.create", "app.update", "app.pin", "inputs.upload", "inputs.label", "model.train", "model.predict",
                       "team.member_add", "member.role_change", "user.signin", "billing.budget", "concept.create"]
        var random = SplitMix64(seed: 9)
        for start in stride(from: 0, to: count, by: 100_000) {
            try store.write { tx in
                for n in start..<min(count, start + 100_000) {
                    let roll = random.next() % 100
                    try tx.appendAudit(AuditRecord(
                        at: origin.addingTimeInterval(-year + year * Double(n) / Double(count)),
                        actor: usernames[Int(random.next() % UInt64(max(1, usernames.count)))],
                        organizationID: n % 10 < 8 ? DemoAccounts.organizationID : nil,
                        action: actions[Int(random.next() % UInt64(actions.count))],
                        target: "app-\(random.next() % 5_000)", details: "", source: n % 3 == 0 ? .cli : .tui,
                        outcome: roll < 95 ? "ok" : roll < 99 ? "denied" : "failed"))
                }
            }
        }
        store.foldWAL()
    }
}
