import Foundation
import OrgdeckCore
import Testing

/// `orgdeck billing …` through the built binary: the JSON shapes of the issue, exit 4 for what a
/// member may not see, exact amounts, and the roll-ups' check.
@Suite struct BillingCommandTests {
    let database: AdminDatabase

    /// A database of its own: its first billing command of the day meters storage, and that
    /// must find what this test put there and nothing of other tests'. Today's storage is
    /// metered before anything is stored, so the figures are the operations' alone.
    init() throws {
        let path = Workspace.newDatabasePath("billing")
        database = AdminDatabase(path: path, service: try Workspace.service(at: path))
        try database.service.meterStorageIfDue()
    }

    /// An organization whose Admin uploaded 30 inputs (30 × 0.0001) and whose Organization User
    /// searched once (0.0004).
    func billedOrganization() throws -> (OrgSetup, Person) {
        let org = try database.organization(members: [.orgUser])
        let app = try org.app()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("orgdeck-billing-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let csv = (0..<30).map { "ticket number \($0),billing" }.joined(separator: "\n")
        try ("text,concepts\n" + csv).write(to: folder.appendingPathComponent("t.csv"), atomically: true, encoding: .utf8)
        let upload = try org.run(["inputs", "upload", app, folder.path + "/t.csv"])
        #expect(upload.status == 0, "\(upload)")
        let user = org.members[0]
        let search = try org.run(["inputs", "list", app, "--search", "ticket"], as: user)
        #expect(search.status == 0, "\(search)")
        return (org, user)
    }

    @Test func summaryBreakdownAndRatesHaveTheIssuesShapes() throws {
        let (org, user) = try billedOrganization()
        let summary = try org.run(["billing", "summary", "--json"])
        let object = try #require(summary.object, "\(summary)")
        #expect(summary.stdout.hasPrefix("{\n  \"month\""))
        #expect(Set(object.keys) == ["month", "total_micros", "forecast_micros", "currency", "budget_micros", "alerts_fired", "scope"])
        #expect(object["total_micros"] as? Int == 3_400 && object["currency"] as? String == "USD" && object["scope"] as? String == "organization")
        #expect(object["budget_micros"] is NSNull && (object["alerts_fired"] as? [Any])?.isEmpty == true)
        let byMember = try #require(try org.run(["billing", "breakdown", "--by", "member", "--json"]).array)
        #expect(byMember.map { $0["key"] as? String } == [org.admin.username, user.username])
        #expect(byMember.map { $0["amount_micros"] as? Int } == [3_000, 400] && byMember.map { $0["quantity"] as? Int } == [30, 1])
        #expect(byMember.allSatisfy { Set($0.keys) == ["key", "quantity", "amount_micros"] })
        let rates = try #require(try org.run(["billing", "rates", "--json"]).array)
        #expect(rates.map { $0["operation"] as? String } == ["predict", "train_input", "search", "upload", "storage_input_day"])
        #expect(rates.allSatisfy { Set($0.keys) == ["operation", "unit_price_micros", "effective_from"] })
        let set = try org.run(["billing", "rates", "set", "search", "0.0025", "--json"])
        #expect(set.status == 0 && set.object?["unit_price_micros"] as? Int == 2_500, "\(set)")
        #expect(try org.run(["billing", "rates", "set", "search", "0.00000001"]).status == 7)
        #expect(try org.run(["billing", "rates", "set", "refunds", "1"]).status == 7)
        let human = try org.run(["billing", "summary"])
        #expect(human.status == 0 && human.stdout.contains("total") && human.stdout.contains("0.00 USD"), "\(human)")
    }

    @Test func aMemberSeesTheirOwnUsageAndIsRefusedTheRestWithExit4() throws {
        let (org, user) = try billedOrganization()
        let own = try #require(try org.run(["billing", "summary", "--json"], as: user).object)
        #expect(own["scope"] as? String == "member" && own["total_micros"] as? Int == 400)
        let mine = try #require(try org.run(["billing", "breakdown", "--by", "operation", "--json"], as: user).array)
        #expect(mine.count == 1 && mine.first?["key"] as? String == "search")
        for arguments in [["billing", "breakdown", "--by", "member"], ["billing", "breakdown", "--by", "app"], ["billing", "invoices"],
                          ["billing", "rates"], ["billing", "rates", "set", "predict", "0"], ["billing", "budget", "set", "10"],
                          ["billing", "email", "x@example.com"],
                          ["billing", "export", "--month", "2026-01", "--csv", NSTemporaryDirectory() + "/never.csv"]] {
            let refused = try org.run(arguments + ["--json"], as: user)
            #expect(refused.status == 4, "\(arguments): \(refused)")
        }
    }

    @Test func aBudgetFiresItsAlertsAndTheExportIsExact() throws {
        let (org, _) = try billedOrganization()
        let budget = try org.run(["billing", "budget", "set", "0.005", "--alerts", "50,100", "--json"])
        #expect(budget.status == 0 && budget.object?["budget_micros"] as? Int == 5_000, "\(budget)")
        let summary = try #require(try org.run(["billing", "summary", "--json"]).object)
        #expect(summary["budget_micros"] as? Int == 5_000 && summary["alerts_fired"] as? [Int] == [50])
        #expect(try org.run(["billing", "budget", "set", "12,50"]).status == 7)
        #expect(try org.run(["billing", "budget", "set", "10", "--alerts", "50,50"]).status == 7)
        let month = try #require(summary["month"] as? String)
        let path = NSTemporaryDirectory() + "orgdeck-billing-\(UUID().uuidString).csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let export = try org.run(["billing", "export", "--month", month, "--csv", path, "--by", "member"])
        #expect(export.status == 0, "\(export)")
        let lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\r\n")
        #expect(lines[0] == "month,kind,member,quantity,amount_micros,amount,currency,share")
        #expect(lines[1] == "\(month),member,\(org.admin.username),30,3000,0.003,USD,88.2%")
        #expect(lines[3] == "\(month),member,total,,3400,0.0034,USD,100.0%")
        #expect(try org.run(["billing", "export", "--month", "26-1", "--csv", path]).status == 7)
        let email = try org.run(["billing", "email", "invoices@example.com", "--json"])
        #expect(email.status == 0 && email.object?["billing_email"] as? String == "invoices@example.com", "\(email)")
    }

    @Test func verifyRecomputesEveryTotalAndNeedsNoToken() throws {
        _ = try billedOrganization()
        let check = try CLI.run(["billing", "verify", "--json", "--db", database.path])
        #expect(check.status == 0 && check.object?["consistent"] as? Bool == true, "\(check)")
        #expect((check.object?["events"] as? Int ?? 0) >= 2)
    }
}
