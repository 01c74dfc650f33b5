import Foundation
import OrgdeckCore
import OrgdeckTerminal
import Testing
import OrgdeckViewModels
@testable import OrgdeckTUI

/// The Account pane, the team page, pickers and the invitation overlays, rendered and compared
/// with golden screens; footers show the keys of what has focus.
@Suite struct AccountScreenTests {
    @Test func organizationProfileHasTheSidebarAndTheFacts() throws {
        Golden.check("org-profile-80x24", ScreenFixture.render(try AdminScreenFixture().account(.profile)))
    }

    @Test func membersSearchShowsTheTypedTextAndTheSearchKeys() throws {
        let console = try AdminScreenFixture().account(.members)
        console.send(.filter)
        console.send(.text("cle"))
        let rows = ScreenFixture.render(console)
        #expect(rows[3].hasPrefix("                 Members (1 of 4)  /cle▏"))
        #expect(rows[23].hasPrefix(" Enter keep search  Esc clear  ↑↓ move"))
    }

    @Test func theSearchBarShowsTheCursorWhereItIs() throws {
        let console = try AdminScreenFixture().account(.members)
        console.send(.filter)
        console.send(.text("xcle"))
        for _ in 0..<3 { console.send(.cursorLeft) }
        console.send(.deleteToStart)
        #expect(ScreenFixture.render(console)[3].hasPrefix("                 Members (1 of 4)  /▏cle"))
    }

    @Test func theCursorRowOfTheMembersTableIsStyledAsTheCursor() throws {
        let console = try AdminScreenFixture().account(.members)
        console.send(.move(.down))
        let painter = ConsoleRenderer(keyMap: KeyMap(), now: ScreenFixture.now).render(console, theme: .builtin, width: 80, height: 24)
        let cursor = Theme.builtin.style(.tableCursor)
        #expect(painter.grid[20, 6].style == cursor, "bob's row")
        #expect(painter.grid[20, 5].style != cursor)
    }

    @Test func aMemberIsToldTheActivityIsTheirOwnAndSeesNoInvitationCount() throws {
        let f = try AdminScreenFixture()
        let console = f.base.console(session: f.bob)
        console.switchContext(.organization("acme"))
        console.send(.selectPane(.account))
        let sections = try #require(console.account).sections.map(\.title)
        console.send(.selectSection(try #require(sections.firstIndex(of: "Activity"))))
        #expect(ScreenFixture.render(console).contains { $0.contains("your entries · / filter") })
        console.send(.selectSection(try #require(sections.firstIndex(of: "Invitations"))))
        let rows = ScreenFixture.render(console)
        #expect(rows.contains { $0.contains("Invitations") && !$0.contains("pending") })
        #expect(!rows.contains { $0.contains("(0 pending)") })
    }

    @Test func refusedKeysAreGreyedInTheFooter() throws {
        let f = try AdminScreenFixture()
        let console = f.base.console(session: f.bob)
        console.switchContext(.organization("acme"))
        console.send(.selectPane(.account))
        console.send(.move(.right))
        let painter = ConsoleRenderer(keyMap: KeyMap(), now: ScreenFixture.now).render(console, theme: .builtin, width: 80, height: 24)
        let row = painter.grid.rows[23]
        let changeRole = try #require(row.range(of: "e change role"))
        let column = row.distance(from: row.startIndex, to: changeRole.lowerBound)
        let theme = Theme.builtin
        #expect(painter.grid[column, 23].style.fg == theme.style(.muted).fg, "an Organization User cannot change roles")
        let search = try #require(row.range(of: "/ search"))
        let searchCell = painter.grid[row.distance(from: row.startIndex, to: search.lowerBound), 23]
        #expect(searchCell.style.fg == theme.style(.footerKey).fg && searchCell.style.attributes == theme.style(.footerKey).attributes)
        // Greyed or not, the hints sit on the footer's own background.
        #expect(painter.grid[column, 23].style.bg == theme.style(.footer).bg && searchCell.style.bg == theme.style(.footer).bg)
    }

    @Test func removeConfirmShowsItsOwnKeysInTheFooter() throws {
        let console = try AdminScreenFixture().account(.members)
        console.send(.move(.down))
        console.send(.delete)
        Golden.check("remove-member-confirm-80x24", ScreenFixture.render(console))
        console.send(.text("bob"))
        let rows = ScreenFixture.render(console)
        #expect(rows[23].hasPrefix(" Enter remove  Esc cancel"), "the dialog's keys, not the pane's")
    }

    @Test func theRolePickerShowsEachRolesMeaning() throws {
        let console = try AdminScreenFixture().account(.members)
        console.send(.move(.down))
        console.send(.edit)
        Golden.check("role-picker-80x24", ScreenFixture.render(console))
        console.send(.text("con"))
        Golden.check("role-picker-filtered-80x24", ScreenFixture.render(console))
    }

    @Test func theTeamAppPickerSearchesTheOrganizationsApps() throws {
        let console = try AdminScreenFixture().account(.teams)
        console.send(.open)
        console.send(.nextFocus)
        console.send(.new)
        Golden.check("team-app-picker-80x24", ScreenFixture.render(console))
    }

    @Test func aPickerCutsTheMeaningBeforeTheValueChosen() throws {
        let id = String(repeating: "a", count: 31) + "1"
        let picker = PickerState(title: "Add an app", options: [
            PickerOption(value: id, label: id, detail: "A very long application name that goes on and on and on and on"),
            PickerOption(value: "short", label: "short", detail: "Short"),
        ])
        for width in [80, 120] {
            var painter = Painter(grid: CellGrid(width: width, height: 24), theme: .builtin)
            PickerView.draw(&painter, picker)
            let row = try #require(painter.grid.rows.first { $0.contains("▸ aaaa") })
            #expect(row.contains("▸ \(id)  A very long application"), "\(width): \(row)")
        }
    }

    @Test func aPickersLongConflictTakesASecondLineSoWhatWasSetElsewhereIsRead() throws {
        var picker = PickerState(title: "Scopes of olivia", options: ["inputs:read", "inputs:write", "models:train", "predict"].map {
            PickerOption(value: $0, label: $0, detail: "")
        }, multiple: true)
        picker.error = "Changed elsewhere to inputs:read,inputs:write,models:train,predict: Enter sets yours, Esc keeps theirs"
        var painter = Painter(grid: CellGrid(width: 80, height: 24), theme: .builtin)
        PickerView.draw(&painter, picker)
        let text = painter.grid.rows.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " │")) }.joined(separator: " ")
        #expect(text.contains("Changed elsewhere to inputs:read,inputs:write,models:train,predict:"), "\(painter.grid.rows)")
        #expect(text.contains("Esc keeps theirs"))
        #expect(!painter.grid.rows.contains { $0.contains("[ ] predict") && $0.contains("Changed") }, "apart from the rows")
    }

    @Test func aFormKeepsItsHintsBesideItsError() throws {
        let console = try AdminScreenFixture().account(.teams)
        console.send(.new)
        console.send(.text("field"))
        console.send(.submit)
        Golden.check("team-form-error-80x24", ScreenFixture.render(console))
    }

    @Test func inboxOpensAfterTheFirstFrameWithTheInvitationAndTheBadge() throws {
        let f = try AdminScreenFixture()
        Golden.check("inbox-80x24", ScreenFixture.render(f.base.console(session: f.dan)))
    }

    @Test func theHeaderBadgeStaysUntilTheInvitationIsAnsweredAndIsClickable() throws {
        let f = try AdminScreenFixture()
        let console = f.base.console(session: f.dan)
        console.send(.back)
        let painter = ConsoleRenderer(keyMap: KeyMap(), now: ScreenFixture.now).render(console, theme: .builtin, width: 80, height: 24)
        #expect(painter.grid.rows[0] == " orgdeck ▸ dan · personal                                  ✉ 1 invitation dan ▾ ")
        #expect(painter.event(atX: 60, y: 0) == .inbox)
        console.send(.inbox)
        console.send(.accept)
        let joined = ScreenFixture.render(console)
        #expect(joined[0] == " orgdeck ▸ Acme Robotics · Organization Contributor                       dan ▾ ")
    }

    @Test func twoInvitationsArePlural() throws {
        let f = try AdminScreenFixture()
        _ = try f.service.signUp(username: "eve", displayName: "Eve", email: "eve@example.com", password: "correct-horse-1", source: .tui)
        let eve = try f.service.signIn(login: "eve", password: "correct-horse-1", source: .tui)
        _ = try f.service.createOrganization(eve, id: "globex", name: "Globex", billingEmail: "b@globex.test")
        _ = try f.service.invite(eve, organizationID: "globex", email: "dan@example.com", role: .orgUser, teams: [])
        let rows = ScreenFixture.render(f.base.console(session: f.dan))
        #expect(rows[0] == " orgdeck ▸ dan · personal                                 ✉ 2 invitations dan ▾ ")
    }
}
