import Testing
@testable import OrgdeckTerminal

@Suite struct KeyDecoderTests {
    private func decode(_ s: String) -> [KeyEvent] {
        var d = KeyDecoder()
        return d.feed(Array(s.utf8)) + d.flush()
    }

    @Test func textAndControls() {
        #expect(decode("aZ é漢🚀") == [.char("a"), .char("Z"), .char(" "), .char("é"), .char("漢"), .char("🚀")])
        #expect(decode("\r\n\t\u{7F}\u{8}") == [.enter, .enter, .tab, .backspace, .backspace])
        #expect(decode("\u{3}\u{E}\u{1A}") == [.ctrl("c"), .ctrl("n"), .ctrl("z")])
    }

    @Test func csiAndSS3Keys() {
        #expect(decode("\u{1B}[A\u{1B}[B\u{1B}[C\u{1B}[D") == [.up, .down, .right, .left])
        #expect(decode("\u{1B}OA\u{1B}OB\u{1B}OC\u{1B}OD") == [.up, .down, .right, .left])
        #expect(decode("\u{1B}[H\u{1B}[F\u{1B}[1~\u{1B}[4~\u{1B}OH\u{1B}OF") == [.home, .end, .home, .end, .home, .end])
        #expect(decode("\u{1B}[5~\u{1B}[6~\u{1B}[3~\u{1B}[Z") == [.pageUp, .pageDown, .delete, .backTab])
        #expect(decode("\u{1B}OP\u{1B}OS\u{1B}[15~\u{1B}[17~\u{1B}[21~\u{1B}[24~") ==
                [.function(1), .function(4), .function(5), .function(6), .function(10), .function(12)])
        #expect(decode("\u{1B}[1;5A") == [.up])   // modifiers ignored
        #expect(decode("\u{1B}[99X") == [])        // unknown sequences are dropped whole
    }

    @Test func loneEscapeNeedsFlush() {
        var d = KeyDecoder()
        #expect(d.feed([0x1B]) == [])
        #expect(d.awaitsEscapeTimeout)
        #expect(d.flush() == [.escape])
        #expect(!d.hasPending)
        #expect(decode("\u{1B}\u{1B}") == [.escape, .escape])
        #expect(decode("\u{1B}j") == [.escape, .char("j")])
    }

    @Test func sequenceSplitAcrossReads() {
        var d = KeyDecoder()
        #expect(d.feed([0x1B, 0x5B]) == [])
        #expect(d.feed([0x35]) == [])
        #expect(d.feed([0x7E, 0x61]) == [.pageUp, .char("a")])
        let rocket = Array("🚀".utf8)
        #expect(d.feed(Array(rocket[0..<2])) == [])
        #expect(d.feed(Array(rocket[2...])) == [.char("🚀")])
    }

    @Test func sgrMouse() {
        #expect(decode("\u{1B}[<0;10;5M") == [.mouse(MouseEvent(kind: .press, x: 9, y: 4))])
        #expect(decode("\u{1B}[<0;10;5m") == [])   // release
        #expect(decode("\u{1B}[<64;1;1M\u{1B}[<65;2;3M") ==
                [.mouse(MouseEvent(kind: .wheelUp, x: 0, y: 0)), .mouse(MouseEvent(kind: .wheelDown, x: 1, y: 2))])
        #expect(decode("\u{1B}[<32;4;4M") == [])   // motion
    }

    @Test func bracketedPasteWholeEvenWhenSplit() {
        #expect(decode("\u{1B}[200~hello\r\nworld\u{1B}[201~x") == [.paste("hello\nworld"), .char("x")])
        var d = KeyDecoder()
        let bytes = Array("\u{1B}[200~a\u{1B}[A漢\u{1B}[201~".utf8)
        var events: [KeyEvent] = []
        for b in bytes {
            events += d.feed([b])
            if d.awaitsEscapeTimeout { continue }
            events += d.flush()   // a pause mid-paste must not end it
        }
        #expect(events == [.paste("a\u{1B}[A漢")])
        #expect(!d.hasPending)
    }
}
