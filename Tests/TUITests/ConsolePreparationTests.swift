import Foundation
import Synchronization
import OrgdeckTerminal
import Testing
@testable import OrgdeckTUI

@Suite struct ConsolePreparationTests {
    @Test("read on its own thread, the config, keys and theme equal what is read in place, problems included")
    func threadMatchesInPlace() throws {
        let folder = NSTemporaryDirectory() + "orgdeck-preparation-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let good = folder + "/good.toml"
        try "theme = \"nord\"\nmouse = true\n[keys]\nnew = \"ctrl-n\"\n".write(toFile: good, atomically: true, encoding: .utf8)
        let bad = folder + "/bad.toml"
        try "[keys]\nnew = \"ctrl-nn\"\n".write(toFile: bad, atomically: true, encoding: .utf8)

        let locked = folder + "/locked.toml"
        try "read_only = true\n".write(toFile: locked, atomically: true, encoding: .utf8)
        // The config alone, before the keys and theme: what opening the database needs.
        #expect(ConsolePreparation.start(configPath: locked, theme: nil, themeDirectories: [], stateDirectory: folder).config().readOnly)

        let fromGood = ConsolePreparation.start(configPath: good, theme: nil, themeDirectories: [], stateDirectory: folder).wait()
        #expect(fromGood.config.mouse && fromGood.config.theme == "nord")
        #expect(fromGood.theme == (try Theme.load(named: "nord", searchPaths: [])))
        #expect(fromGood.problems.isEmpty)
        #expect(fromGood.keyMap.keys(for: .new) == ["ctrl-n"])

        // --theme wins over the file; an unknown theme and a bad key are reported, defaults kept.
        let overridden = ConsolePreparation.start(configPath: good, theme: "no-such-theme", themeDirectories: [], stateDirectory: folder)
        let result = overridden.wait()
        #expect(result.theme == Theme.builtin)
        #expect(result.problems.count == 1 && result.problems[0].contains("no-such-theme"))
        #expect(overridden.wait().problems == result.problems)  // a second wait returns at once
        let fromBad = ConsolePreparation.start(configPath: bad, theme: nil, themeDirectories: [], stateDirectory: folder).wait()
        #expect(fromBad.problems == ConsolePreparation.prepare(configPath: bad, theme: nil, themeDirectories: []).problems)
        #expect(fromBad.problems.first?.contains("ctrl-nn") == true)
    }

    @Test("without a terminal no screen is started ahead, so the console's own start says why")
    func noScreenWithoutATerminal() throws {
        let folder = NSTemporaryDirectory() + "orgdeck-preparation-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try #require(isatty(STDOUT_FILENO) == 0 || isatty(STDIN_FILENO) == 0, "tests run without a terminal")
        let prepared = ConsolePreparation.start(configPath: folder + "/none.toml", theme: nil, themeDirectories: [],
                                                stateDirectory: folder).wait()
        #expect(prepared.screen == nil)
        #expect(throws: TerminalError.self) { try CursesTerminal(mouse: false, colorDepthOverride: nil, prepared: prepared.screen) }
    }

    @Test("work started on the other core runs once, on a thread of its own")
    func otherCoreRunsOnce() throws {
        let ran = Mutex(0)
        let done = DispatchSemaphore(value: 0)
        let caller = pthread_self()
        let onOtherThread = Mutex(false)
        OtherCore.run {
            onOtherThread.withLock { $0 = pthread_equal(pthread_self(), caller) == 0 }
            ran.withLock { $0 += 1 }
            done.signal()
        }
        #expect(done.wait(timeout: .now() + 10) == .success)
        #expect(done.wait(timeout: .now() + 0.2) == .timedOut, "it runs once")
        #expect(ran.withLock { $0 } == 1)
        #expect(onOtherThread.withLock { $0 })
    }
}
