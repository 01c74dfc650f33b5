import Foundation
import Testing

/// `audit verify`, `audit list` and `info`.
@Suite struct AuditAndInfoTests {
    @Test func verifyReportsAnIntactLog() throws {
        let db = try SharedDatabase.get()
        let result = try CLI.run(["audit", "verify", "--db", db.path])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.hasPrefix("audit log intact: "))
        #expect(result.stdout.hasSuffix(" entries\n"))

        let json = try CLI.run(["audit", "verify", "--db", db.path, "--json"])
        let object = try #require(json.object, "\(json)")
        #expect(object["intact"] as? Bool == true)
        #expect((object["entries"] as? Int ?? 0) >= 3, "signup, token and organization at least")
    }

    @Test func listShowsNewestFirst() throws {
        let db = try SharedDatabase.get()
        let id = uniqueID("aud")
        _ = try db.run(["apps", "create", id])
        let result = try db.run(["audit", "list", "--limit", "200", "--json"])
        #expect(result.status == 0, "\(result)")
        let entries = try #require(result.array, "\(result)")
        #expect(entries.count <= 200)
        let keys: Set<String> = ["id", "at", "actor", "organization_id", "action", "target", "details", "source",
                                 "outcome", "previous_hash", "hash"]
        for entry in entries { #expect(Set(entry.keys) == keys) }
        let ids = entries.compactMap { $0["id"] as? Int }
        #expect(ids == ids.sorted(by: >))
        let mine = try #require(entries.first { $0["target"] as? String == id }, "\(entries.prefix(3))")
        #expect(mine["action"] as? String == "app.create")
        #expect(mine["source"] as? String == "cli")
        #expect(mine["actor"] as? String == "alice")

        let limited = try db.run(["audit", "list", "--limit", "1", "--json"])
        #expect(try #require(limited.array).count == 1)
        #expect(try db.run(["audit", "list"]).stdout.hasPrefix("ID"))
        #expect(try CLI.run(["audit", "list", "--db", db.path]).status == 3)
    }

    @Test func infoJSONNamesEveryPathAndTheTerminal() throws {
        let home = Workspace.home
        let result = try CLI.run(["info", "--json"], environment: ["NO_COLOR": "1", "COLORTERM": "truecolor"])
        #expect(result.status == 0, "\(result)")
        let info = try #require(result.object, "\(result)")
        for key in ["database", "demo_database", "config", "theme_dirs", "user_themes", "themes", "state",
                    "log", "audit_key", "audit_anchors", "terminal"] {
            #expect(info[key] != nil, "missing \(key)")
        }
        #expect(info["database"] as? String == home.path + "/data/orgdeck/orgdeck.sqlite")
        #expect(info["demo_database"] as? String == home.path + "/data/orgdeck/demo.sqlite")
        #expect(info["config"] as? String == home.path + "/config/orgdeck/config.toml")
        #expect(info["log"] as? String == home.path + "/state/orgdeck/orgdeck.log")
        #expect((info["theme_dirs"] as? [String])?.first == home.path + "/config/orgdeck/themes")
        let terminal = try #require(info["terminal"] as? [String: Any])
        for key in ["term", "colorterm", "no_color", "stdout_tty", "locale"] {
            #expect(terminal[key] != nil, "missing terminal.\(key)")
        }
        #expect(terminal["term"] as? String == "xterm-256color")
        #expect(terminal["no_color"] as? Bool == true)
        #expect(terminal["stdout_tty"] as? Bool == false)
        #expect(terminal["locale"] as? String == "C.UTF-8")
        #expect(!FileManager.default.fileExists(atPath: home.path + "/data/orgdeck/orgdeck.sqlite"),
                "info creates nothing")
    }

    @Test func infoFollowsDbOptionThenEnvironment() throws {
        let fromEnv = try CLI.run(["info", "--json"], environment: ["ORGDECK_DB": "/tmp/env.sqlite"])
        #expect(fromEnv.object?["database"] as? String == "/tmp/env.sqlite")
        #expect(fromEnv.object?["demo_database"] as? String == "/tmp/env.sqlite")
        let fromOption = try CLI.run(["info", "--json", "--db", "/tmp/opt.sqlite"],
                                     environment: ["ORGDECK_DB": "/tmp/env.sqlite"])
        #expect(fromOption.object?["database"] as? String == "/tmp/opt.sqlite")

        let human = try CLI.run(["info"])
        #expect(human.status == 0)
        #expect(human.stdout.contains("database:"))
        #expect(human.stdout.contains("TERM:"))
    }

    @Test func infoSaysWhichThemeOrConfigFileTheConsoleWouldRefuse() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("orgdeck-info-\(UUID().uuidString)")
        let folder = home.appendingPathComponent("config/orgdeck/themes")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("description = \"unterminated\n".utf8).write(to: folder.appendingPathComponent("broken.toml"))
        try Data("theme = 12\n".utf8).write(to: home.appendingPathComponent("config/orgdeck/config.toml"))
        let environment = ["HOME": home.path, "XDG_CONFIG_HOME": home.path + "/config", "XDG_DATA_HOME": home.path + "/data",
                           "XDG_STATE_HOME": home.path + "/state"]
        let json = try CLI.run(["info", "--json"], environment: environment)
        let themes = try #require(json.object?["themes"] as? [[String: Any]], "\(json)")
        let broken = try #require(themes.first { $0["name"] as? String == "broken" })
        #expect((broken["problem"] as? String)?.contains("broken.toml:1: syntax error") == true, "\(broken)")
        #expect(themes.first { $0["name"] as? String == "nord" }?["problem"] == nil)
        #expect((json.object?["config_problem"] as? String)?.contains("config.toml:1: theme") == true, "\(json)")
        let human = try CLI.run(["info"], environment: environment)
        #expect(human.stdout.contains("broken.toml, broken)") && human.stdout.contains("broken theme:"), "\(human)")
        #expect(human.stdout.contains("config.toml — broken: "), "\(human)")
    }

    @Test func aBinaryCopiedToAnEmptyFolderHasEveryShippedTheme() throws {
        let binary = try #require(CLI.binary)
        let folder = Workspace.home.appendingPathComponent("bare-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let copy = folder.appendingPathComponent("orgdeck")
        try FileManager.default.copyItem(at: binary, to: copy)
        let process = Process()
        process.executableURL = copy
        process.arguments = ["info", "--json"]
        process.currentDirectoryURL = folder
        process.environment = ["HOME": folder.path, "XDG_DATA_DIRS": folder.path + "/share", "PATH": "/usr/bin:/bin"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let themes = try #require(object["themes"] as? [[String: String]])
        #expect(themes.map { $0["name"] ?? "" } == ["default", "high-contrast", "light", "mono", "nord", "solarized-dark"])
        #expect(themes.allSatisfy { $0["source"] == "built in" })
        #expect((object["theme_dirs"] as? [String]) == [folder.path + "/.config/orgdeck/themes", folder.path + "/share/orgdeck/themes"])
    }
}
