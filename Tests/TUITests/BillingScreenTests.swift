import Foundation
import OrgdeckCore
import OrgdeckTerminal
import OrgdeckTestSupport
import Testing
import OrgdeckViewModels
@testable import OrgdeckTUI

/// The Billing pane drawn from the demo's ninety days of usage: the Overview with its charts,
/// every table at the three sizes, a member's own view and Activity.
@Suite struct BillingScreenTests {
    static let sizes = Golden.sizes.map { "\($0.0)x\($0.1)" }

    func billing(_ username: String = DemoAccounts.admin, section: Int = 0) throws -> ConsoleViewModel {
        let service = try DemoDatabase.make()
        let console = ConsoleViewModel(service: service, session: try DemoDatabase.session(service, username))
        console.send(.firstFramePainted)
        console.switchContext(.organization("acme"))
        console.send(.selectPane(.billing))
        console.send(.selectSection(section))
        return console
    }

    func render(_ console: ConsoleViewModel, _ size: String = "80x24") -> [String] {
        let parts = size.split(separator: "x").compactMap { Int($0) }
        let body = ConsoleRenderer.body(width: parts[0], height: parts[1])
        console.send(.viewport(rows: body.rows, columns: body.columns))
        return ConsoleRenderer(keyMap: KeyMap(), now: DemoDatabase.now).render(console, theme: .builtin, width: parts[0], height: parts[1])
            .grid.rows
    }

    @Test func theOverviewShowsTheMonthTheBudgetAndBothCharts() throws {
        let rows = render(try billing())
        Golden.check("billing-overview-80x24", rows)
        #expect(rows[0].contains("⚠ budget 80%"))
        #expect(rows.contains { $0.contains("Spend per day") } && rows.contains { $0.contains("Last 12 months") })
        #expect(rows.contains { $0.contains("█") })
    }

    @Test func aClosedMonthSaysItIsMeasuredAgainstTodaysBudget() throws {
        let console = try billing()
        #expect(render(console).contains { $0.contains(" Budget ") })
        console.send(.previousPeriod)
        let rows = render(console, "120x40")
        #expect(rows.contains { $0.contains("closed") } && rows.contains { $0.contains("Today's budget ") }, "\(rows)")
    }

    @Test func aMembersOverviewIsTheirOwnUsage() throws {
        let rows = render(try billing("dennis"))
        Golden.check("billing-member-80x24", rows)
        #expect(rows[2].hasPrefix(" Billing · your usage in Acme Robotics"))
        #expect(!rows.joined().contains("By member") && !rows.joined().contains("budget 80%"))
    }

    @Test(arguments: sizes) func breakdownByMember(size: String) throws {
        Golden.check("billing-members-\(size)", render(try billing(section: 1), size))
    }

    @Test(arguments: sizes) func breakdownByApp(size: String) throws {
        Golden.check("billing-apps-\(size)", render(try billing(section: 2), size))
    }

    @Test(arguments: sizes) func breakdownByOperation(size: String) throws {
        Golden.check("billing-operations-\(size)", render(try billing(section: 3), size))
    }

    @Test(arguments: sizes) func invoices(size: String) throws {
        Golden.check("billing-invoices-\(size)", render(try billing(section: 4), size))
    }

    @Test(arguments: sizes) func settings(size: String) throws {
        Golden.check("billing-settings-\(size)", render(try billing(section: 5), size))
    }

    @Test func activityIsReachedFromBilling() throws {
        let rows = render(try billing(section: 6))
        Golden.check("billing-activity-80x24", rows)
        #expect(rows.contains { $0.contains("system    billing.budget") })
        #expect(rows.contains { $0.contains(" katherine ") }, "a username is cut last")
        let wide = render(try billing(section: 6), "200x60")
        Golden.check("billing-activity-200x60", wide)
        #expect(wide[5].contains("Details"), "a wide terminal shows what each entry says")
    }

    @Test func anEntrysDetailsShowEveryValueWhole() throws {
        let console = try billing(section: 6)
        console.send(.open)
        guard case .info(let info) = console.front?.dialog else { Issue.record("no details"); return }
        let hash = try #require(info.rows.first { $0.label == "Hash" }?.value)
        let rows = render(console)
        Golden.check("billing-activity-details-80x24", rows)
        // At 80 columns the 64-character hash wraps onto a second line instead of being cut.
        let text = rows.map { $0.replacingOccurrences(of: "│", with: " ") }.joined(separator: " ")
            .split(separator: " ").joined()
        #expect(text.contains(hash), "the whole hash is on screen")
    }

    @Test func anInvoicesLinesAreShownOnEnter() throws {
        let console = try billing(section: 4)
        console.send(.open)
        Golden.check("billing-invoice-lines-80x24", render(console))
    }
}
