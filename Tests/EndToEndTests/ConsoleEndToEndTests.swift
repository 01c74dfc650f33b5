import Foundation
import OrgdeckCore
import Testing

/// The real binary in a real terminal (tmux): the demo, context switching, app lifecycle,
/// quitting cleanly, and changes from another process showing up.
@Suite(.serialized) struct ConsoleEndToEndTests {
    @Test func demoSwitchContextCreateFilterDeleteAndQuit() throws {
        let session = try TmuxSession(name: "flow")
        defer { session.close() }
        try session.start(["demo", "--reset"])
        try session.waitFor(text: "My Apps")
        try session.waitFor(text: "ada ▾")
        // The demo opens in the personal context; switch to the organization from the profile menu.
        // One keystroke: the letter shown beside the organization.
        try session.send("p")
        try session.waitFor(text: "Add an Organization")
        try session.waitFor(text: "a   Acme Robotics")
        try session.send("a")
        try session.waitFor(text: "switched to Acme Robotics")
        // Create an app.
        try session.send("n")
        try session.waitFor(text: "New app")
        try session.type("e2e-check")
        try session.send("Tab")
        try session.type("End to end check")
        try session.send("Enter")
        try session.waitFor(text: "created app e2e-check")
        // Filter down to it.
        try session.send("/")
        try session.type("e2e")
        try session.waitFor(text: "1/1 app")
        try session.send("Enter")
        // Delete it: the confirm dialog wants the ID typed.
        try session.send("d")
        try session.waitFor(text: "Type the app ID")
        try session.send("Enter")
        try session.waitFor(text: "type e2e-check exactly to confirm")
        try session.type("e2e-check")
        try session.send("Enter")
        try session.waitFor(text: "deleted app e2e-check")
        try session.waitFor("the empty filtered list") { $0.contains("No app matches") }
        // Quit: the process ends and the terminal leaves the alternate screen.
        try session.send("q")
        try session.waitForPane("pane_dead", toBe: "1")
        #expect(try session.pane("alternate_on") == "0")
        #expect(try session.exitStatus() == 0)
        #expect(try session.pane("alternate_on") == "0")
        let after = try session.screen()
        #expect(!after.contains("My Apps"), "the console's screen must be gone after quitting:\n\(after)")
    }

    @Test func signingInAgainLandsInTheLastContextAndPane() throws {
        let first = try TmuxSession(name: "leave")
        defer { first.close() }
        try first.start(["demo", "--reset"])
        try first.waitFor(text: "ada ▾")
        try first.send("p")
        try first.waitFor(text: "Add an Organization")
        try first.send("a")
        try first.waitFor(text: "switched to Acme Robotics")
        try first.send("4")
        try first.waitFor(text: "Acme Robotics settings")
        try first.send("q")
        try first.waitForPane("pane_dead", toBe: "1")

        let second = try TmuxSession(name: "return", sharing: first)
        defer { second.close() }
        try second.start([])
        try second.waitFor(text: "Sign in to orgdeck")
        try second.type("ada")
        try second.send("Tab")
        try second.type("orgdeck-demo")
        try second.send("Enter")
        let screen = try second.waitFor(text: "Acme Robotics settings")
        #expect(screen.contains("orgdeck ▸ Acme Robotics · Admin"), "back in the organization, on the Account pane:\n\(screen)")
    }

    @Test func anAppCreatedByTheCLIAppearsInTheOpenConsole() throws {
        let session = try TmuxSession(name: "live")
        defer { session.close() }
        try session.start(["demo", "--reset"])
        try session.waitFor(text: "My Apps")
        try session.send(":")
        try session.type("org acme")
        try session.send("Enter")
        try session.waitFor(text: "switched to Acme Robotics")
        let token = try session.cli(["tokens", "create", "--user", "ada", "--password-stdin"], stdin: "orgdeck-demo\n")
        #expect(token.status == 0, "\(token.stderr)")
        let secret = token.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let created = try session.cli(["apps", "create", "from-cli", "--name", "Made by a script", "--org", "acme"], token: secret)
        #expect(created.status == 0, "\(created.stderr)")
        try session.waitFor(text: "Made by a script", timeout: 15)
        try session.send("q")
        try session.waitForPane("pane_dead", toBe: "1")
    }

    @Test func sigtermRestoresTheTerminal() throws {
        let session = try TmuxSession(name: "term")
        defer { session.close() }
        try session.start(["demo", "--reset"])
        try session.waitFor(text: "My Apps")
        #expect(try session.pane("alternate_on") == "1")
        kill(try session.consolePID(), SIGTERM)
        #expect(try session.exitStatus() == 128 + SIGTERM)
        try session.waitForPane("pane_dead", toBe: "1")
        #expect(try session.pane("alternate_on") == "0")
    }

    /// The screen is started on another thread while the database opens; a start refused after
    /// that must still leave the terminal as the user had it: echo on, lines read normally,
    /// the error at the start of its line.
    @Test func aRefusedStartLeavesTheTerminalAsItWas() throws {
        let session = try TmuxSession(name: "refused")
        defer { session.close() }
        // Not a demo database: `orgdeck demo` refuses it after it has looked inside.
        _ = try OrgService.open(path: session.database.path)
        // The shell stays (sleep) so the window outlives the refusal and can be read.
        let script = "\(session.shellQuote(session.binary.path)) demo --db \(session.shellQuote(session.database.path)); "
            + "stty -a; exec sleep 60"
        try session.run(["/bin/sh", "-c", script], width: 240, height: 30)
        let screen = try session.waitFor(text: "min = ")
        let lines = screen.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("error: \(session.database.path) was not created by orgdeck demo") == true,
                "the error starts the screen, at column 0:\n\(screen)")
        #expect(lines.contains { $0.hasPrefix("speed ") }, "what follows starts its own line at column 0:\n\(screen)")
        let modes = Set(screen.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init))
        for mode in ["icanon", "echo", "isig", "icrnl", "onlcr"] {
            #expect(modes.contains(mode) && !modes.contains("-" + mode), "\(mode) is back on:\n\(screen)")
        }
        #expect(try session.pane("alternate_on") == "0")
    }

    /// A terminal that cannot place the cursor (TERM=dumb, what some CI and editor shells set)
    /// would draw every row on top of the last; no TERM at all is not an empty terminal type.
    /// Both are refused with what to do, and the terminal is left as it was.
    @Test(arguments: [
        (["env", "TERM=dumb"], "error: terminal type \"dumb\" cannot move the cursor"),
        (["env", "-u", "TERM"], "error: TERM is not set (try TERM=xterm-256color)"),
    ])
    func aTerminalThatCannotPlaceTheCursorIsRefused(prefix: [String], message: String) throws {
        let session = try TmuxSession(name: "dumb")
        defer { session.close() }
        let script = (prefix + [session.binary.path, "demo"]).map(session.shellQuote).joined(separator: " ")
            + "; echo status $?; stty -a; exec sleep 60"
        try session.run(["/bin/sh", "-c", script], width: 240, height: 30)
        let screen = try session.waitFor(text: "min = ")
        #expect(screen.hasPrefix(message), "the refusal starts the screen:\n\(screen)")
        #expect(screen.contains("status 1"))
        let modes = Set(screen.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init))
        for mode in ["icanon", "echo", "icrnl", "onlcr"] {
            #expect(modes.contains(mode) && !modes.contains("-" + mode), "\(mode) is back on:\n\(screen)")
        }
    }

    @Test func aTinyTerminalShowsTheTooSmallNoticeAndRecovers() throws {
        let session = try TmuxSession(name: "small")
        defer { session.close() }
        try session.start(["demo", "--reset"], width: 40, height: 10)
        try session.waitFor(text: "too small")
        try session.tmux(["resize-window", "-t", "main", "-x", "100", "-y", "30"])
        try session.waitFor(text: "My Apps")
        try session.send("q")
        try session.waitForPane("pane_dead", toBe: "1")
    }
}
