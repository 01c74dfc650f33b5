import Foundation
import OrgdeckCore
import Testing
@testable import OrgdeckViewModels

/// The Account pane's Activity section: the audit log, filtered, exported and checked.
@Suite struct ActivitySectionTests {
    func activity(_ console: ConsoleViewModel) throws -> ActivitySection {
        console.send(.selectPane(.account))
        let page = try #require(console.account)
        let index = try #require(page.sections.firstIndex { $0.title == "Activity" })
        console.send(.selectSection(index))
        return try #require(page.section as? ActivitySection)
    }

    /// Ada, Admin of acme, in its Activity section.
    func adminActivity(_ fixture: Fixture) throws -> (ConsoleViewModel, ActivitySection) {
        let console = fixture.console()
        console.switchContext(.organization("acme"))
        return (console, try activity(console))
    }

    @Test func aMemberIsFoundByTheStartOfTheirUsername() throws {
        let fixture = try Fixture()
        let (console, section) = try adminActivity(fixture)
        console.send(.filter)
        console.type("bo")
        console.send(.submit)
        #expect(section.state.search.member == "bob", "the one member whose name begins so")
        console.send(.filter)
        #expect(console.formState?.value("member") == "bob")
        for _ in 0..<3 { console.send(.backspace) }
        console.type("zed")
        console.send(.submit)
        #expect(console.formState?.error == "no member's username begins with \"zed\"", "said, not a filter matching nothing")
    }

    @Test func overSSHTheFirstPaneRefusesToWriteTheServersFiles() throws {
        // The pane the console opens on is built with the console: it must already know that
        // this is an SSH session, or its export would write wherever the server may.
        let fixture = try Fixture()
        let places = MemoryPlaces()
        places.places["ada"] = Place(context: "acme", pane: Pane.account.rawValue)
        let console = ConsoleViewModel(service: fixture.service, session: fixture.ada, memory: places, remote: true)
        console.send(.firstFramePainted)
        #expect(console.state.pane == .account)
        let page = try #require(console.account)
        let index = try #require(page.sections.firstIndex { $0.title == "Activity" })
        console.send(.selectSection(index))
        let section = try #require(page.section as? ActivitySection)
        #expect(section.commands.first { $0.event == .export }?.refusal?.hasPrefix("over SSH") == true, "the hint is greyed")
        console.send(.export)
        #expect(console.formState == nil, "no form for a path on the server")
        #expect(console.state.flash?.text.hasPrefix("over SSH, files would be read and written on the server") == true,
                "\(String(describing: console.state.flash))")
    }

    @Test func anAdminSeesTheOrganizationsEntriesAndAMemberOnlyTheirOwn() throws {
        let fixture = try Fixture()
        let ada = fixture.console()
        ada.switchContext(.organization("acme"))
        let adminView = try activity(ada)
        #expect(adminView.state.list.rows.map(\.action).contains("member.add") && adminView.state.total >= 4)
        #expect(!adminView.state.ownOnly)
        let bob = fixture.console(fixture.bob)
        bob.switchContext(.organization("acme"))
        let bobView = try activity(bob)
        #expect(bobView.state.list.rows.allSatisfy { $0.actor == "bob" })
        #expect(bobView.state.ownOnly, "so the screen says whose entries these are")
    }

    @Test func filterExportAndCheck() throws {
        let fixture = try Fixture()
        let (console, section) = try adminActivity(fixture)
        console.send(.filter)
        console.send(.nextFocus)
        console.type("app")
        console.send(.submit)
        #expect(section.state.search.action == "app" && section.state.list.rows.count == 3)
        #expect(section.state.list.rows.allSatisfy { $0.action == "app.create" })
        console.send(.open)
        guard case .info(let info) = console.front?.dialog else { Issue.record("no details"); return }
        #expect(info.rows.first { $0.label == "Action" }?.value == "app.create")
        console.send(.cancel)

        let path = FileManager.default.temporaryDirectory.appendingPathComponent("orgdeck-activity-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        console.send(.export)
        for _ in 0..<"activity.csv".count { console.send(.backspace) }
        console.type(path)
        console.send(.submit)
        #expect(console.state.flash == .info("wrote 3 entries to \(path)"))
        #expect(try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\r\n").count == 5)

        console.send(.verify)
        guard case .info(let check) = console.front?.dialog else { Issue.record("no check result"); return }
        #expect(check.rows.first?.value.hasPrefix("intact") == true)
        console.send(.cancel)
        console.send(.filter)
        for _ in 0..<4 { console.send(.nextFocus) }
        console.type("last week")
        console.send(.submit)
        guard case .form(let form) = console.front?.dialog else { Issue.record("a bad date closed the form"); return }
        #expect(form.error == "since is a day (2026-11-30) or a UTC moment (2026-11-30T14:05:00Z)")
    }

    @Test func aLongLogIsReadAChunkAtATime() throws {
        let (console, section) = try adminActivity(try Fixture(orgApps: (0..<260).map { "app-\($0)" }))
        #expect(section.state.list.rows.count == ActivitySection.chunk && section.state.total > 260)
        console.send(.viewport(rows: 20, columns: 100))
        for _ in 0..<(ActivitySection.chunk - 3) { console.send(.move(.down)) }
        #expect(section.state.list.rows.count == min(section.state.total, 2 * ActivitySection.chunk))
        #expect(section.state.list.cursor == ActivitySection.chunk - 3, "the cursor stays on its entry")
    }
}
