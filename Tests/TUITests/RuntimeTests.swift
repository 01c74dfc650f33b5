import Foundation
import OrgdeckCore
import OrgdeckTerminal
import Testing
import OrgdeckViewModels
@testable import OrgdeckTUI

/// The run loop on an in-memory terminal: keys in, frames out, effects performed.
@Suite struct RuntimeTests {
    func runtime(_ fixture: ScreenFixture, environment: [String: String] = [:]) -> (ConsoleRuntime, InMemoryTerminal) {
        let terminal = InMemoryTerminal(width: 80, height: 24)
        let runtime = ConsoleRuntime(model: fixture.console(), backend: terminal, service: fixture.service, keyMap: KeyMap(),
                                     theme: .builtin, themeDirectories: [], memory: nil, environment: environment,
                                     clock: { ScreenFixture.now })
        runtime.render()
        return (runtime, terminal)
    }

    @Test func keysDriveTheConsoleAndQuitEndsTheLoop() throws {
        let (runtime, terminal) = try runtime(ScreenFixture())
        #expect(terminal.screen.rowText(2).hasPrefix(" My Apps · ada  1/1 app"))
        for key in [KeyEvent.char("p"), .char("j"), .enter] { runtime.handle(key) }
        runtime.render()
        #expect(terminal.screen.rowText(0).hasPrefix(" orgdeck ▸ Acme Robotics · Admin"))
        #expect(terminal.screen.rowText(2).hasPrefix(" My Apps · Acme Robotics  1/3 apps"))
        #expect(!runtime.isFinished)
        runtime.handle(.char("q"))
        #expect(runtime.isFinished)
    }

    @Test func copyWritesOSC52WrappedForTmux() throws {
        let (runtime, terminal) = try runtime(ScreenFixture(), environment: ["TMUX": "/tmp/tmux-0/default,1,0"])
        runtime.handle(.char("y"))
        #expect(terminal.controlWrites.count == 1)
        #expect(terminal.controlWrites[0].hasPrefix("\u{1B}Ptmux;\u{1B}\u{1B}]52;c;"))
        #expect(terminal.controlWrites[0].contains(Data("sandbox".utf8).base64EncodedString()))
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
        runtime.handle(.char("j"))
        runtime.handle(.enter)
        runtime.render()
        let before = terminal.screen
        runtime.handle(.char("j"))
        runtime.render()
        let changedRows = Set(terminal.screen.changes(since: before).map(\.y))
        #expect(changedRows == [2, 4, 5], "title position, old cursor row, new cursor row")
    }

    @Test func aMouseClickSelectsAndASecondClickOpens() throws {
        let (runtime, _) = try runtime(ScreenFixture())
        runtime.handle(.char("p")); runtime.handle(.char("j")); runtime.handle(.enter)
        runtime.handle(.char("v"))
        runtime.render()
        runtime.handle(.mouse(MouseEvent(kind: .press, x: 10, y: 6)))
        #expect(runtime.model.myApps?.state.cursor == 2)
        runtime.render()
        runtime.handle(.mouse(MouseEvent(kind: .press, x: 10, y: 6)))
        #expect(runtime.model.state.screen == .app("support-triage"))
        runtime.handle(.mouse(MouseEvent(kind: .wheelDown, x: 10, y: 6)))
        #expect(runtime.model.appDetail?.state.section == .settings)
    }
}
