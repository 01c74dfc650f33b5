import Testing
@testable import OrgdeckTerminal

@Suite struct ClipboardTests {
    @Test func plainOSC52() {
        #expect(Clipboard.osc52("hello", tmux: false) == "\u{1B}]52;c;aGVsbG8=\u{07}")
    }

    @Test func tmuxWrapped() {
        #expect(Clipboard.osc52("hello", tmux: true) == "\u{1B}Ptmux;\u{1B}\u{1B}]52;c;aGVsbG8=\u{07}\u{1B}\\")
        #expect(Clipboard.insideTmux(environment: ["TMUX": "/tmp/tmux-1000/default,1,0"]))
        #expect(!Clipboard.insideTmux(environment: [:]))
    }

    @Test func sizeCap() {
        #expect(Clipboard.osc52(String(repeating: "a", count: Clipboard.maxBytes), tmux: false) != nil)
        #expect(Clipboard.osc52(String(repeating: "a", count: Clipboard.maxBytes + 1), tmux: false) == nil)
    }
}
