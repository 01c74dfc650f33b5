import Foundation
import OrgdeckCore
import OrgdeckTerminal
import Testing
import OrgdeckViewModels
@testable import OrgdeckTUI

/// Screens rendered into a cell grid, compared row by row as text (golden files for whole screens).
@Suite struct ScreenTests {
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

    @Test func onANarrowTerminalTheTabsShrinkToNumbersAndThePaneInFrontKeepsItsTitle() throws {
        let console = try ScreenFixture().console()
        console.send(.selectPane(.security))
        let tabs = ScreenFixture.render(console, width: 60, height: 16)[1]
        #expect(tabs.hasPrefix("  1   2   3   4   5   6 Security "), "was: \(tabs)")
        #expect(ScreenFixture.render(console, width: 80)[1].hasPrefix("  1 My Apps   2 Collaborations"))
    }

    @Test func myAppsGridShowsCards() throws {
        let console = try ScreenFixture().console()
        console.switchContext(.organization("acme"))
        Golden.check("apps-grid-80x24", ScreenFixture.render(console))
    }

    @Test func wideGridsShareTheSpareWidthAndKeepBothEndsOfALongID() throws {
        let fixture = try ScreenFixture(orgApps: [("support-triage-for-eu-west-v2-b", "Support Triage EU"), ("ocr", "OCR")])
        let console = fixture.console()
        console.switchContext(.organization("acme"))
        let rows = ScreenFixture.render(console, width: 120, height: 40)
        Golden.check("apps-grid-120x40", rows)
        // 119 columns make four cards of 29 (a gap and a border each), not four of 26 and a blank strip.
        #expect(rows.contains { $0.contains("│support-triag…eu-west-v2-b│") }, "the ID's end stays in sight")
    }

    @Test func anEmptyFilterResultSaysSoAndTheFooterShowsTheFiltersKeys() throws {
        let console = try ScreenFixture().console()
        console.switchContext(.organization("acme"))
        console.send(.filter)
        console.send(.text("zz"))
        let rows = ScreenFixture.render(console)
        #expect(rows[2].hasPrefix(" My Apps · Acme Robotics  0 apps  sort updated ↓  grid  /zz▏"))
        #expect(rows[4] == "  No app matches \"zz\". Esc clears the filter.                                   ")
        #expect(rows[23].hasPrefix(" Enter keep filter  Esc clear  ↑↓ move"))
    }

    @Test("a flash is marked by what it says: done, not done, a warning, a fault",
          arguments: [(Flash.info("saved"), "✓ saved"), (.note("cancelled"), "· cancelled"),
                      (.warn("read-only"), "! read-only"), (.error("no such app"), "✗ no such app")])
    func flashMarks(flash: Flash, shown: String) throws {
        let console = try ScreenFixture().console()
        console.flash(flash)
        let rows = ScreenFixture.render(console)
        #expect(rows.contains { $0.hasPrefix(" " + shown) }, "\(rows.suffix(2))")
    }

    /// Ada's console in acme, the organization renamed `name` first.
    func acme(named name: String, _ fixture: ScreenFixture) throws -> ConsoleViewModel {
        _ = try fixture.service.updateOrganization(fixture.ada, id: "acme", name: name, billingEmail: nil, expectedVersion: nil)
        let console = fixture.console()
        console.switchContext(.organization("acme"))
        return console
    }

    @Test func aLongOrganizationNameIsCutBeforeTheRole() throws {
        let console = try acme(named: "🚀 Rocket Labs 日本語 " + String(repeating: "W", count: 70), try ScreenFixture())
        let header = ScreenFixture.render(console)[0]
        #expect(header.contains("… · Admin"), "\(header)")
        #expect(header.contains("ada ▾"))
        console.send(.profileMenu)
        let menu = ScreenFixture.render(console)
        #expect(menu.contains { $0.contains("… Admin") }, "the menu keeps the role too:\n\(menu.joined(separator: "\n"))")
    }

    @Test func aLongOrganizationNameGivesWayToTheLockTheUserAndTheInbox() throws {
        let fixture = try ScreenFixture()
        let console = try acme(named: "The Extremely Long Organization " + String(repeating: "Name ", count: 13), fixture)
        var state = console.state
        state.readOnly = true
        state.invitationCount = 1
        state.budgetAlert = 80
        func header(_ width: Int) -> String {
            var painter = Painter(grid: CellGrid(width: width, height: 2), theme: .builtin, keys: KeyMap())
            HeaderView.draw(&painter, painter.grid.bounds, state: state)
            return painter.grid.rows[0]
        }
        #expect(header(80) == " orgdeck ▸ The Extremely Long Organiz… · Admin ✉ 1 invitation [read-only] ada ▾ ")
        #expect(header(60) == " orgdeck ▸ The Extremely Long Or… · Admin [read-only] ada ▾ ", "the badges give way first")
        #expect(header(200).contains("✉ 1 invitation ⚠ budget 80% [read-only] ada ▾"))
        // A long username is cut (keeping its ▾) before the inbox badge goes.
        _ = try fixture.service.signUp(username: "maximiliana-hohenzollern-sigmar", displayName: "M", email: "m@example.com",
                                       password: "correct-horse-1", source: .tui)
        state.session = try fixture.service.signIn(login: "maximiliana-hohenzollern-sigmar", password: "correct-horse-1", source: .tui)
        state.context = .personal
        state.budgetAlert = nil
        #expect(header(80) == " orgdeck ▸ maximiliana-hoh… · personal ✉ 1 invitation [read-only] maximilian… ▾ ")
        #expect(header(60) == " orgdeck ▸ maximiliana… · personal [read-only] maximilia… ▾ ", "narrower still, the badge goes")
    }

    @Test func anEmptyListSuggestsItsKeyOnlyToWhomItWorks() throws {
        let fixture = try AdminScreenFixture()
        let service = fixture.base.service
        _ = try service.signUp(username: "ken", displayName: "Ken", email: "ken@example.com", password: "correct-horse-1", source: .tui)
        try service.addMember(fixture.base.ada, organizationID: "acme", userID: try service.user(username: "ken").id, role: .teamContributor)
        let ken = try service.signIn(login: "ken", password: "correct-horse-1", source: .tui)
        let console = fixture.base.console(session: ken)
        // His own account: he may create apps there.
        #expect(ScreenFixture.render(console).contains { $0.contains("No apps here yet. Press n to create one.") })
        // A Team Contributor in no team sees no app of the organization and may not create one.
        console.switchContext(.organization("acme"))
        let rows = ScreenFixture.render(console)
        #expect(rows.contains { $0.contains("No apps here yet: as a Team Contributor you see only your teams' apps.") })
        #expect(!rows.contains { $0.contains("Press n") }, "\(rows.joined(separator: "\n"))")
    }

    @Test func aPathIsCutInItsMiddleSoItsFileNameShows() {
        var painter = Painter(grid: CellGrid(width: 24, height: 3), theme: .builtin, keys: KeyMap())
        let columns = [TableColumn("Source", min: 20, max: 20, priority: 8, path: true)]
        TableView.draw(&painter, painter.grid.bounds, columns: columns, rows: [["/home/ada/datasets/2026/tickets.csv"]], cursor: nil,
                       scrollTop: 0, empty: "")
        #expect(painter.grid.rows[1].contains("…") && painter.grid.rows[1].contains("tickets.csv"), "\(painter.grid.rows[1])")
        var narrow = Painter(grid: CellGrid(width: 12, height: 3), theme: .builtin, keys: KeyMap())
        TableView.draw(&narrow, narrow.grid.bounds, columns: [TableColumn("Source", min: 9, max: 9, priority: 8, path: true)],
                       rows: [["/home/ada/datasets/2026/tickets.csv"]], cursor: nil, scrollTop: 0, empty: "")
        #expect(narrow.grid.rows[1].contains("…") && narrow.grid.rows[1].contains(".csv"), "narrow, the end still shows: \(narrow.grid.rows[1])")
    }

    @Test func anEmptyTableKeepsItsColumnsApart() {
        var painter = Painter(grid: CellGrid(width: 60, height: 4), theme: .builtin, keys: KeyMap())
        let columns = [TableColumn("Owner", min: 10, priority: 8, identifier: true), TableColumn("App Name", min: 12, priority: 7),
                       TableColumn("Your scopes", min: 12, priority: 6)]
        TableView.draw(&painter, painter.grid.bounds, columns: columns, rows: [], cursor: nil, scrollTop: 0, empty: "Nothing shared.")
        #expect(painter.grid.rows[0] == " Owner      App Name     Your scopes" + String(repeating: " ", count: 24), "\(painter.grid.rows[0])")
    }

    @Test func theFooterSaysWhenKeysOfWhatHasFocusDidNotFit() {
        func footer(_ hints: [FooterView.Hint], width: Int = 40) -> String {
            var painter = Painter(grid: CellGrid(width: width, height: 2), theme: .builtin, keys: KeyMap())
            FooterView.draw(&painter, painter.grid.bounds, flash: nil, hints: hints, keyMap: KeyMap())
            return painter.grid.rows[1]
        }
        let own = ["edit", "delete", "duplicate", "pin"].map { FooterView.Hint(key: String($0.prefix(1)), label: $0, enabled: true) }
        let global = [FooterView.Hint(key: "p", label: "profile", enabled: true, global: true),
                      FooterView.Hint(key: "q", label: "quit", enabled: true, global: true)]
        #expect(footer(own + global, width: 46) == " e edit  d delete  d duplicate  p pin  ? help ", "the global keys give way silently")
        #expect(footer(own + global, width: 30) == " e edit  d delete  …   ? help ", "the pane's own keys that did not fit are said to be in ?")
        #expect(footer(own, width: 60) == " e edit  d delete  d duplicate  p pin" + String(repeating: " ", count: 16) + "? help ")
    }

    @Test func aFlashLongerThanTheLineShowsWholeOnTwo() throws {
        let console = try ScreenFixture().console()
        let reason = "editing app content requires role Admin or Organization Contributor (or a team's contributor role on the app)"
        console.flash(.warn(reason))
        let rows = ScreenFixture.render(console)
        #expect(rows[21].hasPrefix(" ! editing app content requires role Admin or Organization Contributor (or a"), "\(rows[21])")
        #expect(rows[22].hasPrefix(" team's contributor role on the app)"), "\(rows[22])")
        #expect(rows[23].contains("help"), "the keys keep their row")
        #expect(FooterView.wrap("a b", 10) == ("a b", ""))
        #expect(TextLayout.wrap("multi\nline\r\nand \u{1B}x", width: 20) == ["multi", "line", "and ␛x"],
                "line breaks start lines; other control characters show")
        #expect(FooterView.wrap("abcdefghijkl", 5) == ("abcde", "fghijkl"), "no space: cut at the width")
    }

    @Test func theProfileMenuShowsAKeyOnEveryLine() throws {
        let console = try ScreenFixture().console()
        console.send(.profileMenu)
        Golden.check("profile-menu-80x24", ScreenFixture.render(console))
    }

    @Test func theProfileMenuGreysAddAnOrganizationWithWhyWhenItIsRefused() throws {
        let fixture = try ScreenFixture()
        /// The menu's "Add an Organization" line: its text from the label on, and the label's style.
        func addLine(_ session: Session) throws -> (text: String, style: Style) {
            let console = fixture.console(session: session)
            console.send(.profileMenu)
            console.send(.move(.down))   // the cursor off the line, so its own colours show
            console.send(.move(.down))
            console.send(.move(.down))
            let painter = ConsoleRenderer(keyMap: KeyMap(), now: ScreenFixture.now).render(console, theme: .builtin, width: 80, height: 24)
            let y = try #require(painter.grid.rows.firstIndex { $0.contains("Add an Organization") })
            let row = painter.grid.rows[y]
            let label = try #require(row.range(of: "Add an Organization"))
            let x = row.distance(from: row.startIndex, to: label.lowerBound)
            return (String(row[label.lowerBound...]), painter.grid[x, y].style)
        }
        // Ada is in one organization, the most a user may belong to here: greyed, with the core's reason, uncut.
        let refused = try addLine(fixture.ada)
        #expect(refused.text.hasPrefix("Add an Organization — leave your current organization first │"), "\(refused.text)")
        #expect(refused.style.fg == Theme.builtin.style(.muted).fg)
        #expect(refused.style.bg == Theme.builtin.style(.menu).bg, "on the menu's background, not the terminal's")
        _ = try fixture.service.signUp(username: "bea", displayName: "Bea", email: "bea@example.com", password: "correct-horse-2", source: .tui)
        let bea = try fixture.service.signIn(login: "bea", password: "correct-horse-2", source: .tui)
        let allowed = try addLine(bea)
        #expect(allowed.text.hasPrefix("Add an Organization  "), "\(allowed.text)")
        #expect(allowed.style == Theme.builtin.style(.menu))
    }

    @Test func anAppsSettingsDrawOperationsAsTheFooterDoes() throws {
        let fixture = try ScreenFixture()
        let console = fixture.console()
        console.switchContext(.organization("acme"))
        console.send(.open)
        let page = try #require(console.appDetail)
        console.send(.selectSection(page.sections.count - 1))
        #expect(page.appSection == .settings)
        let painter = ConsoleRenderer(keyMap: KeyMap(), now: ScreenFixture.now).render(console, theme: .builtin, width: 120, height: 30)
        let rows = painter.grid.rows
        let y = try #require(rows.firstIndex { $0.contains("t  transfer to an organization — only personal apps can be transferred") },
                             "\(rows.joined(separator: "\n"))")
        let x = try #require(rows[y].range(of: "t  transfer")).lowerBound.utf16Offset(in: rows[y])
        #expect(painter.grid[x, y].style == painter.style(.muted), "refused: drawn as the footer greys it")
        let d = try #require(rows.firstIndex { $0.contains("d  delete the app and all its content") })
        let dx = try #require(rows[d].range(of: "d  delete")).lowerBound.utf16Offset(in: rows[d])
        #expect(painter.grid[dx, d].style == painter.style(.helpKey))
        #expect(!rows[d].contains("—"), "an Admin may delete")
    }

    @Test(arguments: ["apps", "members", "team"])
    func helpListsTheFocusedPanesKeysFirst(pane: String) throws {
        let console: ConsoleViewModel
        switch pane {
        case "members": console = try AdminScreenFixture().account(.members)
        case "team":
            console = try AdminScreenFixture().account(.teams)
            console.send(.open)
        default: console = try ScreenFixture().console()
        }
        console.send(.help)
        Golden.check("help-\(pane)-80x40", ScreenFixture.render(console, width: 80, height: 40))
    }

    @Test func helpWidensOnAWideScreenSoAReasonIsReadWhole() throws {
        let console = try AdminScreenFixture().account(.members)
        // Ada's own row: removing and re-roling herself are refused, with long reasons.
        console.send(.help)
        let wide = ScreenFixture.render(console, width: 200, height: 40)
        #expect(wide.contains { $0.contains("remove — you cannot remove yourself: leave the organization instead (L)") }, "\(wide)")
        let narrow = ScreenFixture.render(console, width: 80, height: 40)
        #expect(narrow.allSatisfy { $0.count <= 80 } && !narrow.contains { $0.contains("instead (L)") }, "cut within 80 columns")
    }

    @Test func helpOnAWideShortScreenLaysItsKeysOutSideBySide() throws {
        let console = try AdminScreenFixture().account(.members)
        console.send(.viewport(rows: 20, columns: 200))
        console.send(.help)
        let rows = ScreenFixture.render(console, width: 200, height: 24)
        let text = rows.joined(separator: "\n")
        for line in ["Here: Account", "Everywhere", "q ^C", "Moving", "PgUp ^B"] {
            #expect(text.contains(line), "\(line) in sight without scrolling:\n\(text)")
        }
        let here = try #require(rows.firstIndex { $0.contains("Here: Account") })
        #expect(rows[here + 1].components(separatedBy: "  ").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.count > 2,
                "a row holds keys of two columns: \(rows[here + 1])")
        #expect(text.contains("any key closes") && !text.contains("G end"), "nothing to scroll: no scroll keys offered")
        console.send(.bottom)
        #expect(console.state.overlay == .none, "all in sight: any key closes it")
    }

    @Test func helpColumnsStartWithASectionsHeadingAndNeverEndOnOne() {
        let lines: [HelpView.Line] = [.heading("Here"), .key(keys: "a", summary: "one", refusal: nil), .blank,
                                      .heading("Everywhere"), .key(keys: "b", summary: "two", refusal: nil),
                                      .key(keys: "c", summary: "three", refusal: nil), .blank, .heading("Moving"),
                                      .key(keys: "j", summary: "down", refusal: nil)]
        let columns = HelpView.flow(lines, from: 0, rows: 4)
        #expect(columns == [[.heading("Here"), .key(keys: "a", summary: "one", refusal: nil), .blank],
                            [.heading("Everywhere"), .key(keys: "b", summary: "two", refusal: nil),
                             .key(keys: "c", summary: "three", refusal: nil), .blank],
                            [.heading("Moving"), .key(keys: "j", summary: "down", refusal: nil)]],
                "a heading moves on with its section instead of ending a column: \(columns)")
        let third = HelpView.flow(lines, from: 0, rows: 3)
        #expect(third.map(\.first) == [.heading("Here"), .heading("Everywhere"), .heading("Moving")],
                "the blank after a full column does not start the next: \(third)")
        let scrolled = HelpView.flow(lines, from: 5, rows: 4)
        #expect(scrolled.first?.first == .heading("Everywhere, continued"), "a scrolled top says which section it is in")
        let cut = HelpView.flow(lines, from: 0, rows: 5)
        #expect(cut.count == 2 && cut[1].first == .heading("Everywhere, continued"), "\(cut)")
        let kept = HelpView.flow(lines, from: 0, rows: 5, whole: true)
        #expect(kept.count == 3 && kept[1].prefix(3) == [.heading("Everywhere"), .key(keys: "b", summary: "two", refusal: nil),
                                                          .key(keys: "c", summary: "three", refusal: nil)],
                "a section that fits a column moves to the next whole: \(kept)")
    }

    @Test func helpIsGeneratedFromTheKeyMapIncludingOverridesAndListsNoIdleKey() throws {
        let console = try ScreenFixture().console()
        console.send(.help)
        let keyMap = try KeyMap(overrides: ["new": "a", "help": "f1"])
        let rows = ConsoleRenderer(keyMap: keyMap, now: ScreenFixture.now).render(console, theme: .builtin, width: 80, height: 60).grid.rows
        #expect(rows.contains { $0.contains("│  a              new ") })
        #expect(rows.contains { $0.contains("│  f1             this help") } == false, "help is not a pane's key")
        #expect(!rows.contains { $0.contains(" star") }, "a key that does nothing here is not listed")
        #expect(rows.contains { $0.contains("│ Here: My Apps") })
    }

    @Test func aWarningOnTheSignInScreenLooksAsInTheFooter() throws {
        let console = try ScreenFixture().console(signedIn: false)
        console.flash(.warn("the database is read-only"))
        let body = ConsoleRenderer.body(width: 80, height: 24)
        console.send(.viewport(rows: body.rows, columns: body.columns))
        let grid = ConsoleRenderer(keyMap: KeyMap(), now: ScreenFixture.now).render(console, theme: .builtin, width: 80, height: 24).grid
        let y = try #require(grid.rows.firstIndex { $0.contains("! the database is read-only") }, "marked as a warning")
        let x = try #require(grid.rows[y].range(of: "!")).lowerBound.utf16Offset(in: grid.rows[y])
        #expect(grid[x, y].style.fg == Theme.builtin.style(.flashWarn).fg)
        #expect(Theme.builtin.style(.flashWarn).fg != Theme.builtin.style(.flashInfo).fg)
    }

    @Test func signInScreenIsACentredForm() throws {
        let console = try ScreenFixture().console(signedIn: false)
        Golden.check("sign-in-80x24", ScreenFixture.render(console))
        console.send(.text("ada"))
        console.send(.nextFocus)
        console.send(.text("secret"))
        let typed = ScreenFixture.render(console)
        #expect(typed[11].contains("│ •••••• "), "passwords show as bullets")
        #expect(!typed.joined().contains("secret"))
    }

    @Test func aSignUpRefusalIsShownWhole() throws {
        let console = try ScreenFixture().console(signedIn: false)
        console.send(.toggleSignUp)
        for (index, value) in ["Bad User", "Bad", "bad@example.com", "a long enough password"].enumerated() {
            if index > 0 { console.send(.nextFocus) }
            for character in value { console.send(.text(String(character))) }
        }
        console.send(.submit)
        let text = ScreenFixture.render(console).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " │")) }.joined(separator: " ")
        #expect(text.contains("✗ username may hold lower-case letters, digits, - and _, must start and end with a letter or digit,"), "\(text)")
        #expect(text.contains("at most 32 characters"), "the rule's end is not cut off: \(text)")
    }

    @Test func theForcedPasswordChangeSaysWhyAndOffersNoWayAround() throws {
        let fixture = try ScreenFixture()
        var policy = PasswordPolicy()
        policy.requireUpper = true
        try fixture.service.setPasswordPolicy(fixture.ada, organizationID: "acme", policy)
        let console = fixture.console(signedIn: false)
        console.send(.text("ada")); console.send(.nextFocus); console.send(.text("correct-horse-1"))
        console.send(.submit)
        let rows = ScreenFixture.render(console)
        Golden.check("forced-password-change-80x24", rows)
        #expect(!rows.joined().contains("^N"), "no way to sign up or sign in as someone else from here")
    }

    @Test func appPageHasTheSidebarAndOverview() throws {
        let console = try ScreenFixture().console()
        console.switchContext(.organization("acme"))
        console.send(.open)
        Golden.check("app-page-80x24", ScreenFixture.render(console))
    }

    @Test func deleteConfirmAsksForTheIDAndTheFooterSaysWhatToType() throws {
        let console = try ScreenFixture().console()
        console.send(.delete)
        let rows = ScreenFixture.render(console)
        #expect(rows.joined().contains("┌ Delete app ─"))
        #expect(rows.joined().contains("Type the app ID to confirm."))
        #expect(rows[23].hasPrefix(" Enter delete  Esc cancel"))
    }

    @Test func emptyPanesSayWhatTheyWillHoldWithoutInventedData() throws {
        let console = try ScreenFixture().console()
        console.send(.selectPane(.collaborations))
        let rows = ScreenFixture.render(console)
        #expect(rows[2].hasPrefix(" Collaborations · ada"))
    }

    @Test func securityListsTokensWithoutTheirSecret() throws {
        let fixture = try ScreenFixture()
        let token = try fixture.service.createToken(fixture.ada, description: "ci runner", scopes: [], expiresInDays: 30)
        let console = fixture.console()
        console.send(.selectPane(.security))
        let rows = ScreenFixture.render(console)
        #expect(rows.contains { $0.contains("odk_…\(token.info.lastFour)") })
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
    }

    @Test func wideCombiningAndEscapeCharactersKeepTheBorderAligned() throws {
        var painter = Painter(grid: CellGrid(width: 30, height: 5), theme: .builtin)
        let app = App(id: "wide", name: "漢字🚀e\u{301}\u{1B}[2J", description: "", owner: .user(1), createdBy: 1,
                      createdAt: ScreenFixture.now, updatedAt: ScreenFixture.now, version: 1, pinned: false)
        AppGridView.drawCard(&painter, Rect(x: 0, y: 0, width: 26, height: 5), app: app, selected: false, now: ScreenFixture.now)
        let rows = painter.grid.rows
        #expect(rows[1] == "│漢字🚀é␛[2J             │    ")
        for row in 1...3 { #expect(painter.grid[25, row].text == "│", "right border of row \(row) moved") }
    }

    @Test func aLongFormShowsWhatFitsAndSaysWhatIsOutOfSightBesideItsError() {
        var form = FormState(title: "New app", fields: [
            FormField(key: "id", label: "App ID", hint: "letters and digits"), FormField(key: "name", label: "Name"),
            FormField(key: "description", label: "Description"), FormField(key: "labels", label: "Labels", hint: "comma separated"),
        ])
        form.error = "an app with ID x already exists"
        var painter = Painter(grid: CellGrid(width: 40, height: 10), theme: .builtin)
        FormView.draw(&painter, Rect(x: 0, y: 0, width: 40, height: 10), form: form)
        let rows = painter.grid.rows.map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(rows == ["App ID", "", "letters and digits", "Name", "", "Description", "", "Labels", "",
                         "✗ an app with ID x already exists"],
                "fields without a hint close up when the form does not fit; the last shows its box in the rows left")
        form.focus = 3
        var moved = Painter(grid: CellGrid(width: 40, height: 10), theme: .builtin)
        FormView.draw(&moved, Rect(x: 0, y: 0, width: 40, height: 10), form: form)
        #expect(moved.grid.rows.map { $0.trimmingCharacters(in: .whitespaces) }
                == ["App ID", "", "Name", "", "Description", "", "Labels", "", "comma separated", "✗ an app with ID x already exists"],
                "the focused field's hint shows; the one above gives up its hint instead of going out of sight")
        var short = Painter(grid: CellGrid(width: 40, height: 8), theme: .builtin)
        FormView.draw(&short, Rect(x: 0, y: 0, width: 40, height: 8), form: form)
        #expect(short.grid.rows.map { $0.trimmingCharacters(in: .whitespaces) }.contains("↑ 2 above (Tab moves)"),
                "what does not fit at all is said")
    }

    @Test func aHintLongerThanTheFormWrapsOntoASecondLine() {
        let form = FormState(title: "Change your password", fields: [
            FormField(key: "new", label: "New password", secure: true,
                      hint: "at least 12 characters, with an upper-case letter and a digit; not a common one"),
        ])
        #expect(FormView.height(form, width: 40) == FormView.height(form, width: 100) + 1, "the hint takes a line more, not less text")
        var painter = Painter(grid: CellGrid(width: 40, height: 8), theme: .builtin)
        FormView.draw(&painter, Rect(x: 0, y: 0, width: 40, height: 8), form: form)
        let rows = painter.grid.rows.map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(rows[2] == "at least 12 characters, with an" && rows[3] == "upper-case letter and a digit; not a co…", "\(rows)")
    }

    @Test func aBidiNameIsShownVisiblyInTheTable() throws {
        // Overrides are refused in names; a mark is allowed, and is shown by its code too.
        let fixture = try ScreenFixture(orgApps: [("bidi", "invoice\u{200F}gnp.exe")])
        let console = fixture.console()
        console.switchContext(.organization("acme"))
        console.send(.toggleView)
        let rows = ScreenFixture.render(console)
        #expect(rows[4].contains("invoice<U+200F>gnp.exe"))
    }
}
