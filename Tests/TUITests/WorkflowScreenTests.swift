import Foundation
import OrgdeckCore
import OrgdeckTerminal
import OrgdeckTestSupport
import Testing
@testable import OrgdeckViewModels
@testable import OrgdeckTUI

/// Workflows, their graph and runs, the Collaborations pane and an app's Collaborators, drawn
/// from the demo (its three-node workflow, Support Triage shared with Olivia).
@Suite struct WorkflowScreenTests {
    static let sizes = Golden.sizes.map { "\($0.0)x\($0.1)" }

    func console(_ username: String = DemoAccounts.admin) throws -> ConsoleViewModel {
        let service = try DemoDatabase.make()
        let console = ConsoleViewModel(service: service, session: try DemoDatabase.session(service, username))
        console.send(.firstFramePainted)
        if case .inbox = console.state.overlay { console.send(.back) }
        return console
    }

    /// Ada on Support Triage's page, at the section titled `title`.
    func appSection(_ title: String) throws -> ConsoleViewModel {
        let console = try console()
        console.switchContext(.organization("acme"))
        console.pushPage(.app("support-triage"))
        let page = try #require(console.appDetail)
        console.send(.selectSection(try #require(page.sections.firstIndex { $0.title == title })))
        return console
    }

    func render(_ console: ConsoleViewModel, _ size: String = "80x24") -> [String] {
        let parts = size.split(separator: "x").compactMap { Int($0) }
        let body = ConsoleRenderer.body(width: parts[0], height: parts[1])
        console.send(.viewport(rows: body.rows, columns: body.columns))
        return ConsoleRenderer(keyMap: KeyMap(), now: DemoDatabase.now).render(console, theme: .builtin, width: parts[0], height: parts[1])
            .grid.rows
    }

    @Test(arguments: sizes) func workflowsTable(size: String) throws {
        Golden.check("workflows-\(size)", render(try appSection("Workflows"), size))
    }

    @Test(arguments: sizes) func collaboratorsTable(size: String) throws {
        Golden.check("collaborators-\(size)", render(try appSection("Collaborators"), size))
    }

    @Test func theGraphIsDrawnWithItsNodeInFocus() throws {
        let console = try appSection("Workflows")
        console.send(.open)
        let rows = render(console)
        Golden.check("workflow-graph-80x24", rows)
        #expect(rows.contains { $0.contains("│ input │") } && rows.contains { $0.contains("▶") })
        console.send(.move(.down))
        #expect(render(console).contains { $0.contains("confident: confident (concept-thresholder) at latest trained · fed by route") })
    }

    @Test func aGraphLargerThanTheScreenSaysSoBesideTheStatusNotOverIt() throws {
        let console = try appSection("Workflows")
        console.send(.open)
        let rows = render(console, "60x16")
        let status = try #require(rows.first { $0.contains("follow the focus") }, "the small screen scrolls the graph")
        #expect(status.contains("saved · version"), "the status keeps its own room: \(status)")
        #expect(status.contains("↔ ") && !status.contains("…↔"))
    }

    @Test func aRunShowsEachNodeAndTheResult() throws {
        let console = try appSection("Workflows")
        console.send(.open)
        console.send(.selectSection(1))
        console.send(.open)
        for character in "my parcel never arrived" { console.send(.text(String(character))) }
        console.send(.submit)
        let rows = render(console).map { row in
            // The times vary from run to run: their digits read 0, the widths stay.
            guard let range = row.range(of: #"\d+\.\d\d ms"#, options: .regularExpression) else { return row }
            return row.replacingCharacters(in: range, with: String(row[range].map { $0.isNumber ? "0" : $0 }))
        }
        Golden.check("workflow-run-80x24", rows)
        #expect(rows.contains { $0.contains("Result") && $0.contains("shipping") })
    }

    @Test func collaborationsOfAnOutsider() throws {
        let console = try console("olivia")
        console.send(.selectPane(.collaborations))
        Golden.check("collaborations-shared-80x24", render(console))
        console.send(.open)
        let rows = render(console)
        Golden.check("collaborations-opened-80x24", rows)
        #expect(rows.contains { $0.contains("⇄ shared with you") })
    }

    @Test func collaborationsOfAnAdmin() throws {
        let console = try console()
        console.switchContext(.organization("acme"))
        console.send(.selectPane(.collaborations))
        console.send(.selectSection(1))
        Golden.check("collaborations-managed-80x24", render(console))
    }
}
