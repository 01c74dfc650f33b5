import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// Drives the real `orgdeck` binary inside a private tmux server: type keys, read the screen.
/// Waits poll `capture-pane` against a deadline; nothing sleeps a fixed time and hopes.
final class TmuxSession {
    let socket: String
    let home: URL
    let binary: URL
    let database: URL

    static let binaryURL: URL? = {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = folder.appendingPathComponent("orgdeck")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        return nil
    }()

    /// Whether `close()` removes the home folder (not when it is borrowed from another session).
    let ownsHome: Bool

    /// A new session with its own private home, or — with `sharing` — a second terminal on the
    /// same home and database (another SSH session on the same server).
    init(name: String, sharing other: TmuxSession? = nil) throws {
        guard let binary = Self.binaryURL else { throw E2EError("orgdeck binary not found near \(CommandLine.arguments[0])") }
        self.binary = binary
        socket = "orgdeck-e2e-\(name)-\(getpid())"
        if let other {
            home = other.home
            ownsHome = false
        } else {
            home = FileManager.default.temporaryDirectory.appendingPathComponent("orgdeck-e2e-\(name)-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
            ownsHome = true
        }
        database = home.appendingPathComponent("demo.sqlite")
    }

    /// The environment every process of the test gets: a private HOME and XDG folders.
    var environment: [String: String] {
        Self.privateEnvironment(home: home, database: database).merging(["TERM": "xterm-256color"]) { $1 }
    }

    /// A private HOME with its XDG folders under it, `database` as the default database, and
    /// the caller's PATH: what an orgdeck process of a test sees of the machine.
    static func privateEnvironment(home: URL, database: URL) -> [String: String] {
        [
            "HOME": home.path,
            "XDG_DATA_HOME": home.appendingPathComponent("data").path,
            "XDG_CONFIG_HOME": home.appendingPathComponent("config").path,
            "XDG_STATE_HOME": home.appendingPathComponent("state").path,
            "ORGDECK_DB": database.path,
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "LANG": "C.UTF-8",
        ]
    }

    /// Starts `orgdeck arguments…` in a detached 100×30 window that stays after the process exits.
    func start(_ arguments: [String], width: Int = 100, height: Int = 30) throws {
        try run([binary.path] + arguments, width: width, height: height)
    }

    /// Starts any program (`ssh …`) with this session's environment in the detached window.
    func run(_ argv: [String], width: Int = 100, height: Int = 30) throws {
        let exports = environment.map { "\($0.key)=\(shellQuote($0.value))" }.joined(separator: " ")
        // The pane's shell writes the console's exit status to a file: tmux's pane_dead_status
        // is not always filled, and text printed just before the pane dies can be lost.
        let command = "env -i \(exports) " + argv.map(shellQuote).joined(separator: " ") + "; echo $? > \(shellQuote(exitStatusPath))"
        _ = try tmux(["-f", "/dev/null", "new-session", "-d", "-s", "main", "-x", "\(width)", "-y", "\(height)", command])
        _ = try tmux(["set-option", "-t", "main", "remain-on-exit", "on"])
    }

    /// Sends keys as tmux names them (`Enter`, `Escape`, `C-c`) or literal text with `literal`.
    func send(_ keys: String..., literal: Bool = false) throws {
        _ = try tmux(["send-keys", "-t", "main"] + (literal ? ["-l"] : []) + keys)
    }

    func type(_ text: String) throws { try send(text, literal: true) }

    /// The visible screen as text.
    func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", "main"]) }

    /// A pane variable, e.g. `pane_dead`, `alternate_on`.
    func pane(_ variable: String) throws -> String {
        try tmux(["display-message", "-p", "-t", "main", "#{\(variable)}"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Polls the screen until `predicate` holds or the deadline passes; returns the last screen.
    @discardableResult
    func waitFor(_ what: String, timeout: TimeInterval = 30, _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if predicate(last) { return last }
            usleep(50_000)
        }
        throw E2EError("timed out waiting for \(what); screen was:\n\(last)")
    }

    @discardableResult
    func waitFor(text: String, timeout: TimeInterval = 30) throws -> String {
        try waitFor("\"\(text)\"", timeout: timeout) { $0.contains(text) }
    }

    /// Where the pane's shell writes the console's exit status.
    var exitStatusPath: String { home.appendingPathComponent("exit-status-\(socket)").path }

    /// The console's exit status once it has exited, polled against a deadline.
    func exitStatus(timeout: TimeInterval = 20) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: exitStatusPath, encoding: .utf8),
               let status = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) { return status }
            usleep(50_000)
        }
        throw E2EError("the console did not exit")
    }

    /// The process the pane's shell is running (the console), from /proc.
    func consolePID() throws -> pid_t {
        let shell = try pane("pane_pid")
        let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
        guard let child = children.split(separator: " ").first.flatMap({ pid_t($0) }) else {
            throw E2EError("no console process under the pane's shell \(shell)")
        }
        return child
    }

    /// Polls a pane variable until it has `value`.
    func waitForPane(_ variable: String, toBe value: String, timeout: TimeInterval = 20) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try pane(variable) == value { return }
            usleep(50_000)
        }
        throw E2EError("timed out waiting for \(variable) = \(value)")
    }

    /// Runs the CLI to completion with this session's environment.
    func cli(_ arguments: [String], stdin: String? = nil, token: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        var env = environment
        if let token { env["ORGDECK_TOKEN"] = token }
        return try ChildProcess.run(binary, arguments, environment: env, stdin: stdin)
    }

    func close() {
        _ = try? tmux(["kill-server"])
        if ownsHome { try? FileManager.default.removeItem(at: home) }
    }

    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let outPath = home.appendingPathComponent("tmux-\(UUID().uuidString).out").path
        defer { unlink(outPath) }
        let status = Self.spawn(["tmux", "-L", socket] + arguments, stdoutPath: outPath)
        guard status == 0 else {
            throw E2EError("tmux \(arguments.joined(separator: " ")) failed with \(status)")
        }
        return (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    }

    /// Runs a command to completion with stdout in a file, through posix_spawn and waitpid.
    /// Foundation's `Process` is not used here: `new-session` forks the tmux server, which keeps
    /// descriptors `Process` watches, so `waitUntilExit` never returned.
    static func spawn(_ argv: [String], stdoutPath: String) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // Start the tmux server with default signal handling and nothing blocked, as a shell
        // would: the test runner's own mask must not leak into the console under test.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid = pid_t()
        let cargs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { cargs.forEach { free($0) } }
        guard posix_spawnp(&pid, argv[0], &actions, &attributes, cargs, environ) == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return (status >> 8) & 0xff
    }

    func shellQuote(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}

struct E2EError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
