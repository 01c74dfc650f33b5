import Foundation
import OrgdeckCore
import OrgdeckTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A real `orgdeck serve` on 127.0.0.1 (a port the system picks) over a database of its own,
/// with accounts made in-process, each holding an Ed25519 key made by `ssh-keygen`; and the
/// real OpenSSH client to reach it.
final class SSHServerFixture {
    let home: URL
    let database: URL
    let binary: URL
    private(set) var port = 0
    private(set) var pid: pid_t = 0
    /// Each account's private key file, and one no account holds (`stranger`).
    private(set) var keys: [String: String] = [:]
    private(set) var fingerprints: [String: String] = [:]

    var environment: [String: String] { TmuxSession.privateEnvironment(home: home, database: database) }

    /// Makes the accounts and their keys, then starts the server with `arguments` added.
    init(users: [String], arguments: [String] = []) throws {
        guard let binary = TmuxSession.binaryURL else { throw E2EError("orgdeck binary not found near \(CommandLine.arguments[0])") }
        self.binary = binary
        home = FileManager.default.temporaryDirectory.appendingPathComponent("orgdeck-ssh-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home.appendingPathComponent("keys"), withIntermediateDirectories: true)
        database = home.appendingPathComponent("orgdeck.sqlite")
        let paths = Paths(environment: environment, currentDirectory: home.path)
        let service = try OrgService.open(path: database.path, options: .init(passwordRounds: 1_000, auditKey: paths.auditKey))
        for name in users + ["stranger"] {
            let path = home.appendingPathComponent("keys/\(name)").path
            let (line, fingerprint) = try TestSSHKeys.keygen(at: path, comment: "\(name)@laptop")
            keys[name] = path
            fingerprints[name] = fingerprint
            guard name != "stranger" else { continue }
            _ = try service.signUp(username: name, displayName: name.capitalized, email: "\(name)@example.com",
                                   password: "a long password", source: .cli)
            try service.addSSHKey(try service.signIn(login: name, password: "a long password", source: .cli), line: line)
        }
        try start(arguments)
    }

    private func start(_ arguments: [String]) throws {
        let output = home.appendingPathComponent("serve.out").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, home.appendingPathComponent("serve.err").path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = [binary.path, "serve", "--listen", "127.0.0.1:0"] + arguments
        let cargs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        let cenv: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (cargs + cenv).forEach { free($0) } }
        guard posix_spawn(&pid, binary.path, &actions, nil, cargs, cenv) == 0 else { throw E2EError("cannot start orgdeck serve") }
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
            if let range = text.range(of: #"listening on 127\.0\.0\.1:(\d+)"#, options: .regularExpression),
               let number = Int(text[range].split(separator: ":").last ?? "") {
                port = number
                return
            }
            usleep(50_000)
        }
        throw E2EError("orgdeck serve did not start: \((try? String(contentsOfFile: home.appendingPathComponent("serve.err").path, encoding: .utf8)) ?? "")")
    }

    /// The `ssh` command line signing in as `user` with `key`'s file (default: the user's own).
    func ssh(_ user: String, key: String? = nil, options: [String] = [], _ command: [String] = []) -> [String] {
        ["ssh", "-F", "/dev/null", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
         "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-o", "ConnectTimeout=20", "-i", keys[key ?? user] ?? "/dev/null",
         "-p", String(port)] + options + ["\(user)@127.0.0.1"] + command
    }

    /// Runs `ssh` to completion; its status, output and errors.
    func run(_ user: String, key: String? = nil, options: [String] = [], _ command: [String], stdin: String? = nil) throws
        -> (status: Int32, stdout: String, stderr: String) {
        try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"), ssh(user, key: key, options: options, command),
                             environment: environment, stdin: stdin)
    }

    /// The server's child processes (one per open session), from /proc.
    func sessionProcesses() -> [pid_t] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        return tasks.flatMap { task in
            ((try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/children", encoding: .utf8)) ?? "")
                .split(separator: " ").compactMap { pid_t($0) }
        }
    }

    /// Polls until the server holds `count` session processes.
    func waitForSessions(_ count: Int, timeout: TimeInterval = 30) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if sessionProcesses().count == count { return }
            usleep(50_000)
        }
        throw E2EError("the server holds \(sessionProcesses().count) session processes, not \(count)")
    }

    /// Signals the server; with `wait`, its exit status once it is gone (nil past the deadline).
    func signal(_ number: Int32, wait: Bool = true, timeout: TimeInterval = 30) -> Int32? {
        kill(pid, number)
        guard wait else { return nil }
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while Date() < deadline {
            if waitpid(pid, &status, WNOHANG) == pid {
                pid = 0
                return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
            }
            usleep(50_000)
        }
        return nil
    }

    /// The service on the same database, to read what the server recorded.
    func service() throws -> OrgService {
        try OrgService.open(path: database.path, options: .init(passwordRounds: 1_000, createIfMissing: false,
                                                                auditKey: Paths(environment: environment, currentDirectory: home.path).auditKey))
    }

    func close() {
        if pid > 0 {
            for child in sessionProcesses() { kill(child, SIGKILL) }
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        try? FileManager.default.removeItem(at: home)
    }
}
