import Testing
@testable import OrgdeckTerminal

@Suite struct CellGridTests {
    @Test func putWritesAndClips() {
        var g = CellGrid(width: 10, height: 2)
        #expect(g.put("hello", x: 1, y: 0, style: .plain) == 5)
        #expect(g.rowText(0) == " hello    ")
        #expect(g.put("abcdefghijkl", x: 6, y: 1, style: .plain) == 4)
        #expect(g.rowText(1) == "      abcd")
        #expect(g.put("xyz", x: 0, y: 1, maxWidth: 2, style: .plain) == 2)
        #expect(g.rowText(1).hasPrefix("xy "))
    }

    @Test func textWithTheDefaultBackgroundKeepsTheOneUnderIt() {
        var grid = CellGrid(width: 10, height: 1)
        let panel = Style(fg: .ansi(7), bg: .ansi(4))
        grid.fill(Rect(x: 2, y: 0, width: 6, height: 1), style: panel)
        grid.put("grey text", x: 0, y: 0, style: Style(fg: .ansi(8), bg: .default))
        // Over the panel the panel's colour stays; outside it, the terminal's.
        #expect(grid[3, 0].style == Style(fg: .ansi(8), bg: .ansi(4)))
        #expect(grid[0, 0].style == Style(fg: .ansi(8), bg: .default))
        // An explicit background is written as given.
        grid.put("x", x: 4, y: 0, style: Style(fg: .ansi(1), bg: .ansi(2)))
        #expect(grid[4, 0].style.bg == .ansi(2))
    }

    @Test func textOfNoColourStaysOnABarOfReverseVideo() {
        var grid = CellGrid(width: 10, height: 1)
        grid.fill(Rect(x: 0, y: 0, width: 6, height: 1), style: Style(attributes: .reverse))
        grid.put("dim hint", x: 0, y: 0, style: Style(attributes: .dim))
        #expect(grid[1, 0].style == Style(attributes: [.dim, .reverse]), "on the bar: still the bar")
        #expect(grid[7, 0].style == Style(attributes: .dim), "off the bar: as given")
        grid.put("c", x: 2, y: 0, style: Style(fg: .ansi(1), attributes: .bold))
        #expect(grid[2, 0].style == Style(fg: .ansi(1), attributes: .bold), "a colour of its own is drawn as given")
    }

    @Test func offGridWritesAreIgnored() {
        var g = CellGrid(width: 4, height: 2)
        #expect(g.put("abc", x: 0, y: 5, style: .plain) == 0)
        #expect(g.put("abc", x: 0, y: -1, style: .plain) == 0)
        g[10, 10] = Cell(text: "x")
        #expect(g[10, 10] == Cell())
        g.put("abcdef", x: -2, y: 0, style: .plain)
        #expect(g.rowText(0) == "cdef")
    }

    @Test func tinyGridsNeverCrash() {
        for (w, h) in [(0, 0), (1, 1), (1, 0), (0, 1), (2, 1)] {
            var g = CellGrid(width: w, height: h)
            g.put("漢字🚀 é\u{1B}", x: 0, y: 0, style: .plain)
            g.box(g.bounds, style: .plain, title: "Title")
            g.box(Rect(x: -3, y: -3, width: 10, height: 10), style: .plain, title: "T")
            g.fill(Rect(x: -1, y: -1, width: 5, height: 5), style: .plain)
            g.restyle(g.bounds, style: Style(attributes: .reverse))
            _ = g.rows
            _ = g.changes(since: CellGrid(width: 3, height: 3))
        }
        var one = CellGrid(width: 1, height: 1)
        one.put("漢", x: 0, y: 0, style: .plain)
        #expect(one.rowText(0) == " ")  // a wide character never goes in half: nothing fits
        #expect(one[0, 0].text == " ")
    }

    @Test func boxDrawsBorderAndTitle() {
        var g = CellGrid(width: 12, height: 3)
        g.box(g.bounds, style: .plain, title: "Apps")
        #expect(g.rows == ["┌ Apps ────┐", "│          │", "└──────────┘"])
    }

    @Test func fillAndRestyle() {
        var g = CellGrid(width: 4, height: 2)
        g.put("abcd", x: 0, y: 0, style: .plain)
        let hi = Style(fg: .ansi(1), attributes: .reverse)
        g.restyle(Rect(x: 1, y: 0, width: 2, height: 1), style: hi)
        #expect(g[1, 0].style == hi && g[1, 0].text == "b")
        #expect(g[0, 0].style == .plain)
        g.fill(Rect(x: 0, y: 0, width: 2, height: 2), style: hi)
        #expect(g.rowText(0) == "  cd")
        #expect(g[0, 1].style == hi)
    }

    @Test func wideCombiningAndEscapeKeepTheBorderAligned() {
        var g = CellGrid(width: 20, height: 3)
        g.box(g.bounds, style: .plain)
        let used = g.put("漢字🚀e\u{301}\u{1B}x", x: 1, y: 1, maxWidth: 18, style: .plain)
        #expect(used == 9)  // 2+2+2+1+1+1
        let row = g.rowText(1)
        #expect(row.contains("␛"))
        #expect(!row.unicodeScalars.contains("\u{1B}"))
        #expect(row.hasSuffix("│"))
        #expect(TextWidth.columns(row) == 20)
        // Border column is the same on every row.
        #expect(g[19, 0].text == "┐" && g[19, 1].text == "│" && g[19, 2].text == "┘")
        #expect(g[2, 1].isContinuation)
    }

    @Test func wideCharacterIsNotSplitAtClipEdge() {
        var g = CellGrid(width: 5, height: 1)
        #expect(g.put("ab漢", x: 0, y: 0, maxWidth: 3, style: .plain) == 2)
        #expect(g.rowText(0) == "ab   ")
        #expect(g.put("abcd漢", x: 0, y: 0, style: .plain) == 4)
        #expect(g.rowText(0) == "abcd ")
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var g = CellGrid(width: 4, height: 1)
        g.put("漢字", x: 0, y: 0, style: .plain)
        g.put("x", x: 1, y: 0, style: .plain)
        #expect(g.rowText(0) == " x字")
        g.put("y", x: 2, y: 0, style: .plain)
        #expect(g.rowText(0) == " xy ")
    }

    @Test func changesFindsExactlyTheChangedCells() {
        var a = CellGrid(width: 5, height: 3)
        a.put("hello", x: 0, y: 0, style: .plain)
        var b = a
        #expect(b.changes(since: a).isEmpty)
        b.put("J", x: 0, y: 0, style: .plain)
        b.restyle(Rect(x: 2, y: 2, width: 1, height: 1), style: Style(attributes: .bold))
        let c = b.changes(since: a)
        #expect(c.map { "\($0.x),\($0.y)" } == ["0,0", "2,2"])
        #expect(b.changes(since: CellGrid(width: 4, height: 3)).count == 15)
    }

    @Test func rectLayout() {
        let r = Rect(x: 0, y: 0, width: 80, height: 24)
        let (top, rest) = r.splitTop(1)
        #expect(top == Rect(x: 0, y: 0, width: 80, height: 1) && rest == Rect(x: 0, y: 1, width: 80, height: 23))
        let (bottom, above) = r.splitBottom(2)
        #expect(bottom.y == 22 && above.height == 22)
        let (left, right) = r.splitLeft(20)
        #expect(left.width == 20 && right.x == 20 && right.width == 60)
        #expect(r.inset(1) == Rect(x: 1, y: 1, width: 78, height: 22))
        #expect(Rect(x: 0, y: 0, width: 1, height: 1).inset(3).isEmpty)
        #expect(r.centered(width: 40, height: 10) == Rect(x: 20, y: 7, width: 40, height: 10))
        #expect(r.centered(width: 100, height: 100) == r)
        #expect(r.intersection(Rect(x: 70, y: 20, width: 20, height: 20)) == Rect(x: 70, y: 20, width: 10, height: 4))
        #expect(r.intersection(Rect(x: 100, y: 0, width: 5, height: 5)).isEmpty)
        #expect(r.splitTop(50).1.height == 0)
    }
}
