import Testing
@testable import OrgdeckTerminal

@Suite struct ColorTests {
    @Test func rgbDegradesStepByStep() {
        let red = Color.rgb(255, 0, 0)
        #expect(red.degraded(to: .truecolor) == red)
        #expect(red.degraded(to: .indexed256) == .indexed(196))
        #expect(red.degraded(to: .sixteen) == .ansi(9))
        #expect(red.degraded(to: .eight) == .ansi(1))
        #expect(red.degraded(to: .none) == .default)
        #expect(Color.rgb(128, 128, 128).degraded(to: .indexed256) == .indexed(244))
        #expect(Color.rgb(0, 0, 0).degraded(to: .indexed256) == .indexed(16))
        #expect(Color.rgb(0x2e, 0x34, 0x40).degraded(to: .eight) == .ansi(0))
    }

    @Test func indexedAndAnsi() {
        #expect(Color.indexed(196).degraded(to: .sixteen) == .ansi(9))
        #expect(Color.indexed(4).degraded(to: .sixteen) == .ansi(4))
        #expect(Color.indexed(12).degraded(to: .eight) == .ansi(4))
        #expect(Color.ansi(12).degraded(to: .eight) == .ansi(4))
        #expect(Color.ansi(12).degraded(to: .indexed256) == .ansi(12))
        #expect(Color.default.degraded(to: .eight) == .default)
        let s = Style(fg: .rgb(255, 0, 0), bg: .indexed(21), attributes: .bold).degraded(to: .none)
        #expect(s == Style(attributes: .bold))
    }

    @Test func depthDetection() {
        #expect(ColorDepth.from(colorCount: 1 << 24) == .truecolor)
        #expect(ColorDepth.from(colorCount: 256) == .indexed256)
        #expect(ColorDepth.from(colorCount: 88) == .sixteen)
        #expect(ColorDepth.from(colorCount: 8) == .eight)
        #expect(ColorDepth.from(colorCount: -1) == .none)
        #expect(ColorDepth.noColorRequested(environment: ["NO_COLOR": "1"]))
        #expect(!ColorDepth.noColorRequested(environment: ["NO_COLOR": ""]))
        #expect(ColorDepth.guess(environment: ["TERM": "xterm-256color", "NO_COLOR": "x"]) == .none)
        #expect(ColorDepth.guess(environment: ["TERM": "xterm-256color", "COLORTERM": "truecolor"]) == .indexed256)
        #expect(ColorDepth.guess(environment: ["TERM": "xterm-direct"]) == .truecolor)
        #expect(ColorDepth(name: "256") == .indexed256)
    }
}
