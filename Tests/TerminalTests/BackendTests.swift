import Testing
@testable import OrgdeckTerminal

@Suite struct BackendTests {
    @Test func inMemoryTerminalQueuesPresentsAndCounts() {
        let t = InMemoryTerminal(width: 20, height: 5)
        #expect(t.nextEvent(timeoutMilliseconds: 0) == nil)
        t.send([.char("a"), .down])
        t.send(bytes: Array("\u{1B}[Bx\u{1B}".utf8))
        t.resize(width: 30, height: 6)
        var got: [KeyEvent] = []
        while let e = t.nextEvent(timeoutMilliseconds: 0) { got.append(e) }
        #expect(got == [.char("a"), .down, .down, .char("x"), .escape, .resize(width: 30, height: 6)])
        #expect(t.width == 30 && t.height == 6)

        var g = CellGrid(width: 30, height: 6)
        g.put("hello", x: 0, y: 0, style: .plain)
        t.present(g)
        let full = t.lastFrameBytes
        g.put("J", x: 0, y: 0, style: .plain)
        t.present(g)
        #expect(t.presentCount == 2)
        #expect(t.screen.rowText(0).hasPrefix("Jello"))
        #expect(t.lastFrameBytes < 20 && t.lastFrameBytes < full)
        t.present(g)
        #expect(t.lastFrameBytes == 0)
        t.invalidate()
        t.present(g)
        #expect(t.lastFrameBytes >= full)
        t.writeControl("\u{1B}]52;c;eA==\u{07}")
        #expect(t.controlWrites == ["\u{1B}]52;c;eA==\u{07}"])
        t.shutdown(); t.shutdown()
        #expect(t.isShutDown)
    }

    @Test func ansiEncoderSkipsContinuationCells() {
        var g = CellGrid(width: 6, height: 1)
        g.put("漢x", x: 0, y: 0, style: Style(fg: .ansi(2)))
        let bytes = AnsiEncoder.encode(g, previous: nil)
        #expect(bytes.hasPrefix("\u{1B}[1;1H\u{1B}[0;32m漢x"))
    }

    @Test func cursesByteMeterOneRowMoveCostsFarLessThanAFrame() {
        let width = 120, height = 40
        func frame(cursor: Int) -> CellGrid {
            var g = CellGrid(width: width, height: height)
            for y in 0..<height {
                let style = y == cursor ? Style(fg: .ansi(0), bg: .ansi(6), attributes: .bold) : Style(fg: .indexed(250))
                g.fill(Rect(x: 0, y: y, width: width, height: 1), style: style)
                g.put("row \(y) app-\(y * 7) 漢字 description of the app", x: 1, y: y, style: style)
            }
            return g
        }
        let sizes = CursesByteMeter.bytesPerFrame(frames: [frame(cursor: 3), frame(cursor: 4)])
        #expect(sizes.count == 2)
        guard sizes.count == 2 else { return }
        #expect(sizes[0] > 40 * 30)   // every row was painted
        #expect(sizes[1] > 0)
        #expect(sizes[1] * 10 < sizes[0])
    }
}
