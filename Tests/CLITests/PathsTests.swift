import Foundation
import OrgdeckCore
@testable import OrgdeckCLI
import Testing

/// Resolution of every path from an environment (PRODUCT.md §2).
@Suite struct PathsTests {
    let home = ["HOME": "/home/ada"]

    @Test func aPathUnderHomeIsWrittenFromTilde() {
        #expect(Paths.abbreviated("/home/ada/.config/orgdeck/config.toml", home: "/home/ada") == "~/.config/orgdeck/config.toml")
        #expect(Paths.abbreviated("/home/ada", home: "/home/ada/") == "~")
        #expect(Paths.abbreviated("/home/adam/x", home: "/home/ada") == "/home/adam/x", "a sibling folder is not home")
        #expect(Paths.abbreviated("/etc/x", home: "/") == "/etc/x" && Paths.abbreviated("/etc/x", home: "") == "/etc/x")
    }

    @Test func xdgDefaultsUnderHome() {
        let paths = Paths(environment: home, currentDirectory: "/work")
        #expect(paths.database == "/home/ada/.local/share/orgdeck/orgdeck.sqlite")
        #expect(paths.demoDatabase == "/home/ada/.local/share/orgdeck/demo.sqlite")
        #expect(!paths.databaseIsExplicit)
        #expect(paths.configFile == "/home/ada/.config/orgdeck/config.toml")
        #expect(paths.userThemes == "/home/ada/.config/orgdeck/themes")
        #expect(paths.stateDirectory == "/home/ada/.local/state/orgdeck")
        #expect(paths.logFile == "/home/ada/.local/state/orgdeck/orgdeck.log")
        #expect(paths.themeDirectories.first == paths.userThemes)
    }

    @Test func xdgVariablesWinAndRelativeOnesAreIgnored() {
        let env = home.merging(["XDG_DATA_HOME": "/data", "XDG_CONFIG_HOME": "relative/config",
                                "XDG_STATE_HOME": "/state"]) { $1 }
        let paths = Paths(environment: env, currentDirectory: "/work")
        #expect(paths.database == "/data/orgdeck/orgdeck.sqlite")
        #expect(paths.configFile == "/home/ada/.config/orgdeck/config.toml")
        #expect(paths.logFile == "/state/orgdeck/orgdeck.log")
    }

    @Test func databaseOptionThenEnvironment() {
        let env = home.merging(["ORGDECK_DB": "~/env.sqlite"]) { $1 }
        let fromEnv = Paths(environment: env, currentDirectory: "/work")
        #expect(fromEnv.database == "/home/ada/env.sqlite")
        #expect(fromEnv.demoDatabase == fromEnv.database, "an explicit database is also the demo's")
        #expect(fromEnv.databaseIsExplicit)

        let fromOption = Paths(environment: env, databaseOverride: "dbs/../x.sqlite", currentDirectory: "/work")
        #expect(fromOption.database == "/work/x.sqlite")
    }

    @Test func systemThemeFoldersComeFromXDGDataDirs() {
        #expect(Paths(environment: home, currentDirectory: "/work").systemThemes
            == ["/usr/local/share/orgdeck/themes", "/usr/share/orgdeck/themes"])
        let env = home.merging(["XDG_DATA_DIRS": "/opt/share:relative:/srv/share"]) { $1 }
        let paths = Paths(environment: env, currentDirectory: "/work")
        #expect(paths.systemThemes == ["/opt/share/orgdeck/themes", "/srv/share/orgdeck/themes"], "relative entries are ignored")
        #expect(paths.themeDirectories == [paths.userThemes] + paths.systemThemes)
    }

    @Test func theAuditKeyLivesOutsideTheDatabaseAndCanBeMoved() {
        let paths = Paths(environment: home, currentDirectory: "/work")
        #expect(paths.auditKey.keyFile == "/home/ada/.local/share/orgdeck/audit.key")
        #expect(paths.auditKey.anchorDirectory == "/home/ada/.local/share/orgdeck/audit-anchors")
        let moved = Paths(environment: home.merging(["ORGDECK_AUDIT_KEY": "/secure/orgdeck.key"]) { $1 }, currentDirectory: "/work")
        #expect(moved.auditKey.keyFile == "/secure/orgdeck.key")
        #expect(moved.auditKey.anchorDirectory == "/secure/audit-anchors")
        #expect(!paths.auditKey.adoptNewKey && !moved.auditKey.adoptNewKey, "a new key is adopted only when asked")
        #expect(Paths(environment: home.merging(["ORGDECK_AUDIT_NEW_KEY": "1"]) { $1 }, currentDirectory: "/work").auditKey.adoptNewKey)
        // A server's sessions find the key where the server does, and adopt a new one as it does.
        let passed = ServeCommand.passedOn(["ORGDECK_AUDIT_KEY": "/k", "ORGDECK_AUDIT_NEW_KEY": "1", "ORGDECK_TOKEN": "secret"])
        #expect(passed == ["ORGDECK_AUDIT_KEY": "/k", "ORGDECK_AUDIT_NEW_KEY": "1"])
    }
}
