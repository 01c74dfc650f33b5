import Foundation
import OrgdeckCore
import OrgdeckTerminal
import OrgdeckTestSupport
import Testing
@testable import OrgdeckViewModels
@testable import OrgdeckTUI

/// The row under the cursor is always drawn: a list's model and the screen that draws it agree
/// on how many rows are in sight, under every page's titles, tabs and status lines.
@Suite struct CursorInSightTests {
    enum Place: String, CaseIterable {
        case members, teams, activity, inputs, concepts, models, versions, breakdown, invoices, settings, starred
    }

    /// Ada (demo admin) on `place` in Acme.
    func console(on place: Place) throws -> ConsoleViewModel {
        let service = try DemoDatabase.make()
        let console = ConsoleViewModel(service: service, session: try DemoDatabase.session(service, DemoAccounts.admin))
        console.send(.firstFramePainted)
        if case .inbox = console.state.overlay { console.send(.back) }
        console.switchContext(.organization("acme"))
        func section(_ title: String) throws {
            let page = try #require(console.front as? SectionedPage)
            console.send(.selectSection(try #require(page.sections.firstIndex { $0.title == title }, "no \(title)")))
        }
        switch place {
        case .members, .teams, .activity:
            console.send(.selectPane(.account))
            try section(place == .members ? "Members" : place == .teams ? "Teams" : "Activity")
        case .inputs, .concepts, .models:
            console.pushPage(.app("support-triage")); console.syncState()
            try section(place == .inputs ? "Inputs" : place == .concepts ? "Concepts" : "Models")
        case .versions:
            console.pushPage(.model(ModelRef(context: .organization("acme"), appID: "support-triage", modelID: "ticket-router")))
            console.syncState(); try section("Versions")
        case .breakdown, .invoices, .settings:
            console.send(.selectPane(.billing))
            try section(place == .breakdown ? "By member" : place == .invoices ? "Invoices" : "Settings")
        case .starred: console.send(.selectPane(.starred))
        }
        return console
    }

    @Test(arguments: Place.allCases)
    func theCursorRowIsDrawnAtTheEndOfAListLongerThanTheScreen(place: Place) throws {
        let console = try console(on: place)
        for (width, height) in [(60, 16), (80, 20)] {
            let body = ConsoleRenderer.body(width: width, height: height)
            console.send(.viewport(rows: body.rows, columns: body.columns))
            console.send(.bottom)
            for _ in 0..<3 { console.send(.move(.up)) }
            for _ in 0..<3 { console.send(.move(.down)) }
            let painter = ConsoleRenderer(keyMap: KeyMap(), now: DemoDatabase.now).render(console, theme: .builtin, width: width, height: height)
            let cursor = painter.style(.tableCursor)
            // The cursor's bar spans the table, so it is sought at the right, below the tabs and
            // above the footer (the active tab is drawn in the same colours).
            let drawn = (3..<(height - 2)).contains { y in painter.grid[width - 4, y].style == cursor }
            #expect(drawn, "\(place) at \(width)×\(height): no row under the cursor is drawn\n\(painter.grid.rows.joined(separator: "\n"))")
        }
    }

    @Test func aTableDrawnShorterThanItsListCountedScrollsToKeepTheCursor() {
        // Versions under a chart: 6 rows high (header and 5 rows) for a list that counted on 12.
        #expect(TableView.scrollTop(0, keeping: 9, height: 6) == 5, "rows 5…9 drawn, the cursor's last")
        #expect(TableView.scrollTop(0, keeping: 3, height: 6) == 0, "in sight already: unchanged")
        #expect(TableView.scrollTop(7, keeping: 9, height: 6) == 7)
    }
}
