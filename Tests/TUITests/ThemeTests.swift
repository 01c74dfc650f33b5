import Foundation
import Testing
@testable import OrgdeckTUI
import OrgdeckTerminal

/// The repository's `themes/` folder.
private let themesDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("themes").path

@Suite struct ThemeTests {
    static let shipped = ["default", "light", "high-contrast", "solarized-dark", "nord", "mono"]

    @Test func theSectionInFrontIsMarkedDifferentlyFromTheListCursor() {
        // ↑↓ move the list, not the sidebar: the two highlights must not look the same.
        let theme = Theme.builtin
        #expect(theme.style(.sidebarActive).bg != theme.style(.tableCursor).bg)
        #expect(theme.style(.sidebarActive).bg == theme.style(.sidebar).bg)
        #expect(theme.style(.sidebarActive).attributes.contains(.bold))
    }

    @Test(arguments: shipped)
    func everyShippedThemeParses(name: String) throws {
        let theme = try Theme.load(named: name, searchPaths: [themesDir])
        #expect(theme.name == name)
        #expect(!theme.summary.isEmpty)
        // The cursor must stand out from ordinary rows in every theme.
        #expect(theme.style(.tableCursor) != theme.style(.tableRow))
        #expect(theme.style(.menuCursor) != theme.style(.menu))
    }

    @Test func catalogListsTheCompiledInThemesEvenWithNoFolders() {
        let names = ThemeCatalog(searchPaths: [themesDir, "/nonexistent"]).names()
        for n in Self.shipped { #expect(names.contains(n)) }
        #expect(ThemeCatalog(searchPaths: []).names() == Self.shipped.sorted())
        #expect(ThemeCatalog(searchPaths: []).sources().allSatisfy { $0.source == "built in" })
    }

    @Test(arguments: shipped)
    func everyShippedThemeIsCompiledInExactlyAsItsFile(name: String) throws {
        let file = try String(contentsOfFile: themesDir + "/\(name).toml", encoding: .utf8)
        #expect(file.trimmingCharacters(in: .newlines) == Theme.builtinTOML[name]?.trimmingCharacters(in: .newlines),
                "run scripts/generate-themes after editing themes/\(name).toml")
        #expect(try Theme.load(named: name, searchPaths: []) == Theme.load(named: name, searchPaths: [themesDir]))
    }

    @Test func aUserFileOverridesTheCompiledInThemeOfTheSameName() throws {
        let dir = NSTemporaryDirectory() + "orgdeck-themes-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "inherits = \"default\"\ndescription = \"mine\"\n".write(toFile: dir + "/nord.toml", atomically: true, encoding: .utf8)
        #expect(try Theme.load(named: "nord", searchPaths: [dir]).summary == "mine")
        #expect(ThemeCatalog(searchPaths: [dir]).sources().first { $0.name == "nord" }?.source == dir + "/nord.toml")
    }

    @Test func builtinWorksWithoutFilesAndMatchesDefaultFile() throws {
        let b = Theme.builtin
        #expect(b.name == "default")
        #expect(b.style(.tableCursor).bg == .rgb(0x1F, 0x6F, 0xEB))
        #expect(b.style(.base).bg == .default)
        #expect(try Theme.load(named: "default", searchPaths: ["/nonexistent"]) == b)
    }

    @Test func inheritsOverlaysPaletteAndFields() throws {
        let child = try Theme.parse(toml: """
            inherits = "default"
            [palette]
            select = "#ff0000"
            [ui."table.row"]
            bold = true
            """, fileName: "child.toml")
        #expect(child.style(.tableCursor).bg == .rgb(255, 0, 0))          // parent style, child palette
        #expect(child.style(.tableRow).attributes == .bold)
        #expect(child.style(.tableRow).fg == Theme.builtin.style(.tableRow).fg)
        #expect(child.style(.title) == Theme.builtin.style(.title))
    }

    @Test func inheritanceChainsAndCyclesThroughFiles() throws {
        let dir = NSTemporaryDirectory() + "orgdeck-themes-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "inherits = \"nord\"\n[ui.title]\nunderline = true\n".write(toFile: dir + "/mine.toml", atomically: true, encoding: .utf8)
        let mine = try Theme.load(named: "mine", searchPaths: [dir, themesDir])
        let nord = try Theme.load(named: "nord", searchPaths: [themesDir])
        #expect(mine.style(.title).attributes == [.bold, .underline])
        #expect(mine.style(.base) == nord.style(.base))

        try "inherits = \"b\"\n".write(toFile: dir + "/a.toml", atomically: true, encoding: .utf8)
        try "# b\ninherits = \"a\"\n".write(toFile: dir + "/b.toml", atomically: true, encoding: .utf8)
        #expect { try Theme.load(named: "a", searchPaths: [dir]) } throws: { error in
            let e = error as? ThemeError
            return e?.line == 2 && e?.key == "inherits" && e?.file == dir + "/b.toml" && e?.reason.contains("cycle") == true
        }
        try "inherits = \"nope\"\n".write(toFile: dir + "/orphan.toml", atomically: true, encoding: .utf8)
        #expect { try Theme.load(named: "orphan", searchPaths: [dir]) } throws: { error in
            "\(error)".hasPrefix(dir + "/orphan.toml:1: inherits: no theme named \"nope\"")
        }
    }

    @Test func errorsNameFileLineAndKey() {
        let text = """
            [palette]
            frost = "#88c0d0"

            [ui.base]
            fg = "frost"

            [ui."table.cursor"]
            bold = true
            fg = "blu"
            """
        #expect { try Theme.parse(toml: text, fileName: "themes/nord.toml") } throws: { error in
            "\(error)" == "themes/nord.toml:9: ui.\"table.cursor\".fg: unknown colour \"blu\""
        }
        let cases: [(String, String)] = [
            ("[palette]\nx = \"#12345\"\n", "t.toml:2: palette.x: unknown colour \"#12345\""),
            ("[palette]\nx = 300\n", "t.toml:2: palette.x: colour number 300 is outside 0–255"),
            ("[ui.\"tabel.cursor\"]\nbold = true\n", "t.toml:1: ui.\"tabel.cursor\": unknown element (themes/README.md lists them)"),
            ("[ui.title]\nbold = \"yes\"\n", "t.toml:2: ui.title.bold: expected true or false"),
            ("[ui.title]\nblink = true\n", "t.toml:2: ui.title.blink: unknown key (expected fg, bg, bold, underline, reverse, dim)"),
            ("colour = 1\n", "t.toml:1: colour: unknown key (expected inherits, description, palette or ui)"),
            ("[ui]\ntitle = { fg = \"nope\" }\n", "t.toml:2: ui.title.fg: unknown colour \"nope\""),
        ]
        for (toml, message) in cases {
            #expect { try Theme.parse(toml: toml, fileName: "t.toml") } throws: { "\($0)" == message }
        }
        #expect { try Theme.parse(toml: "[ui.title\nbold = true\n", fileName: "t.toml") } throws: { error in
            let e = error as? ThemeError
            return e?.file == "t.toml" && e?.line == 1 && "\(error)".contains("syntax error")
        }
        // A file under the home folder is named from ~, so the flash line keeps room for why.
        let home = (ProcessInfo.processInfo.environment["HOME"] ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        let underHome = ThemeError(file: "/" + home + "/.config/orgdeck/themes/x.toml", line: 1, key: nil, reason: "bad")
        #expect("\(underHome)" == (home.isEmpty ? "//.config/orgdeck/themes/x.toml:1: bad" : "~/.config/orgdeck/themes/x.toml:1: bad"))
        // The parser's own text comes over several lines behind a bare "Error": one plain line.
        do {
            _ = try Theme.parse(toml: "description = \"tab\u{1}\"\n", fileName: "t.toml")
            Issue.record("a control character in a string was accepted")
        } catch {
            let text = "\(error)"
            #expect(!text.contains("\n") && !text.contains("Error"), "\(text)")
            #expect(text.hasPrefix("t.toml:1: syntax error in string: "), "\(text)")
        }
    }

    @Test func readmeDocumentsEveryElement() throws {
        let readme = try String(contentsOfFile: themesDir + "/README.md", encoding: .utf8)
        for e in UIElement.allCases {
            #expect(readme.contains("| `\(e.rawValue)` |"), "themes/README.md lacks \(e.rawValue)")
        }
    }

    @Test func colourLiterals() throws {
        let t = try Theme.parse(toml: """
            [palette]
            a = 75
            b = "bright-blue"
            c = "default"
            d = "gray"
            [ui.base]
            fg = "a"
            bg = "#102030"
            [ui.title]
            fg = 200
            bg = "c"
            [ui.muted]
            fg = "b"
            bg = "d"
            """, fileName: "lit.toml")
        #expect(t.style(.base) == Style(fg: .indexed(75), bg: .rgb(0x10, 0x20, 0x30)))
        #expect(t.style(.title) == Style(fg: .indexed(200), bg: .default))   // a given style is taken as written
        #expect(t.style(.tableHeader).attributes == .bold)              // an unstyled heading falls back to bold
        #expect(t.style(.muted) == Style(fg: .ansi(12), bg: .ansi(8)))
        #expect(t.style(.tableCursor).attributes.contains(.reverse))   // unstyled cursor stays visible
        #expect(t.style(.headerUser) == t.style(.header))              // dotted element borrows its stem
    }

    @Test func degradationByDepth() {
        let b = Theme.builtin
        let t256 = b.resolving(depth: .indexed256, noColor: false)
        if case .indexed = t256.style(.tableCursor).bg {} else { Issue.record("expected an indexed colour") }
        let t8 = b.resolving(depth: .eight, noColor: false)
        for e in UIElement.allCases {
            for c in [t8.style(e).fg, t8.style(e).bg] {
                if case .ansi(let n) = c { #expect(n < 8) } else { #expect(c == .default) }
            }
        }
        #expect(b.resolving(depth: .truecolor, noColor: false) == b)
    }

    @Test func noColorMeansAttributesOnly() throws {
        let t = Theme.builtin.resolving(depth: .truecolor, noColor: true)
        for e in UIElement.allCases {
            #expect(t.style(e).fg == .default && t.style(e).bg == .default)
        }
        #expect(t.style(.tableCursor).attributes.contains(.reverse))
        #expect(t.style(.tableCursor) != t.style(.tableRow))
        let mono = try Theme.load(named: "mono", searchPaths: [themesDir])
        for e in UIElement.allCases {
            #expect(mono.style(e).fg == .default && mono.style(e).bg == .default)
            #expect(mono.style(e).attributes == (Theme.monoAttributes[e] ?? []), "mono.toml and monoAttributes disagree on \(e.rawValue)")
        }
    }
}
