import Foundation
import OrgdeckCore
import Testing
@testable import OrgdeckViewModels

@Suite struct MyAppsViewModelTests {
    @Test func opensOnThePersonalContextWithItsApps() throws {
        let fixture = try Fixture()
        let console = fixture.console()
        #expect(console.state.context == .personal)
        #expect(console.state.screen == .pane(.myApps))
        let apps = try #require(console.myApps).state
        #expect(apps.ids == ["notes"])
        #expect(apps.total == 1)
        #expect(apps.cursor == 0)
        #expect(apps.layout == .grid)
    }

    @Test func filterAsYouTypeNarrowsAndEscClears() throws {
        let fixture = try Fixture()
        let console = fixture.console()
        console.switchContext(.organization("acme"))
        console.send(.filter)
        #expect(console.acceptsText)
        console.type("gam")
        var apps = try #require(console.myApps).state
        #expect(apps.filtering)
        #expect(apps.filter.text == "gam")
        #expect(apps.ids == ["gamma-ray"])
        #expect(apps.total == 1)
        console.send(.submit)
        apps = try #require(console.myApps).state
        #expect(!apps.filtering)
        #expect(apps.filter.text == "gam")
        #expect(!console.acceptsText)
        console.send(.back)
        apps = try #require(console.myApps).state
        #expect(apps.filter.text == "")
        #expect(apps.total == 3)
    }

    @Test func aFilterKeystrokeLeavesTheCountForWhenTypingRests() throws {
        let fixture = try Fixture(orgApps: (0..<400).map { "app-\($0)" })
        let console = fixture.console()
        console.switchContext(.organization("acme"))
        #expect(console.isSettled)
        console.send(.filter)
        console.type("app")
        var apps = try #require(console.myApps).state
        // A keystroke reads the screens around the cursor (cards here), not the whole window.
        #expect(apps.layout == .grid)
        #expect(apps.window.count == 2 * apps.viewportRows * apps.gridColumns)
        #expect(!apps.totalIsExact && apps.total == apps.window.count + 1, "a lower bound: \(apps.total)")
        #expect(!console.isSettled)
        console.send(.idle)
        apps = try #require(console.myApps).state
        #expect(apps.totalIsExact && apps.total == 400)
        #expect(apps.window.count == MyAppsViewModel.windowSize)
        #expect(console.isSettled)
        #expect(apps.filtering && apps.filter.text == "app", "the count changes nothing else")
    }

    @Test func theCursorStaysOnItsAppWhileTheFilterChangesAndWhenItIsErased() throws {
        let fixture = try Fixture()
        let console = fixture.console()
        console.switchContext(.organization("acme"))
        let model = try #require(console.myApps)
        model.select(index: 1)
        let chosen = try #require(model.state.selected?.id)
        console.send(.filter)
        console.type("a")
        #expect(model.state.selected?.id == chosen, "still a match: the cursor stays on it")
        console.type("zzz")
        #expect(model.state.selected == nil)
        for _ in 0..<4 { console.send(.backspace) }
        #expect(model.state.filter.text == "")
        #expect(model.state.total == 3)
        #expect(model.state.selected?.id == chosen, "an erased filter returns to the app, as Esc does")
        #expect(model.state.filtering, "still typing in the filter")
        // A keystroke that hides the app moves the cursor to the first match; erasing the
        // filter still returns to the app the user was on.
        console.type("zzz")
        for _ in 0..<3 { console.send(.backspace) }
        console.type("gamma")
        #expect(model.state.selected?.id == "gamma-ray")
        for _ in 0..<5 { console.send(.backspace) }
        #expect(model.state.selected?.id == chosen, "back on the app chosen before, not on gamma-ray")
    }

    @Test func filterWithNoMatchShowsAnEmptyList() throws {
        let fixture = try Fixture()
        let console = fixture.console()
        console.switchContext(.organization("acme"))
        console.send(.filter)
        console.type("zzz")
        let apps = try #require(console.myApps).state
        #expect(apps.total == 0)
        #expect(apps.window.isEmpty)
        #expect(apps.selected == nil)
    }

    @Test func sortCyclesThroughUpdatedAndNameBothWays() throws {
        let fixture = try Fixture()
        let console = fixture.console()
        console.switchContext(.organization("acme"))
        let model = try #require(console.myApps)
        // Created alpha, beta, gamma-ray in that order: newest first by default.
        #expect(model.state.ids == ["gamma-ray", "beta", "alpha"])
        #expect(model.state.sortLabel == "updated ↓")
        console.send(.cycleSort)
        #expect(model.state.ids == ["alpha", "beta", "gamma-ray"])
        #expect(model.state.sortLabel == "updated ↑")
        console.send(.cycleSort)
        #expect(model.state.sort == .name && model.state.ascending)
        #expect(model.state.ids == ["alpha", "beta", "gamma-ray"])
        console.send(.cycleSort)
        #expect(model.state.ids == ["gamma-ray", "beta", "alpha"])
        #expect(model.state.sortLabel == "name ↓")
        console.send(.cycleSort)
        #expect(model.state.sortLabel == "updated ↓")
    }

    @Test func pinnedAppsComeFirstAndTheCursorFollows() throws {
        let fixture = try Fixture()
        let console = fixture.console()
        console.switchContext(.organization("acme"))
        let model = try #require(console.myApps)
        console.send(.bottom)
        #expect(model.state.selected?.id == "alpha")
        console.send(.pin)
        #expect(model.state.ids == ["alpha", "gamma-ray", "beta"])
        #expect(model.state.selected?.id == "alpha")
        #expect(model.state.selected?.pinned == true)
        #expect(console.state.flash == .info("pinned alpha"))
        console.send(.pin)
        #expect(model.state.ids == ["gamma-ray", "beta", "alpha"])
    }

    @Test func gridMovesByColumnsAndListByRows() throws {
        let fixture = try Fixture(orgApps: (1...7).map { "app\($0)" })
        let console = fixture.console()
        console.switchContext(.organization("acme"))
        let model = try #require(console.myApps)
        console.send(.viewport(rows: 11, columns: 79))  // two rows of three cards
        #expect(model.state.layout == .grid)
        console.send(.move(.right))
        #expect(model.state.cursor == 1)
        console.send(.move(.down))
        #expect(model.state.cursor == 4)
        console.send(.move(.down))
        #expect(model.state.cursor == 6, "down from the row above the last lands on the last app")
        #expect(model.state.scrollTop == 1)
        console.send(.toggleView)
        #expect(model.state.layout == .list)
        console.send(.top)
        console.send(.move(.down))
        #expect(model.state.cursor == 1)
        console.send(.move(.right))
        #expect(model.state.cursor == 1, "left and right do nothing in the list")
    }

    @Test func deleteAsksForTheIDAndOnlyThenDeletes() throws {
        let fixture = try Fixture()
        let console = fixture.console()
        console.switchContext(.organization("acme"))
        let model = try #require(console.myApps)
        #expect(model.state.selected?.id == "gamma-ray")
        console.send(.delete)
        guard case .confirm(let confirm) = console.state.overlay else { Issue.record("no confirm dialog"); return }
        #expect(confirm.requiredText == "gamma-ray")
        console.send(.submit)
        guard case .confirm(let stillOpen) = console.state.overlay else { Issue.record("dialog closed without the ID"); return }
        #expect(stillOpen.error == "type gamma-ray exactly to confirm")
        #expect(model.state.total == 3)
        console.type("gamma-ray")
        console.send(.submit)
        #expect(console.state.overlay == .none)
        #expect(model.state.ids == ["beta", "alpha"])
        #expect(console.state.flash == .info("deleted app gamma-ray"))
    }

    @Test func escCancelsADeleteAndKeepsTheApp() throws {
        let fixture = try Fixture()
        let console = fixture.console()
        console.send(.delete)
        console.type("notes")
        console.send(.cancel)
        #expect(console.state.overlay == .none)
        #expect(try #require(console.myApps).state.ids == ["notes"])
    }

    @Test func createFormKeepsValuesAndNamesTheFieldOnError() throws {
        let fixture = try Fixture()
        let console = fixture.console()
        console.send(.new)
        console.type("bad id!")
        console.send(.submit)
        guard case .form(let form) = console.state.overlay else { Issue.record("form closed on error"); return }
        #expect(form.fields[0].value.text == "bad id!")
        #expect(form.error?.isEmpty == false)
        #expect(form.focus == 0)
        for _ in 0..<7 { console.send(.backspace) }
        console.type("fresh")
        console.send(.nextFocus)
        console.type("Fresh app 漢字")
        console.send(.submit)
        #expect(console.state.overlay == .none)
        let apps = try #require(console.myApps).state
        #expect(apps.selected?.id == "fresh")
        #expect(apps.selected?.name == "Fresh app 漢字")
    }

    @Test func aStaleEditIsRefusedAndTheFormStaysOpen() throws {
        let fixture = try Fixture()
        let console = fixture.console()
        console.send(.edit)
        guard case .form = console.state.overlay else { Issue.record("no edit form"); return }
        // Another session renames the app meanwhile.
        let current = try fixture.service.app(fixture.ada, in: .personal, id: "notes")
        _ = try fixture.service.updateApp(fixture.ada, in: .personal, id: "notes", name: "Elsewhere", description: "",
                                          expectedVersion: current.version)
        console.send(.cursorEnd)
        console.type(" mine")
        console.send(.submit)
        guard case .form(let form) = console.state.overlay else { Issue.record("stale edit closed the form"); return }
        #expect(form.error == "Saved elsewhere meanwhile: Enter saves yours over it, Esc keeps theirs. Now: name \"Elsewhere\"")
        #expect(form.fields[0].value.text == "Notes mine")
        #expect(try fixture.service.app(fixture.ada, in: .personal, id: "notes").name == "Elsewhere")
    }

    @Test func changesFromAnotherSessionAppearAndKeepTheCursor() throws {
        let fixture = try Fixture()
        let console = fixture.console()
        console.switchContext(.organization("acme"))
        console.send(.toggleView)
        console.send(.move(.down))
        let model = try #require(console.myApps)
        #expect(model.state.selected?.id == "beta")
        _ = try fixture.service.createApp(fixture.ada, in: .organization("acme"), id: "delta", name: "Delta", description: "")
        console.send(.externalChange)
        #expect(model.state.ids == ["delta", "gamma-ray", "beta", "alpha"])
        #expect(model.state.selected?.id == "beta")
    }

    @Test func copyIDAsksTheRuntimeToCopy() throws {
        let fixture = try Fixture()
        let console = fixture.console()
        let effects = console.send(.copyID)
        #expect(effects == [.copy("notes")], "the runtime copies and says how it went")
    }

    @Test func anOrganizationUserIsRefusedOnTheKeyBeforeAnyFormOpens() throws {
        let fixture = try Fixture()
        let console = fixture.console(fixture.bob)
        console.switchContext(.organization("acme"))
        let refused = Dictionary(uniqueKeysWithValues: console.focusCommands.map { ($0.label, $0.refusal) })
        #expect(refused["new"] == .some("creating apps requires role Admin or Organization Contributor"), "greyed, with why")
        #expect(refused["open"] == .some(nil))
        #expect(refused["pin"] == .some(nil), "a pin is the user's own")
        for (event, reason) in [(ConsoleEvent.new, "creating apps requires role Admin or Organization Contributor"),
                                (.edit, "editing app content requires role Admin or Organization Contributor"),
                                (.delete, "deleting apps requires role Admin or Organization Contributor"),
                                (.duplicate, "duplicating apps requires role Admin or Organization Contributor")] {
            console.send(event)
            #expect(console.state.overlay == .none, "\(event)")
            #expect(console.state.flash == .warn(reason))
        }
        #expect(try #require(console.myApps).state.total == 3)
    }

    @Test func readOnlyRefusesEveryChangeOnTheKey() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("orgdeck-ro-\(UUID().uuidString)/db.sqlite").path
        let writer = try OrgService.open(path: path, options: .init(passwordRounds: 1_000))
        let ada = try writer.signUp(username: "ada", displayName: "Ada", email: "ada@example.com", password: Fixture.password, source: .tui)
        _ = try writer.createApp(Session(user: ada, source: .tui), in: .personal, id: "notes", name: "Notes", description: "")
        let service = try OrgService.open(path: path, options: .init(readOnly: true, passwordRounds: 1_000))
        let readOnly = ConsoleViewModel(service: service, session: Session(user: ada, source: .tui))
        readOnly.send(.firstFramePainted)
        for event in [ConsoleEvent.new, .edit, .delete, .pin, .duplicate, .transfer] {
            readOnly.send(event)
            #expect(readOnly.state.overlay == .none, "\(event)")
            #expect(readOnly.state.flash == .warn("read-only mode: changes are disabled"), "\(event)")
        }
        #expect(readOnly.focusCommands.first { $0.label == "new" }?.refusal == "read-only mode: changes are disabled")
        readOnly.send(.open)
        #expect(readOnly.state.screen == .app("notes"), "looking is not a change")
    }

    @Test func theCursorFollowsItsAppAcrossAReSortAndAChangeElsewhere() throws {
        let fixture = try Fixture(orgApps: ["alpha", "beta", "gamma-ray", "delta", "epsilon"])
        let console = fixture.console()
        console.switchContext(.organization("acme"))
        let model = try #require(console.myApps)
        #expect(model.state.ids == ["epsilon", "delta", "gamma-ray", "beta", "alpha"])
        console.send(.selectIndex(1))
        #expect(model.state.selected?.id == "delta")
        console.send(.cycleSort)
        console.send(.cycleSort)
        #expect(model.state.ids == ["alpha", "beta", "delta", "epsilon", "gamma-ray"])
        #expect(model.state.selected?.id == "delta", "by name, delta is third, and the cursor is on it")
        #expect(model.state.cursor == 2)
        _ = try fixture.service.createApp(fixture.ada, in: .organization("acme"), id: "aaa", name: "Aaa", description: "")
        console.send(.externalChange)
        #expect(model.state.ids.first == "aaa")
        #expect(model.state.selected?.id == "delta", "a new app above it moves it down, and the cursor with it")
        #expect(model.state.cursor == 3)
    }

    @Test func theFirstFrameReadsTheScreenItIsDrawnOnAndNoCount() throws {
        let fixture = try Fixture(orgApps: (1...200).map { String(format: "app%03d", $0) })
        // The terminal's body is known before the first frame: 40 rows under the tabs.
        let console = ConsoleViewModel(service: fixture.service, session: fixture.ada, viewport: (rows: 40, columns: 120))
        console.switchContext(.organization("acme"))
        let model = try #require(console.myApps)
        // Cards: 7 rows of 4 on a 40×120 body.
        #expect(model.state.layout == .grid && model.state.viewportRows == 7 && model.state.gridColumns == 4)
        #expect(model.state.totalIsExact == false, "more apps than the window: not counted before the first frame")
        #expect(model.state.window.count == 2 * 7 * 4, "two screens, whatever the data holds")
        #expect(model.state.window.first?.id == "app200" && model.state.selected?.id == "app200")
        console.send(.firstFramePainted)
        #expect(model.state.totalIsExact)
        #expect(model.state.total == 200)
        #expect(model.state.window.count == MyAppsViewModel.windowSize, "then the whole window")
    }
}
