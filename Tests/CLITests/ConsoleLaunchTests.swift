import Testing
@testable import OrgdeckCLI

/// The console's start reads its common arguments by hand; it must agree with the full parser
/// on every form it accepts and hand everything else over.
@Suite("Console launch arguments")
struct ConsoleLaunchTests {
    /// What argument-parser makes of `arguments`, as a launch.
    static func parsed(_ arguments: [String]) throws -> ConsoleLaunch? {
        let command = try OrgdeckCommand.parseAsRoot(arguments)
        if let console = command as? ConsoleCommand { return console.flags.launch(.signIn, database: console.global.db) }
        if let demo = command as? DemoCommand { return demo.flags.launch(.demo, database: demo.global.db, reset: demo.reset) }
        return nil
    }

    @Test("the common forms are read by hand exactly as argument-parser reads them", arguments: [
        [], ["console"], ["demo"], ["--readonly"], ["--no-mouse", "--theme", "nord"],
        ["demo", "--reset", "--db", "/tmp/x.sqlite"], ["demo", "--db=/tmp/a b.sqlite", "--mouse", "--readonly"],
        ["console", "--theme=solarized-light", "--db", "relative.sqlite"],
    ])
    func agrees(arguments: [String]) throws {
        let quick = try #require(ConsoleLaunch.quick(arguments))
        #expect(quick == (try Self.parsed(arguments)))
    }

    @Test("the fields land where they belong")
    func fields() throws {
        let launch = try #require(ConsoleLaunch.quick(["demo", "--db=/tmp/d.sqlite", "--theme", "nord", "--no-mouse",
                                                       "--readonly", "--reset"]))
        #expect(launch == ConsoleLaunch(kind: .demo, database: "/tmp/d.sqlite", theme: "nord", readonly: true,
                                        mouse: false, reset: true))
        #expect(ConsoleLaunch.quick([]) == ConsoleLaunch(kind: .signIn))
    }

    @Test("anything else goes to the full parser", arguments: [
        ["--help"], ["demo", "--help"], ["-h"], ["--json"], ["demo", "--org", "acme"], ["orgs", "list"], ["help"],
        ["--db"], ["--db", ""], ["--db", "--readonly"], ["--theme="], ["--readonly", "--readonly"],
        ["--mouse", "--no-mouse"], ["--reset"], ["console", "--reset"], ["--readonly=yes"], ["console", "demo"],
        ["--db", "x", "demo"], ["demo", "extra"], ["--bogus"],
    ])
    func handsOver(arguments: [String]) {
        #expect(ConsoleLaunch.quick(arguments) == nil)
    }
}
