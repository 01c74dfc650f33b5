import Foundation
import GRDB
import Testing
@testable import OrgdeckCore

/// Money, invoices, budgets and who sees what (PRODUCT.md §7).
@Suite("Billing")
struct BillingTests {
    let fixture: Fixture
    let admin: Session
    let members: [Role: Session]
    let acme = Context.organization("acme")

    init() throws {
        fixture = try Fixture()
        (admin, members) = try fixture.organization()
        _ = try fixture.service.createApp(admin, in: acme, id: "support", name: "Support", description: "")
    }

    var account: BillingAccount {
        get throws { BillingAccount.organization(try fixture.service.organization(admin, id: "acme")) }
    }

    /// Meters `quantity` predictions by `user` now, as the core does after a prediction.
    func predictions(_ quantity: Int, by user: Session? = nil) throws {
        let user = user ?? admin
        try fixture.service.store.write { tx in
            let app = try #require(try tx.app(AppScope(owner: .organization("acme"), readerID: user.user.id, visibility: .all), id: "support"))
            try fixture.service.meter(tx, .predict, quantity: quantity, appKey: app.key, userID: user.user.id, source: .cli)
        }
    }

    @Test("amounts are parsed exactly, shown rounded half away from zero, and forecast half up: a hand-checked example")
    func rounding() throws {
        #expect(try Money.parse("12.50", field: "amount") == 12_500_000)
        #expect(try Money.parse("0.0004", field: "price") == 400)
        #expect(try Money.parse("3", field: "amount") == 3_000_000)
        #expect(try Money.parse(" 0.000001 ", field: "amount") == 1)
        for bad in ["", "-1", "1e3", "1,5", "1.", ".", "0.0000001", "1000000001", "١٢", "+2"] {
            #expect(coreError { _ = try Money.parse(bad, field: "amount") }?.kind == .invalid, "\(bad)")
        }
        #expect(coreError { _ = try Money.parse("  ", field: "price") }?.message == "an amount is required: write it like 12.50 or 0.0004")
        #expect(Money.exact(12_500_000) == "12.50" && Money.exact(400) == "0.0004" && Money.exact(1_000_001) == "1.000001")
        // 7 predictions at 0.0012: 0.0084 exactly, which a person reads as one cent.
        #expect(Money.cents(7 * 1_200) == "0.01")
        #expect(Money.cents(5_000) == "0.01" && Money.cents(4_999) == "0.00" && Money.cents(-5_000) == "-0.01")
        #expect(Money.cents(1_234_567_890_000) == "1,234,567.89")
        // 0.01 spent by the 3rd of a 31-day month: 0.01 × 31 / 3 = 0.103333… → 0.103333.
        let third = try #require(ISO8601DateFormatter().date(from: "2027-01-03T12:00:00Z"))
        #expect(Forecast.micros(spent: 10_000, month: BillingMonth(year: 2027, month: 1), now: third) == 103_333)
        // …and by the 2nd: 0.01 × 31 / 2 = 0.155 exactly; 0.000005 × 31 / 2 = 0.0000775 → 0.000078 (half up).
        let second = third.addingTimeInterval(-86_400)
        #expect(Forecast.micros(spent: 10_000, month: BillingMonth(year: 2027, month: 1), now: second) == 155_000)
        #expect(Forecast.micros(spent: 5, month: BillingMonth(year: 2027, month: 1), now: second) == 78)
        #expect(Forecast.micros(spent: 9, month: BillingMonth(year: 2026, month: 12), now: second) == 9, "a closed month forecasts its total")
        #expect(Money.permille(1, of: 3) == 333 && Money.permille(2, of: 3) == 667 && Money.percent(permille: 667) == "66.7%")
    }

    @Test("a closed month's invoice equals the sum of its events and never changes, not even after a rate edit")
    func invoices() throws {
        let service = fixture.service
        try predictions(7)
        try predictions(3, by: members[.orgUser])
        #expect(try service.invoices(admin, in: acme).isEmpty, "January is still open")
        fixture.clock.advance(20 * 86_400)  // into February
        let invoices = try service.invoices(admin, in: acme)
        let january = try #require(invoices.first)
        let sum = try fixture.raw { db in try Int64.fetchOne(db, sql: "SELECT SUM(amount_micros) FROM usage_events") }
        #expect(invoices.count == 1 && january.month.description == "2027-01" && january.totalMicros == sum && sum == 12_000)
        #expect(january.lines == [BreakdownLine(key: "predict", quantity: 10, amountMicros: 12_000)])
        try service.setRate(admin, in: acme, operation: .predict, priceMicros: 500_000)
        try predictions(1)
        #expect(try service.invoices(admin, in: acme) == invoices)
        #expect(try service.billingSummary(admin, in: acme).totalMicros == 500_000, "February's prediction at the new price")
        for sql in ["UPDATE invoices SET total_micros = 1", "DELETE FROM invoice_lines",
                    "INSERT INTO invoice_lines (owner, month, operation, quantity, amount_micros) VALUES ('\(try account.key)', '2027-01', 'search', 1, 1)",
                    "UPDATE usage_events SET amount_micros = 0"] {
            #expect(throws: DatabaseError.self, "\(sql)") { try fixture.raw { db in try db.execute(sql: sql) } }
        }
    }

    @Test("each budget threshold fires once a month, with an audit entry and the Admins' badge")
    func budgetAlerts() throws {
        let service = fixture.service
        try service.setBudget(admin, in: acme, Budget(amountMicros: 10_000, thresholds: [50, 80, 100]))
        #expect(service.budgetAlert(admin, in: acme) == nil)
        try predictions(5)  // 6,000 of 10,000
        #expect(service.budgetAlert(admin, in: acme) == 50)
        try predictions(1)  // 7,200
        try predictions(2)  // 9,600
        #expect(try service.billingSummary(admin, in: acme).alertsFired == [50, 80])
        try predictions(10)
        try predictions(10)
        let alerts = try fixture.auditActions().filter { $0.action == "billing.budget_alert" }
        #expect(alerts.count == 3 && alerts.allSatisfy { $0.actor == nil && $0.org == "acme" })
        #expect(service.budgetAlert(admin, in: acme) == 100)
        #expect(service.budgetAlert(try #require(members[.orgContributor]), in: acme) == nil, "the badge is the Admins'")
        try service.setBudget(admin, in: acme, Budget(amountMicros: 1_000_000, thresholds: [50, 80, 100]))
        #expect(service.budgetAlert(admin, in: acme) == nil, "a raised budget: the badge says what is true now")
        #expect(try service.billingSummary(admin, in: acme).alertsFired == [], "reached under the budget as it stands")
        try service.setBudget(admin, in: acme, Budget(amountMicros: 60_000, thresholds: [50, 80, 250]))
        #expect(try service.billingSummary(admin, in: acme).alertsFired == [50], "100 is no threshold now; 80% is not reached")
        #expect(try fixture.auditActions().filter { $0.action == "billing.budget_alert" }.count == 3,
                "the alerts fired stay in the audit log, and do not fire twice")
        try service.setBudget(admin, in: acme, Budget(amountMicros: 10_000, thresholds: [50, 80, 100]))
        #expect(try service.billingSummary(admin, in: acme).alertsFired == [50, 80, 100])
        fixture.clock.advance(31 * 86_400)
        #expect(service.budgetAlert(admin, in: acme) == nil, "a new month starts with no alert")
        try predictions(5)
        #expect(try fixture.auditActions().filter { $0.action == "billing.budget_alert" }.count == 4)
        #expect(coreError { try service.setBudget(admin, in: acme, Budget(amountMicros: 0)) }?.kind == .invalid)
    }

    @Test("a member who is not an Admin sees their own usage and nothing of the organization's")
    func membersSeeTheirOwn() throws {
        let service = fixture.service
        let user = try #require(members[.orgUser]), contributor = try #require(members[.orgContributor])
        try predictions(10)
        try predictions(2, by: user)
        let own = try service.billingSummary(user, in: acme)
        #expect(own.scope == .member && own.totalMicros == 2_400 && own.budget == nil && own.alertsFired.isEmpty)
        #expect(try service.billingSummary(admin, in: acme).totalMicros == 14_400)
        #expect(try service.billingBreakdown(user, in: acme, by: .operation) == [BreakdownLine(key: "predict", quantity: 2, amountMicros: 2_400)])
        for session in [user, contributor] {
            #expect(coreError { _ = try service.billingBreakdown(session, in: acme, by: .member) }?.kind == .forbidden)
            #expect(coreError { _ = try service.billingBreakdown(session, in: acme, by: .app) }?.kind == .forbidden)
            #expect(coreError { _ = try service.invoices(session, in: acme) }?.kind == .forbidden)
            #expect(coreError { _ = try service.billingRates(session, in: acme) }?.kind == .forbidden)
            #expect(coreError { try service.setBudget(session, in: acme, Budget(amountMicros: 1)) }?.kind == .forbidden)
            #expect(coreError { try service.setRate(session, in: acme, operation: .search, priceMicros: 0) }?.kind == .forbidden)
            #expect(coreError { _ = try service.exportBilling(session, in: acme, month: BillingMonth(containing: fixture.clock.now),
                                                              to: NSTemporaryDirectory() + "/x.csv") }?.kind == .forbidden)
        }
        #expect(try fixture.lastAudit()?.outcome == "denied")
        let outsider = try fixture.user("outsider")
        #expect(coreError { _ = try service.billingSummary(outsider, in: acme) }?.kind == .notFound)
    }

    @Test("rates: defaults, an organization's own price from its moment on, refused for a personal account")
    func rates() throws {
        let service = fixture.service
        #expect(try service.billingRates(admin, in: acme).map(\.unitPriceMicros) == [1_200, 200, 400, 100, 3])
        try predictions(1)
        try service.setRate(admin, in: acme, operation: .predict, priceMicros: 2_000)
        try predictions(1)
        let rates = try service.billingRates(admin, in: acme)
        #expect(rates[0].unitPriceMicros == 2_000 && !rates[0].isDefault && rates[1].isDefault)
        #expect(try service.billingSummary(admin, in: acme).totalMicros == 3_200)
        #expect(coreError { try service.setRate(admin, in: .personal, operation: .predict, priceMicros: 0) }?.kind == .invalid)
        #expect(coreError { try service.setRate(admin, in: acme, operation: .predict, priceMicros: 1_000_000_001) }?.kind == .invalid)
        #expect(try fixture.auditActions().contains { $0.action == "billing.rate" && $0.outcome == "ok" })
    }

    @Test("roll-ups agree with a recomputation from the raw events, on many random sets of events")
    func rollupsAgreeWithEvents() throws {
        var random = SplitMix64(seed: 7)
        for round in 0..<12 {
            let fixture = try Fixture()
            let accounts = ["u:1", "u:2", "o:acme@1", "o:globex@5"].map { BillingAccount(key: $0, organizationID: nil, userID: nil) }
            let start = fixture.clock.now.addingTimeInterval(-120 * 86_400)
            var expected: [String: Int64] = [:]
            try fixture.service.store.write { tx in
                for _ in 0..<(50 + Int(random.next() % 250)) {
                    let account = accounts[Int(random.next() % 4)]
                    let operation = UsageOperation.allCases[Int(random.next() % 5)]
                    let at = start.addingTimeInterval(Double(random.next() % (120 * 86_400)))
                    let amount = try tx.insertUsage(UsageRecord(account: account, userID: Int64(random.next() % 6),
                                                                appID: "app-\(random.next() % 5)", operation: operation,
                                                                quantity: Int64(1 + random.next() % 1_000), at: at))
                    expected[account.key + BillingMonth(containing: at).description, default: 0] += amount
                }
            }
            let check = try fixture.service.verifyBilling()
            #expect(check.isConsistent && check.events >= 50, "round \(round): \(check.differences)")
            for (key, amount) in expected.prefix(5) {
                let month = try BillingMonth.parse(String(key.suffix(7)))
                let total = try fixture.service.store.read { tx in try tx.monthTotal(String(key.dropLast(7)), month) }
                #expect(total == amount)
            }
            // A roll-up changed behind the core's back is found, on both sides of the comparison.
            try fixture.raw { db in
                try db.execute(sql: """
                    UPDATE usage_rollups SET amount_micros = amount_micros + 1
                    WHERE (owner, dimension, period, user_id, app_id, operation)
                        IN (SELECT owner, dimension, period, user_id, app_id, operation FROM usage_rollups LIMIT 1)
                    """)
            }
            let broken = try fixture.service.verifyBilling()
            #expect(!broken.isConsistent && broken.differences.count == 1)
            #expect(broken.differences.first.map { ($0.rollup?.amountMicros ?? 0) - ($0.events?.amountMicros ?? 0) } == 1)
        }
    }
}
