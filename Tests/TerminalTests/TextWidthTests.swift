import Testing
@testable import OrgdeckTerminal

@Suite struct TextWidthTests {
    @Test func widths() {
        #expect(TextWidth.columns("abc") == 3)
        #expect(TextWidth.columns("漢字") == 4)
        #expect(TextWidth.columns("한국어") == 6)
        #expect(TextWidth.columns("カタカナ") == 8)
        #expect(TextWidth.columns("🚀") == 2)
        #expect(TextWidth.columns("e\u{301}") == 1)
        #expect(TextWidth.columns("👩‍💻") == 4)         // a ZWJ sequence shows as its emoji, each 2 wide
        #expect(TextWidth.columns("❤️") == 2)          // VS16 presentation
        #expect(TextWidth.columns("🇫🇷") == 2)          // flag
        #expect(TextWidth.columns("ＡＢ") == 4)          // fullwidth
        #expect(TextWidth.columns("…─│") == 3)
        #expect(TextWidth.width(of: "\u{301}") == 0)
    }

    @Test func joinedEmojiShowAsTheirPartsEverywhere() {
        let family = "\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F466} family"
        #expect(TextWidth.display(family) == "\u{1F469}\u{1F469}\u{1F467}\u{1F466} family")
        #expect(TextWidth.sanitize(family) == family, "scripts print the name as it is")
        #expect(TextWidth.columns(family) == 15)
        var grid = CellGrid(width: 20, height: 1)
        #expect(grid.put(family, x: 0, y: 0, style: Style()) == 15)
        #expect(grid.rows[0].hasPrefix("\u{1F469}\u{1F469}\u{1F467}\u{1F466} family"))
        #expect(!grid.rows[0].unicodeScalars.contains { $0.value == 0x200D })
        #expect(TextWidth.truncate(family, to: 5) == "\u{1F469}\u{1F469}…")
    }

    @Test func sanitizeShowsControlsVisibly() {
        #expect(TextWidth.sanitize("a\u{1B}[31mb") == "a␛[31mb")
        #expect(TextWidth.sanitize("\u{0}\u{1}\u{1F}") == "^@^A^_")
        #expect(TextWidth.sanitize("a\tb") == "a b")
        #expect(TextWidth.sanitize("line\nnext\r") == "line^Jnext^M")
        #expect(TextWidth.sanitize("\u{7F}") == "^?")
        #expect(TextWidth.sanitize("x\u{9B}y") == "x<U+009B>y")
        #expect(TextWidth.sanitize("\u{202E}abc") == "<U+202E>abc")
        #expect(TextWidth.sanitize("plain é 漢") == "plain é 漢")
        // Idempotent, so sanitizing twice never changes widths.
        let once = TextWidth.sanitize("\u{1B}\u{0}\u{85}")
        #expect(TextWidth.sanitize(once) == once)
        #expect(TextWidth.columns("\u{1B}") == 1)
        #expect(TextWidth.columns("\r\n") == 4)
    }

    @Test func truncateAndPad() {
        #expect(TextWidth.truncate("hello world", to: 5) == "hell…")
        #expect(TextWidth.truncate("hello", to: 5) == "hello")
        #expect(TextWidth.truncate("hello", to: 0) == "")
        #expect(TextWidth.truncate("漢字漢字", to: 4) == "漢…")
        #expect(TextWidth.pad("ab", to: 4) == "ab  ")
        #expect(TextWidth.pad("漢字漢字", to: 4) == "漢… ")
        #expect(TextWidth.columns(TextWidth.pad("🚀🚀🚀", to: 5)) == 5)
        #expect(TextWidth.pad("x", to: -1) == "")
    }

    @Test func elidingTheMiddleKeepsBothEndsOfAnIdentifier() {
        #expect(TextWidth.elideMiddle("support-triage-eu-west-v2", to: 30) == "support-triage-eu-west-v2")
        let cut = TextWidth.elideMiddle("support-triage-for-the-eu-west-v2", to: 23)
        #expect(cut == "support-tri…-eu-west-v2")
        #expect(TextWidth.columns(cut) == 23)
        #expect(TextWidth.columns(TextWidth.elideMiddle("漢字漢字漢字漢字漢字", to: 9)) <= 9, "wide characters count twice")
        #expect(TextWidth.elideMiddle("abc", to: 1) == "…")
        #expect(TextWidth.elideMiddle("abc", to: 0) == "")
    }
}
