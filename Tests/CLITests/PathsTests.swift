import Foundation
import OrgdeckCore
import Testing

/// Resolution of every path from an environment (PRODUCT.md §2).
@Suite struct PathsTests {
    let home = ["HOME": "/home/ada"]

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

    @Test func shippedThemesAreFoundByWalkingUpFromTheExecutable() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("paths-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let bin = root.appendingPathComponent(".build/debug")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("themes"), withIntermediateDirectories: true)
        let elsewhere = root.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)

        let paths = Paths(environment: home, executablePath: bin.appendingPathComponent("orgdeck").path,
                          currentDirectory: elsewhere.path)
        #expect(paths.shippedThemes == [root.appendingPathComponent("themes").standardizedFileURL.path])

        let nothing = Paths(environment: home, executablePath: nil, currentDirectory: elsewhere.path)
        #expect(nothing.shippedThemes.isEmpty)
        let local = Paths(environment: home, executablePath: nil, currentDirectory: root.path)
        #expect(local.shippedThemes == [root.appendingPathComponent("themes").standardizedFileURL.path])
    }
}
