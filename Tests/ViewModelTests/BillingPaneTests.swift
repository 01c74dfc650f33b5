import Foundation
import OrgdeckCore
import OrgdeckTestSupport
import Testing
@testable import OrgdeckViewModels

/// The Billing pane through the pane protocol, on the demo's ninety days of usage: events in,
/// whole state out.
@Suite struct BillingPaneTests {
    let service: OrgService

    init() throws { service = try DemoDatabase.make() }

    func console(_ username: String = DemoAccounts.admin) throws -> ConsoleViewModel {
        let console = ConsoleViewModel(service: service, session: try DemoDatabase.session(service, username))
        console.send(.firstFramePainted)
        console.switchContext(.organization("acme"))
        console.send(.selectPane(.billing))
        return console
    }

    func page(_ console: ConsoleViewModel) throws -> BillingPage { try #require(console.front as? BillingPage) }

    @Test func anAdminSeesTheWholeBillAndMovesBetweenMonths() throws {
        let console = try console()
        let page = try page(console)
        #expect(page.scope == .organization)
        #expect(page.sections.map(\.title) == ["Overview", "By member", "By app", "By operation", "Invoices", "Settings", "Activity"])
        let overview = try #require(page.section as? BillingOverviewSection)
        let summary = try #require(overview.state.summary)
        let ada = try DemoDatabase.session(service, "ada")
        #expect(summary == (try service.billingSummary(ada, in: .organization("acme"))))
        #expect(summary.month.description == "2026-11" && summary.totalMicros > 0 && summary.alertsFired == [50, 80])
        #expect(summary.daily.count == 30 && summary.daily[18...].allSatisfy { $0 == 0 }, "nothing after the 18th")
        #expect(console.state.budgetAlert == 80)
        console.send(.previousPeriod)
        #expect(page.month.description == "2026-10")
        #expect((page.section as? BillingOverviewSection)?.state.summary?.month.description == "2026-10")
        console.send(.nextPeriod)
        console.send(.nextPeriod)
        #expect(page.month.description == "2026-11" && console.state.flash == .warn("Nov 2026 is the current month"))
        #expect(page.commands.first { $0.event == .nextPeriod }?.refusal == "this is the current month")
        // Back as far as the organization goes (created in August), and no further.
        for _ in 0..<3 { console.send(.previousPeriod) }
        #expect(page.month.description == "2026-08")
        console.send(.previousPeriod)
        #expect(page.month.description == "2026-08" && console.state.flash == .warn("Aug 2026 is the account's first month"))
        #expect(page.commands.first { $0.event == .previousPeriod }?.refusal == "this is the account's first month")
    }

    @Test func aLineMissingFromAnotherMonthIsNotSaidToBeChangedElsewhere() throws {
        let f = try AdminConsoleFixture()
        let acme = Context.organization("acme")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("orgdeck-months-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("one input\n".utf8).write(to: folder.appendingPathComponent("a.txt"))
        _ = try f.service.createApp(f.ada, in: acme, id: "early", name: "Early", description: "")
        _ = try f.service.uploadInputs(f.ada, in: acme, appID: "early", paths: [folder.path])
        f.clock.now += 40 * 86_400
        _ = try f.service.createApp(f.ada, in: acme, id: "later", name: "Later", description: "")
        try Data("another input\n".utf8).write(to: folder.appendingPathComponent("a.txt"))
        _ = try f.service.uploadInputs(f.ada, in: acme, appID: "later", paths: [folder.path])
        let console = f.account()
        console.send(.selectPane(.billing))
        let page = try #require(console.front as? BillingPage)
        console.send(.selectSection(try #require(page.sections.firstIndex { $0.title == "By app" })))
        let lines = try #require(page.section as? BreakdownSection)
        lines.state.list.select(id: "later")
        #expect(lines.state.list.selected?.key == "later")
        console.send(.previousPeriod)
        #expect(!lines.state.list.rows.contains { $0.key == "later" }, "the month before has no line for it")
        #expect(console.state.flash?.text.contains("no longer") != true, "\(String(describing: console.state.flash))")
    }

    @Test func raisingTheBudgetClearsTheHeadersBadgeAtOnce() throws {
        let console = try console()
        #expect(console.state.budgetAlert == 80)
        console.send(.edit)
        #expect(console.formState?.title != nil)
        console.fill(["100000"])
        console.send(.submit)
        #expect(console.state.overlay == .none)
        #expect(console.state.budgetAlert == nil, "the badge says what is true of the new budget")
    }

    @Test func removingTheBudgetIsAskedAndEscGoesBackToTheForm() throws {
        let console = try console()
        let overview = try #require(try page(console).section as? BillingOverviewSection)
        console.send(.edit)
        console.fill([""])
        console.send(.submit)
        let removal = try #require(console.confirmState, "no confirmation: \(String(describing: overview.dialog))")
        #expect(removal.title == "Remove the budget" && removal.cancelLabel == "back")
        console.send(.cancel)
        #expect(console.formState?.title == "Monthly budget" && console.formState?.value("amount") == "", "back to the form as left")
        console.send(.cancel)
        #expect(overview.state.summary?.budget != nil, "cancelled: the budget stays")
        console.send(.edit); console.fill([""]); console.send(.submit); console.send(.submit)
        #expect(console.state.flash == .info("budget removed"))
        #expect(overview.state.summary?.budget == nil && console.state.budgetAlert == nil)
    }

    @Test func aBreakdownKeepsItsCursorOnItsLineWhenReordered() throws {
        let console = try console()
        let page = try page(console)
        console.send(.selectSection(1))
        let members = try #require(page.section as? BreakdownSection)
        #expect(members.dimension == .member && members.state.list.rows.count == 13)
        let amounts = members.state.list.rows.map(\.amountMicros)
        #expect(amounts == amounts.sorted(by: >))
        #expect(members.state.list.rows.contains { $0.key == "(storage)" })
        console.send(.move(.down)); console.send(.move(.down))
        let selected = try #require(members.state.list.selected)
        console.send(.cycleSort)
        #expect(members.order == .key && members.state.list.rows.map(\.key) == members.state.list.rows.map(\.key).sorted())
        #expect(members.state.list.selected == selected, "the cursor follows its line")
        console.send(.filter); console.type("gr"); console.send(.submit)
        #expect(members.state.list.rows.map(\.key) == ["grace"])
        console.send(.open)
        let info = try #require(console.infoState)
        #expect(info.title == "grace" && info.rows.contains { $0.label == "Share" })
    }

    @Test func invoicesAndExportsWriteCSV() throws {
        let console = try console()
        let page = try page(console)
        console.send(.selectSection(4))
        let invoices = try #require(page.section as? InvoicesSection)
        #expect(invoices.state.list.rows.map(\.month.description) == ["2026-10", "2026-09", "2026-08"])
        let october = try #require(invoices.state.list.selected)
        console.send(.open)
        let details = try #require(console.front?.dialog.flatMap { if case .info(let info) = $0 { return info } else { return nil } })
        let amounts = details.rows.dropFirst().map(\.value)
        #expect(amounts.allSatisfy { $0.range(of: #"\d\.\d\d USD( \(\d+\.\d+ exactly\))?$"#, options: .regularExpression) != nil },
                "every amount in cents, the exact figure beside it when rounded: \(amounts)")
        #expect(InvoicesSection.amount(76_198_600) == "76.20 USD (76.1986 exactly)" && InvoicesSection.amount(1_234_500_000) == "1,234.50 USD")
        console.send(.cancel)
        #expect(october.totalMicros == october.lines.reduce(0) { $0 + $1.amountMicros })
        let path = NSTemporaryDirectory() + "orgdeck-invoice-\(UUID().uuidString).csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        console.send(.export)
        let form = try #require(console.formState)
        #expect(form.value("path") == "invoice-2026-10.csv")
        let here = FileManager.default.currentDirectoryPath
        #expect(form.fields[0].hint.hasSuffix("a name alone goes in " + (here == NSHomeDirectory() ? "~" : here))
                || form.fields[0].hint.contains("a name alone goes in ~/"), "where the file will go: \(form.fields[0].hint)")
        console.send(.cursorEnd)
        for _ in 0..<form.value("path").count { console.send(.backspace) }
        console.type(path)
        console.send(.submit)
        #expect(console.state.flash == .info("wrote \(october.lines.count + 1) rows to \(path)"))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("month,kind,operation,quantity,amount_micros,amount,currency,share\r\n2026-10,invoice,"))
        #expect(text.contains("2026-10,invoice,total,,\(october.totalMicros),"))
        // The same file again: said first, replaced on the second Enter.
        try Data("mine".utf8).write(to: URL(fileURLWithPath: path))
        console.send(.export)
        console.send(.cursorEnd)
        for _ in 0..<form.value("path").count { console.send(.backspace) }
        console.type(path)
        console.send(.submit)
        #expect(console.formState?.error == "\(path) exists: Enter again replaces it")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "mine", "nothing replaced yet")
        console.send(.submit)
        #expect(console.formState == nil)
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("month,kind"))
        // A relative path is written where the console runs, and the flash says where that is.
        let folder = NSTemporaryDirectory() + "orgdeck-cwd-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let before = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(folder)
        defer { FileManager.default.changeCurrentDirectoryPath(before) }
        console.send(.export)
        console.send(.submit)
        let written = URL(fileURLWithPath: folder + "/invoice-2026-10.csv").standardizedFileURL.path
        #expect(console.state.flash == .info("wrote \(october.lines.count + 1) rows to \(written)"))
    }

    @Test func settingsAreTheAdminsAndTheBudgetIsSetFromAForm() throws {
        let console = try console()
        let page = try page(console)
        console.send(.selectSection(5))
        let settings = try #require(page.section as? BillingSettingsSection)
        #expect(settings.state.list.rows.map(\.name) == ["Billing email", "Monthly budget", "predict", "train_input", "search",
                                                          "upload", "storage_input_day"])
        #expect(settings.state.list.rows[2].note == "since 2026-10-19")
        console.send(.move(.down))
        console.send(.edit)
        #expect(console.formState?.title == "Monthly budget")
        console.send(.cursorEnd)
        for _ in 0..<12 { console.send(.backspace) }
        console.type("1000")
        console.send(.submit)
        #expect(console.state.flash == .info("budget set: 1,000.00 USD a month"))
        #expect(settings.state.list.rows[1].value == "1,000.00 USD")
        #expect(try service.billingSummary(try DemoDatabase.session(service, "ada"), in: .organization("acme")).budget?.amountMicros
                == 1_000_000_000)
        // Emptying the amount removes the budget: asked first, as every removal is.
        console.send(.edit)
        console.send(.cursorEnd)
        for _ in 0..<12 { console.send(.backspace) }
        console.send(.submit)
        let removal = try #require(console.confirmState, "no confirmation: \(String(describing: settings.dialog))")
        #expect(removal.verb == "remove" && removal.message.hasPrefix("Remove the monthly budget of 1,000.00 USD?"))
        #expect(settings.state.list.rows[1].value == "1,000.00 USD", "nothing removed before the answer")
        console.send(.submit)
        #expect(console.state.flash == .info("budget removed") && settings.state.list.rows[1].value == "none")
    }

    @Test func aMemberSeesOnlyTheirOwnUsageAndIsRefusedTheBudgetOnTheKey() throws {
        let console = try console("dennis")
        let page = try page(console)
        #expect(page.scope == .member && page.sections.map(\.title) == ["Overview", "Activity"])
        let overview = try #require(page.section as? BillingOverviewSection)
        let own = try #require(overview.state.summary)
        let whole = try service.billingSummary(try DemoDatabase.session(service, "ada"), in: .organization("acme"))
        #expect(own.scope == .member && own.totalMicros > 0 && own.totalMicros < whole.totalMicros / 5)
        #expect(own.budget == nil && own.alertsFired.isEmpty && console.state.budgetAlert == nil)
        console.send(.edit)
        #expect(console.state.overlay == .none)
        #expect(console.state.flash == .warn("the budget is the organization's: only Admins see and set it"))
        #expect(overview.commands == [PaneCommand(.edit, "budget", refusal: "the budget is the organization's: only Admins see and set it")],
                "greyed with why, as every refused key")
    }

    @Test func aPersonalAccountHasItsOwnBillWithoutRatesToSet() throws {
        let console = try console()
        console.switchContext(.personal)
        console.send(.selectPane(.billing))
        let page = try page(console)
        #expect(page.scope == .personal && !page.sections.map(\.title).contains("By member"))
        console.send(.selectSection(4))
        let settings = try #require(page.section as? BillingSettingsSection)
        #expect(settings.state.list.rows.first?.name == "Monthly budget")
        // No budget yet: an empty amount is not a removal of nothing.
        console.send(.edit)
        console.fill([""]); console.send(.submit)
        #expect(console.formState?.error == "there is no budget to remove: type an amount to set one, or Esc")
        console.send(.cancel)
        console.send(.move(.down))
        console.send(.edit)
        #expect(console.state.flash == .warn("a personal account is billed at the platform's rates"))
    }
}
