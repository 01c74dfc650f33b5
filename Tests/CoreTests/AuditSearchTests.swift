import Foundation
import Testing
@testable import OrgdeckCore

@Suite("Audit search and CSV export")
struct AuditSearchTests {
    @Test("filters by member, category or action, target, outcome and time; members see only their own")
    func filters() throws {
        let f = try Fixture()
        let (admin, members) = try f.organization()
        let org = Context.organization("acme")
        let contributor = try #require(members[.orgContributor])
        let start = f.clock.now
        _ = try f.service.createApp(admin, in: org, id: "alpha", name: "Alpha", description: "")
        f.clock.advance(3_600)
        _ = try f.service.createApp(contributor, in: org, id: "beta", name: "Beta", description: "")
        let beta = try f.service.app(contributor, in: org, id: "beta")
        _ = try f.service.updateApp(contributor, in: org, id: "beta", name: "Beta 2", description: "", expectedVersion: beta.version)
        let user = try #require(members[.orgUser])
        _ = coreError { _ = try f.service.createApp(user, in: org, id: "nope", name: "Nope", description: "") }
        func actions(_ search: AuditSearch, as session: Session? = nil) throws -> [String] {
            try f.service.auditEntries(session ?? admin, in: org, search: search, offset: 0, limit: 100).items.map(\.action)
        }
        #expect(try actions(AuditSearch(member: contributor.user.username, action: "app")) == ["app.update", "app.create"])
        #expect(try actions(AuditSearch(action: "app.create", target: "alpha")) == ["app.create"])
        #expect(try actions(AuditSearch(action: "app", outcome: "denied")) == ["app.create"])
        #expect(try actions(AuditSearch(action: "app", since: start.addingTimeInterval(60))).count == 3)
        #expect(try actions(AuditSearch(action: "app", until: start.addingTimeInterval(60))) == ["app.create"])
        #expect(try actions(AuditSearch(action: "ap")).isEmpty, "a category is a whole word before the dot")
        #expect(try actions(AuditSearch(member: admin.user.username, action: "app"), as: contributor).isEmpty,
                "a member sees only their own entries, whatever they filter by")
        #expect(try AuditSearch.outcome(named: "success") == "ok")
        #expect(coreError { _ = try AuditSearch.outcome(named: "maybe") }?.field == "outcome")
        #expect(try AuditSearch.date("2026-11-30", field: "since") == Date(timeIntervalSince1970: 1_795_996_800))
        #expect(coreError { _ = try AuditSearch.date("yesterday", field: "since") }?.field == "since")
    }

    @Test("CSV quotes commas, quotes and line breaks, keeps UTF-8, and defuses formulas")
    func csv() throws {
        #expect(CSVFile.cell("plain") == "plain")
        #expect(CSVFile.cell("a,b") == "\"a,b\"")
        #expect(CSVFile.cell("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVFile.cell("two\nlines") == "\"two\nlines\"")
        #expect(CSVFile.cell("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        for start in ["+1", "-1", "@SUM(A1)", "\tx"] { #expect(CSVFile.cell(start).hasPrefix("'") || CSVFile.cell(start).hasPrefix("\"'")) }
        #expect(CSVFile.cell("café ✓ 日本") == "café ✓ 日本")

        let f = try Fixture()
        let ada = try f.user("ada")
        _ = try f.service.createApp(ada, in: .personal, id: "x", name: "=cmd|' /C calc'!A0, \"quoted\"", description: "")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("orgdeck-audit-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try f.service.exportAudit(ada, in: .personal, to: path) == 3)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines[0] == AuditCSV.header && lines.count == 5 && lines[4].isEmpty)
        #expect(lines[3].hasPrefix("3,") && lines[3].contains(",app.create,x,"))
        #expect(try f.service.exportAudit(ada, in: .personal, search: AuditSearch(action: "user"), to: path) == 2)
        #expect(coreError { _ = try f.service.exportAudit(ada, in: .personal, to: "/nonexistent/dir/a.csv") }?.field == "path")
    }
}
