import Foundation
import Testing
@testable import OrgdeckTUI

@Suite struct ConfigTests {
    @Test func missingFileGivesDefaults() throws {
        let c = try ConsoleConfig.load(path: "/nonexistent/orgdeck/config.toml")
        #expect(c == ConsoleConfig())
        #expect(c.theme == nil && !c.mouse && !c.readOnly && c.keys.isEmpty)
    }

    @Test func parsesEverySetting() throws {
        let c = try ConsoleConfig.parse(toml: """
            theme = "nord"
            mouse = true
            read_only = true
            [keys]
            new = "ctrl-n"
            refresh = "f5"
            delete = "x"
            """, fileName: "config.toml")
        #expect(c == ConsoleConfig(theme: "nord", mouse: true, readOnly: true,
                                   keys: ["new": "ctrl-n", "refresh": "f5", "delete": "x"]))
        #expect(try ConsoleConfig.parse(toml: "clipboard = \"tmux\"\n", fileName: "c.toml").clipboard == .tmux)
        #expect(ConsoleConfig().clipboard == .auto)
    }

    @Test func loadsFromDisk() throws {
        let path = NSTemporaryDirectory() + "orgdeck-config-\(UUID().uuidString).toml"
        try "mouse = true\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try ConsoleConfig.load(path: path).mouse)
        #expect(ConsoleConfig.defaultPath(environment: ["XDG_CONFIG_HOME": "/x"]) == "/x/orgdeck/config.toml")
        #expect(ConsoleConfig.defaultPath(environment: ["HOME": "/home/u"]) == "/home/u/.config/orgdeck/config.toml")
    }

    @Test func errorsNameFileLineAndKey() {
        let cases: [(String, String)] = [
            ("mouse = \"yes\"\n", "cfg.toml:1: mouse: expected true or false"),
            ("theme = \"nord\"\n\n[keys]\nnew = \"ctrl-nn\"\n", "cfg.toml:4: keys.new: unknown key \"ctrl-nn\""),
            ("theme = \"../etc/passwd\"\n", "cfg.toml:1: theme: expected a theme name in quotes"),
            ("colour = true\n", "cfg.toml:1: colour: unknown setting (expected theme, mouse, read_only, clipboard or keys)"),
            ("[keys]\nquit = 3\n", "cfg.toml:2: keys.quit: expected a key in quotes"),
            ("clipboard = \"xclip\"\n", "cfg.toml:1: clipboard: expected one of \"auto\", \"osc52\", \"tmux\", \"none\""),
        ]
        for (toml, prefix) in cases {
            #expect { try ConsoleConfig.parse(toml: toml, fileName: "cfg.toml") } throws: { "\($0)".hasPrefix(prefix) }
        }
        #expect { try ConsoleConfig.parse(toml: "mouse = \n", fileName: "cfg.toml") } throws: { error in
            (error as? ConfigError)?.line == 1 && "\(error)".contains("syntax error")
        }
    }
}
