import Foundation
import OrgdeckCore
import OrgdeckTerminal
import Testing
import OrgdeckViewModels
@testable import OrgdeckTUI

/// Screens rendered into an 80×24 cell grid, compared row by row as text.
@Suite struct ScreenTests {
    @Test func myAppsListShowsTheTableWithSortMarkerAndCursor() throws {
        let console = try ScreenFixture().console()
        console.switchContext(.organization("acme"))
        console.send(.toggleView)
        let rows = ScreenFixture.render(console)
        #expect(rows.count == 24)
        #expect(rows[0] == " orgdeck ▸ Acme Robotics · Admin                                          ada ▾ ")
        #expect(rows[1] == "  1 My Apps   2 Collaborations   3 Starred   4 Account   5 Billing   6 Security ")
        #expect(rows[2] == " My Apps · Acme Robotics  1/3 apps  sort updated ↓  list                        ")
        #expect(rows[3] == "   ID               Name                     Updated ↓  Description             ")
        #expect(rows[4] == "   moderation       Moderation               1h ago     What Moderation does.   ")
        #expect(rows[5] == "   invoice-ocr      Invoice OCR              2h ago     What Invoice OCR does.  ")
        #expect(rows[6] == "   support-triage   Support Triage           3h ago     What Support Triage do… ")
        #expect(rows[7].trimmingCharacters(in: .whitespaces).isEmpty)
        #expect(rows[23] == " Enter open  n new  e edit  d delete  / filter  o sort  v view  P pin    ? help ")
    }

    @Test func theCursorRowIsStyledAsTheCursor() throws {
        let console = try ScreenFixture().console()
        console.switchContext(.organization("acme"))
        console.send(.toggleView)
        console.send(.move(.down))
        let painter = ConsoleRenderer(keyMap: KeyMap(), now: ScreenFixture.now).render(console, theme: .builtin, width: 80, height: 24)
        let cursor = Theme.builtin.style(.tableCursor)
        #expect(painter.grid[10, 5].style == cursor)
        #expect(painter.grid[10, 4].style != cursor)
    }

    @Test func myAppsGridShowsCards() throws {
        let console = try ScreenFixture().console()
        console.switchContext(.organization("acme"))
        let rows = ScreenFixture.render(console)
        #expect(rows[2] == " My Apps · Acme Robotics  1/3 apps  sort updated ↓  grid                        ")
        #expect(rows[3] == " ┌───────────────────────┐ ┌───────────────────────┐ ┌───────────────────────┐  ")
        #expect(rows[4] == " │Moderation             │ │Invoice OCR            │ │Support Triage         │  ")
        #expect(rows[5] == " │moderation             │ │invoice-ocr            │ │support-triage         │  ")
        #expect(rows[6] == " │updated 1h ago         │ │updated 2h ago         │ │updated 3h ago         │  ")
        #expect(rows[7] == " └───────────────────────┘ └───────────────────────┘ └───────────────────────┘  ")
    }

    @Test func anEmptyFilterResultSaysSo() throws {
        let console = try ScreenFixture().console()
        console.switchContext(.organization("acme"))
        console.send(.filter)
        console.send(.text("zz"))
        let rows = ScreenFixture.render(console)
        #expect(rows[2].hasPrefix(" My Apps · Acme Robotics  0 apps  sort updated ↓  grid  /zz▏"))
        #expect(rows[4] == "  No app matches \"zz\". Esc clears the filter.                                   ")
        #expect(rows[23].hasPrefix(" Enter keep filter  Esc clear  ↑↓ move"))
    }

    @Test func profileMenuListsContextsPanesAndSignOut() throws {
        let console = try ScreenFixture().console()
        console.send(.profileMenu)
        let rows = ScreenFixture.render(console)
        #expect(rows[1].hasSuffix("┌ Profile ─────────────────────────────────┐ "))
        #expect(rows[2].hasSuffix("│ ● ada personal                           │ "))
        #expect(rows[3].hasSuffix("│   Acme Robotics Admin                    │ "))
        #expect(rows[4].hasSuffix("│ + Add an Organization                    │ "))
        #expect(rows[5].hasSuffix("│──────────────────────────────────────────│ "))
        #expect(rows[6].hasSuffix("│ 1 My Apps                                │ "))
        #expect(rows[11].hasSuffix("│ 6 Security                               │ "))
        #expect(rows[13].hasSuffix("│ Sign Out                                 │ "))
        #expect(rows[14].hasSuffix("└──────────────────────────────────────────┘ "))
    }

    @Test func helpIsGeneratedFromTheKeyMapIncludingOverrides() throws {
        let console = try ScreenFixture().console()
        console.send(.help)
        let keyMap = try KeyMap(overrides: ["new": "a", "help": "f1"])
        var rows = ConsoleRenderer(keyMap: keyMap, now: ScreenFixture.now).render(console, theme: .builtin, width: 80, height: 60).grid.rows
        #expect(rows[1].contains("┌ Keys ─"))
        #expect(rows.contains { $0.contains("│ a              new ") })
        #expect(rows.contains { $0.contains("│ f1             this help ") })
        #expect(rows.contains { $0.contains("│ d              delete (always confirmed) ") })
        rows = ScreenFixture.render(console)
        #expect(rows[2] == " My A│ ↑ k            move up                                             │     ")
    }

    @Test func signInScreenIsACentredForm() throws {
        let console = try ScreenFixture().console(signedIn: false)
        let rows = ScreenFixture.render(console)
        #expect(rows[5] == "            ┌ Sign in to orgdeck ──────────────────────────────────┐            ")
        #expect(rows[7] == "            │ Username or email                                    │            ")
        #expect(rows[10] == "            │ Password                                             │            ")
        #expect(rows[17] == "            │ Enter sign in · ^N create an account · Esc quit      │            ")
        console.send(.text("ada"))
        console.send(.nextFocus)
        console.send(.text("secret"))
        let typed = ScreenFixture.render(console)
        #expect(typed[8].contains("│ ada "))
        #expect(typed[11].contains("│ •••••• "), "passwords show as bullets")
        #expect(!typed.joined().contains("secret"))
    }

    @Test func appPageHasTheSidebarAndOverview() throws {
        let console = try ScreenFixture().console()
        console.switchContext(.organization("acme"))
        console.send(.open)
        let rows = ScreenFixture.render(console)
        #expect(rows[2] == " Moderation  moderation                                                         ")
        #expect(rows[4] == " ▸ Overview         Overview                                                    ")
        #expect(rows[5] == "   Settings                                                                     ")
        #expect(rows[6] == "                    Name        Moderation                                      ")
        #expect(rows[7] == "                    App ID      moderation                                      ")
        #expect(rows[9] == "                    Labels      none (e adds compliance labels)                 ")
        #expect(rows[11] == "                    Description                                                 ")
        #expect(rows[12] == "                    What Moderation does.                                       ")
        #expect(rows[23].hasPrefix(" Esc back  e edit  d delete"))
    }

    @Test func deleteConfirmAsksForTheID() throws {
        let console = try ScreenFixture().console()
        console.send(.delete)
        let rows = ScreenFixture.render(console).joined(separator: "\n")
        #expect(rows.contains("┌ Delete app ─"))
        #expect(rows.contains("Type the app ID to confirm."))
        #expect(rows.contains("type sandbox · Esc cancel"))
    }

    @Test func emptyPanesSayWhatTheyWillHoldWithoutInventedData() throws {
        let console = try ScreenFixture().console()
        console.send(.selectPane(.billing))
        let rows = ScreenFixture.render(console)
        #expect(rows[1].contains(" 5 Billing "))
        #expect(rows[2].hasPrefix(" Billing · ada"))
        #expect(rows[4].hasPrefix("  Usage, the month to date, the forecast, invoices and budgets will be shown"))
    }

    @Test func securityListsTokensWithoutTheirSecret() throws {
        let fixture = try ScreenFixture()
        let token = try fixture.service.createToken(fixture.ada, description: "ci runner", scopes: [], expiresInDays: 30)
        let console = fixture.console()
        console.send(.selectPane(.security))
        let rows = ScreenFixture.render(console)
        #expect(rows[2].hasPrefix(" Personal access tokens  for ORGDECK_TOKEN"))
        #expect(rows[3] == " ID        Description            Token      Expires     Last used  Status      ")
        #expect(rows[4].hasPrefix(" \(TextWidth.pad(token.info.id, to: 9)) ci runner              odk_…\(token.info.lastFour)  "))
        #expect(rows[4].contains(" never      active"))
        #expect(!rows.joined().contains(token.secret))
    }

    @Test func tinySizesNeverCrashAndSayTooSmall() throws {
        let console = try ScreenFixture().console()
        for (width, height) in [(0, 0), (1, 1), (2, 1), (1, 3), (20, 5), (59, 24), (80, 15)] {
            let rows = ScreenFixture.render(console, width: width, height: height)
            #expect(rows.count == height)
            #expect(rows.allSatisfy { TextWidth.columns($0) == width })
        }
        let small = ScreenFixture.render(console, width: 20, height: 5)
        #expect(small == ["                    ", "  too small: need   ", "  60×16, have 20×5  ", "                    ", "                    "])
        let wide = ScreenFixture.render(console, width: 59, height: 24)
        #expect(wide[11] == "             too small: need 60×16, have 59×24             ")
    }

    @Test func wideCombiningAndEscapeCharactersKeepTheBorderAligned() throws {
        var painter = Painter(grid: CellGrid(width: 30, height: 5), theme: .builtin)
        let app = App(id: "wide", name: "漢字🚀e\u{301}\u{1B}[2J", description: "", owner: .user(1), createdBy: 1,
                      createdAt: ScreenFixture.now, updatedAt: ScreenFixture.now, version: 1, pinned: false)
        AppGridView.drawCard(&painter, Rect(x: 0, y: 0, width: 26, height: 5), app: app, selected: false, now: ScreenFixture.now)
        let rows = painter.grid.rows
        #expect(rows[1] == "│漢字🚀é␛[2J             │    ")
        for row in 0..<5 { #expect(TextWidth.columns(rows[row]) == 30) }
        for row in 1...3 { #expect(painter.grid[25, row].text == "│", "right border of row \(row) moved") }
    }
}
