import Foundation
import Testing
@testable import OrgdeckTUI

/// How `y` copies in each environment: it never claims a copy it could not make.
@Suite struct ClipboardModeTests {
    let tmux = ["TMUX": "/tmp/tmux-1000/default,4242,0"]

    func method(_ mode: ClipboardMode, _ environment: [String: String], terminal: Bool = true,
                setClipboard: String? = "external", passthrough: String? = "off") -> CopyMethod {
        CopyMethod.choose(mode: mode, environment: environment, isTerminal: terminal) { option in
            option == "set-clipboard" ? setClipboard : option == "allow-passthrough" ? passthrough : nil
        }
    }

    @Test func autoOutsideTmuxSendsOSC52() {
        #expect(method(.auto, [:]) == .osc52)
    }

    @Test func autoInsideTmuxAsksTmux() {
        #expect(method(.auto, tmux, setClipboard: "on") == .osc52, "tmux takes a plain sequence and forwards it")
        #expect(method(.auto, tmux, setClipboard: "external", passthrough: "on") == .osc52Wrapped)
        #expect(method(.auto, tmux, setClipboard: "external", passthrough: "all") == .osc52Wrapped)
        #expect(method(.auto, tmux, setClipboard: "external", passthrough: "off") == .tmuxBuffer, "tmux 3.3+ defaults")
        #expect(method(.auto, tmux, setClipboard: "off", passthrough: "off") == .tmuxBuffer)
        #expect(method(.auto, tmux, setClipboard: nil, passthrough: nil) == .tmuxBuffer, "an old tmux that answers nothing")
    }

    @Test func notATerminalCopiesNothingAndSaysSo() {
        #expect(method(.auto, [:], terminal: false) == .unavailable("not a terminal"))
        #expect(method(.osc52, tmux, terminal: false) == .unavailable("not a terminal"))
    }

    @Test func explicitModesDoWhatTheySay() {
        #expect(method(.osc52, tmux, setClipboard: "external") == .osc52, "osc52 means the plain sequence, even in tmux")
        #expect(method(.tmux, tmux) == .tmuxBuffer)
        #expect(method(.tmux, [:]) == .unavailable("not inside tmux (clipboard = \"tmux\")"))
        #expect(method(.none, tmux) == .unavailable("copying is off (clipboard = \"none\")"))
    }

    @Test func theFlashTellsTheTruth() {
        var written: [String] = []
        let off = Copier(mode: .none, environment: [:], isTerminal: true, tmuxOption: { _ in nil }, loadBuffer: { _ in true })
        #expect(off.copy("acme", write: { written.append($0) }) == (false, "could not copy acme: copying is off (clipboard = \"none\")"))
        #expect(written.isEmpty)
        let failing = Copier(mode: .tmux, environment: tmux, isTerminal: true, tmuxOption: { _ in nil }, loadBuffer: { _ in false })
        #expect(failing.copy("acme", write: { written.append($0) }).message == "could not copy acme: tmux load-buffer failed")
        let plain = Copier(mode: .auto, environment: [:], isTerminal: true, tmuxOption: { _ in nil }, loadBuffer: { _ in false })
        #expect(plain.copy("acme", write: { written.append($0) }) == (true, "sent acme to the terminal's clipboard"))
        #expect(written == ["\u{1B}]52;c;" + Data("acme".utf8).base64EncodedString() + "\u{07}"])
        // OSC 52 asked for by name inside a tmux that drops it: sent, and said as a warning.
        for setting in ["off", "external"] {
            let named = Copier(mode: .osc52, environment: tmux, isTerminal: true, tmuxOption: { _ in setting }, loadBuffer: { _ in true })
            let result = named.copy("acme", write: { _ in })
            #expect(!result.ok && result.message.hasPrefix("sent acme to the terminal, but tmux's set-clipboard is not on"), "\(setting)")
        }
        let named = Copier(mode: .osc52, environment: tmux, isTerminal: true, tmuxOption: { _ in "on" }, loadBuffer: { _ in true })
        #expect(named.copy("acme", write: { _ in }) == (true, "sent acme to the terminal's clipboard"))
    }

    @Test func eachCopyAsksTmuxAgain() {
        final class Options: @unchecked Sendable { var setClipboard = "on" }
        let options = Options()
        var buffered: [String] = []
        let copier = Copier(mode: .auto, environment: tmux, isTerminal: true,
                            tmuxOption: { $0 == "set-clipboard" ? options.setClipboard : "off" },
                            loadBuffer: { buffered.append($0); return true })
        #expect(copier.copy("acme", write: { _ in }).message == "sent acme to the terminal's clipboard")
        // set-clipboard turned off while the console runs: the next copy goes to the buffer, and says so.
        options.setClipboard = "off"
        #expect(copier.copy("beta", write: { _ in }).message == "copied beta to the tmux buffer")
        #expect(buffered == ["beta"])
    }
}
