import Foundation
import OrgdeckCore
import OrgdeckTerminal
import Testing
import OrgdeckViewModels
@testable import OrgdeckTUI

/// The run loop on an in-memory terminal: keys in, frames out, effects performed.
@Suite struct RuntimeTests {
    func runtime(_ fixture: ScreenFixture, environment: [String: String] = [:], tmux: [String: String] = [:],
                 loaded: Box<[String]> = Box([])) -> (ConsoleRuntime, InMemoryTerminal) {
        let terminal = InMemoryTerminal(width: 80, height: 24)
        let copier = Copier(mode: .auto, environment: environment, isTerminal: true, tmuxOption: { tmux[$0] },
                            loadBuffer: { loaded.value.append($0); return true })
        let runtime = ConsoleRuntime(model: fixture.console(), backend: terminal, service: fixture.service, keyMap: KeyMap(),
                                     theme: .builtin, themeDirectories: [], memory: nil, environment: environment,
                                     copier: copier, clock: { ScreenFixture.now })
        runtime.render()
        return (runtime, terminal)
    }

    @Test func keysDriveTheConsoleAndQuitEndsTheLoop() throws {
        let (runtime, terminal) = try runtime(ScreenFixture())
        #expect(terminal.screen.rowText(2).hasPrefix(" My Apps · ada  1/1 app"))
        for key in [KeyEvent.char("p"), .char("a")] { runtime.handle(key) }
        runtime.render()
        #expect(terminal.screen.rowText(0).hasPrefix(" orgdeck ▸ Acme Robotics · Admin"))
        #expect(terminal.screen.rowText(2).hasPrefix(" My Apps · Acme Robotics  1/3 apps"))
        #expect(!runtime.isFinished)
        runtime.handle(.char("q"))
        #expect(runtime.isFinished)
    }

    @Test func keysDoNothingWhileTheSizeNoticeHidesTheConsole() throws {
        let (runtime, terminal) = try runtime(ScreenFixture())
        runtime.handle(.char("n"))
        let opened = runtime.model.state.overlay
        guard case .form = opened else { Issue.record("n opens no form: \(opened)"); return }
        terminal.resize(width: 40, height: 10)
        runtime.handle(.resize(width: terminal.width, height: terminal.height))
        for key in [KeyEvent.char("x"), .enter, .escape] { runtime.handle(key) }
        #expect(runtime.model.state.overlay == opened, "nothing typed, sent or cancelled unseen")
        terminal.resize(width: 80, height: 24)
        runtime.handle(.resize(width: terminal.width, height: terminal.height))
        runtime.handle(.escape)
        #expect(runtime.model.state.overlay == .none)
        terminal.resize(width: 40, height: 10)
        runtime.handle(.char("q"))
        #expect(runtime.isFinished, "quitting still works")
    }

    @Test func whenTypingRestsTheCountItSkippedIsFinishedAndDrawn() throws {
        let fixture = try ScreenFixture(orgApps: (0..<200).map { ("app-\($0)", "App \($0)") })
        let (runtime, terminal) = runtime(fixture)
        runtime.finishFirstFrame()
        for key in [KeyEvent.char("p"), .char("a"), .char("/"), .char("a"), .char("p")] { runtime.handle(key) }
        runtime.render()
        // A keystroke read only the screens around the cursor (two of 3 rows × 3 cards): a lower bound.
        #expect(terminal.screen.rowText(2).hasPrefix(" My Apps · Acme Robotics  1/18+ apps"))
        runtime.step(timeoutMilliseconds: 0)   // no key came: the keyboard rested
        #expect(terminal.screen.rowText(2).hasPrefix(" My Apps · Acme Robotics  1/200 apps"))
    }

    @Test func copyWritesOSC52WrappedOnlyWhenTmuxLetsItThrough() throws {
        let (runtime, terminal) = try runtime(ScreenFixture(), environment: ["TMUX": "/tmp/tmux-0/default,1,0"],
                                              tmux: ["set-clipboard": "external", "allow-passthrough": "on"])
        runtime.handle(.char("y"))
        #expect(terminal.controlWrites.count == 1)
        #expect(terminal.controlWrites[0].hasPrefix("\u{1B}Ptmux;\u{1B}\u{1B}]52;c;"))
        #expect(terminal.controlWrites[0].contains(Data("sandbox".utf8).base64EncodedString()))
        #expect(runtime.model.state.flash == .info("sent sandbox to the terminal's clipboard"))
    }

    @Test func aCopiedSecretIsNamedNotShown() {
        let loaded = Box<[String]>([])
        let copier = Copier(mode: .auto, environment: ["TMUX": "/tmp/tmux-0/default,1,0"], isTerminal: true,
                            tmuxOption: { ["set-clipboard": "external", "allow-passthrough": "off"][$0] },
                            loadBuffer: { loaded.value.append($0); return true })
        let result = copier.copy("odk_secretsecret", shown: "the secret") { _ in }
        #expect(result.ok && result.message == "copied the secret to the tmux buffer")
        #expect(loaded.value == ["odk_secretsecret"])
    }

    @Test func copyUnderDefaultTmuxLoadsTheBufferAndSaysSo() throws {
        let loaded = Box<[String]>([])
        let (runtime, terminal) = try runtime(ScreenFixture(), environment: ["TMUX": "/tmp/tmux-0/default,1,0"],
                                              tmux: ["set-clipboard": "external", "allow-passthrough": "off"], loaded: loaded)
        runtime.handle(.char("y"))
        #expect(terminal.controlWrites.isEmpty, "a wrapped sequence would be dropped by tmux")
        #expect(loaded.value == ["sandbox"])
        #expect(runtime.model.state.flash == .info("copied sandbox to the tmux buffer"))
    }

    @Test func typingInAFormIsTextNotCommands() throws {
        let (runtime, _) = try runtime(ScreenFixture())
        runtime.handle(.char("n"))
        for character in "quick" { runtime.handle(.char(character)) }
        #expect(!runtime.isFinished, "q typed into a form must not quit")
        guard case .form(let form) = runtime.model.state.overlay else { Issue.record("no form"); return }
        #expect(form.fields[0].value.text == "quick")
        runtime.handle(.paste("-pasted\nline"))
        guard case .form(let pasted) = runtime.model.state.overlay else { return }
        #expect(pasted.fields[0].value.text == "quick-pasted line")
    }

    @Test func aOneRowMoveRepaintsOnlyTheChangedRows() throws {
        let (runtime, terminal) = try runtime(ScreenFixture())
        runtime.handle(.char("v"))
        runtime.handle(.char("p"))
        runtime.handle(.char("a"))
        runtime.render()
        let before = terminal.screen
        runtime.handle(.char("j"))
        runtime.render()
        let changedRows = Set(terminal.screen.changes(since: before).map(\.y))
        #expect(changedRows == [2, 4, 5], "title position, old cursor row, new cursor row")
    }

    @Test func aMouseClickSelectsAndASecondClickOpens() throws {
        let (runtime, _) = try runtime(ScreenFixture())
        runtime.handle(.char("p")); runtime.handle(.char("a"))
        runtime.handle(.char("v"))
        runtime.render()
        runtime.handle(.mouse(MouseEvent(kind: .press, x: 10, y: 6)))
        #expect(runtime.model.myApps?.state.cursor == 2)
        runtime.render()
        runtime.handle(.mouse(MouseEvent(kind: .press, x: 10, y: 6)))
        #expect(runtime.model.state.screen == .app("support-triage"))
        runtime.render()
        runtime.handle(.mouse(MouseEvent(kind: .press, x: 4, y: 10)))
        #expect(runtime.model.appDetail?.appSection == .settings, "a click on the sidebar")
    }

    @Test func aClickPutsTheCursorInAFormFieldAndRunsAPaletteCompletion() throws {
        let (runtime, terminal) = try runtime(ScreenFixture())
        runtime.handle(.char("n"))
        runtime.render()
        guard case .form = runtime.model.state.overlay else { Issue.record("no form"); return }
        let nameRow = try #require(terminal.screen.rows.firstIndex { $0.contains("Name") })
        let column = try #require(terminal.screen.rows[nameRow].range(of: "Name")).lowerBound.utf16Offset(in: terminal.screen.rows[nameRow])
        runtime.handle(.mouse(MouseEvent(kind: .press, x: column, y: nameRow + 1)))
        runtime.handle(.char("X"))
        guard case .form(let form) = runtime.model.state.overlay else { Issue.record("the form closed"); return }
        #expect(form.value("name") == "X" && form.value("id").isEmpty, "typed into the field clicked")
        runtime.handle(.escape)
        runtime.handle(.char(":"))
        runtime.render()
        let account = try #require(terminal.screen.rows.firstIndex { $0.contains(" account") })
        runtime.handle(.mouse(MouseEvent(kind: .press, x: 30, y: account)))
        #expect(runtime.model.state.overlay == .none && runtime.model.state.pane == .account)
    }

    @Test func aThemeAddedWhileRunningIsOfferedWhenThePaletteOpens() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("orgdeck-themes-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let fixture = try ScreenFixture()
        let runtime = ConsoleRuntime(model: fixture.console(), backend: InMemoryTerminal(width: 80, height: 24),
                                     service: fixture.service, keyMap: KeyMap(), theme: .builtin, themeDirectories: [folder],
                                     memory: nil, environment: [:], clock: { ScreenFixture.now })
        runtime.paintFirstFrame()
        #expect(!runtime.model.themeNames.contains("mine"))
        try Data("name = \"mine\"\n".utf8).write(to: URL(fileURLWithPath: folder + "/mine.toml"))
        runtime.handle(.char(":"))
        #expect(runtime.model.themeNames.contains("mine"))
    }

    @Test func theFirstFrameIsInTheThemeLastChosenInTheContextItOpensIn() throws {
        let fixture = try ScreenFixture()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("orgdeck-theme-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let memory = ThemeMemory(stateDirectory: folder)
        let model = fixture.console()
        try memory.remember("nord", for: ThemeMemory.key(user: "ada", context: model.state.context.description))
        func start(fixed: Bool) -> ConsoleRuntime {
            let runtime = ConsoleRuntime(model: fixture.console(), backend: InMemoryTerminal(width: 80, height: 24),
                                         service: fixture.service, keyMap: KeyMap(), theme: .builtin, themeDirectories: [],
                                         memory: memory, environment: [:], clock: { ScreenFixture.now })
            runtime.themeIsFixed = fixed
            runtime.paintFirstFrame()
            return runtime
        }
        #expect(start(fixed: false).theme.name == "nord", "restored before the first key")
        #expect(start(fixed: true).theme.name == Theme.builtin.name, "a theme named for the run holds")
    }

    @Test func aUsersThemeDoesNotFollowTheNextUserWhoSignsIn() throws {
        let fixture = try ScreenFixture()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("orgdeck-theme-users-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let runtime = ConsoleRuntime(model: fixture.console(), backend: InMemoryTerminal(width: 80, height: 24), service: fixture.service,
                                     keyMap: KeyMap(), theme: .builtin, themeDirectories: [], memory: ThemeMemory(stateDirectory: folder),
                                     environment: [:], clock: { ScreenFixture.now })
        runtime.render()
        func type(_ text: String) { for character in text { runtime.handle(.char(character)) } }
        runtime.handle(.char(":")); type("theme nord"); runtime.handle(.enter)
        #expect(runtime.theme.name == "nord")
        runtime.handle(.char(":")); type("signout"); runtime.handle(.enter)
        #expect(runtime.model.state.signIn != nil)
        #expect(runtime.theme.name == Theme.builtin.name, "the sign-in screen is in the run's theme again")
    }

    @Test func overSSHAThemeIsANameNeverAFileOfTheServer() throws {
        let fixture = try ScreenFixture()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("orgdeck-remote-theme-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // A theme the server's operator installed may inherit; a file named by path may not be read.
        try "inherits = \"\(folder)/secret.toml\"\n".write(toFile: folder + "/installed.toml", atomically: true, encoding: .utf8)
        try "[palette]\nbg = \"SECRET\"\n".write(toFile: folder + "/secret.toml", atomically: true, encoding: .utf8)
        let model = ConsoleViewModel(service: fixture.service, session: fixture.ada, remote: true)
        model.send(.firstFramePainted)
        let runtime = ConsoleRuntime(model: model, backend: InMemoryTerminal(width: 80, height: 24), service: fixture.service,
                                     keyMap: KeyMap(), theme: .builtin, themeDirectories: [folder], memory: nil, environment: [:],
                                     clock: { ScreenFixture.now })
        for name in [folder + "/secret.toml", "/etc/passwd", "installed"] {
            runtime.applyTheme(name, remember: true)
            let flash = model.state.flash
            #expect(flash?.level == .error && flash?.text.contains("over SSH, a theme is chosen by name") == true, "\(name): \(String(describing: flash))")
            #expect(flash?.text.contains("SECRET") == false)
        }
        runtime.applyTheme("nord", remember: true)
        #expect(runtime.theme.name == "nord", "a shipped theme by name still works")
    }

    @Test func aHugeFileIsNotReadAsATheme() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("orgdeck-big-theme-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data(count: Theme.maxFileSize + 1).write(to: URL(fileURLWithPath: folder + "/big.toml"))
        #expect(throws: ThemeError.self) { try Theme.load(named: "big", searchPaths: [folder]) }
    }
}

/// A value a test's closures fill in.
final class Box<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }

}
