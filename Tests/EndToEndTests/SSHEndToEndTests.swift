import Foundation
import OrgdeckCore
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `orgdeck serve` against the real OpenSSH client (PRODUCT.md §12): the console reached with a
/// registered key at the client's size, resizes followed; refusals; exec commands with their
/// output and status; many sessions at once, each its own user and process; a killed session
/// or client touching no other; SIGTERM giving every client its terminal back.
@Suite(.serialized) struct SSHEndToEndTests {
    @Test func aRegisteredKeyReachesTheConsoleAtItsSizeAndResizesFollow() throws {
        let server = try SSHServerFixture(users: ["sam"])
        defer { server.close() }
        let terminal = try TmuxSession(name: "ssh-console")
        defer { terminal.close() }
        try terminal.run(server.ssh("sam"), width: 100, height: 30)
        let first = try terminal.waitFor(text: "sam ▾")
        let header = try #require(first.split(separator: "\n").first)
        #expect(header.hasPrefix(" orgdeck ▸ sam · personal") && header.hasSuffix("sam ▾") && header.count == 99)

        // The tmux window grows: the client's window-change reaches the console's terminal.
        try terminal.tmux(["resize-window", "-t", "main", "-x", "140", "-y", "40"])
        try terminal.waitFor("the header drawn 140 wide") { screen in
            screen.split(separator: "\n").first.map { $0.hasSuffix("sam ▾") && $0.count == 139 } ?? false
        }
        try terminal.send("6")
        try terminal.waitFor(text: "SSH keys")
        try terminal.send("q")
        #expect(try terminal.exitStatus() == 0)
        #expect(try terminal.pane("alternate_on") == "0")
        try server.waitForSessions(0)

        // Sign-in and session end are in the audit log with the key and the address.
        let service = try server.service()
        let sam = try service.signIn(login: "sam", password: "a long password", source: .cli)
        let signIn = try #require(try service.signInHistory(sam).first { $0.action == "user.ssh_signin" })
        #expect(signIn.details.hasPrefix("key \(server.fingerprints["sam"]!) from 127.0.0.1 port "))
        let ended = try service.auditEntries(sam, in: .personal, offset: 0, limit: 50).items.filter { $0.action == "user.ssh_session_end" }
        #expect(ended.count == 1 && ended[0].details.contains("session ended, exit 0"))
    }

    @Test func anUnknownKeyAPasswordAndAnotherUsersNameAreRefusedAndAudited() throws {
        let server = try SSHServerFixture(users: ["sam", "kim"])
        defer { server.close() }
        let stranger = try server.run("sam", key: "stranger", ["apps", "list"])
        #expect(stranger.status == 255 && stranger.stderr.contains("Permission denied (publickey)"))
        let borrowed = try server.run("kim", key: "sam", ["apps", "list"])
        #expect(borrowed.status == 255 && borrowed.stderr.contains("Permission denied (publickey)"))
        let nobody = try server.run("nobody", key: "sam", ["apps", "list"])
        // The same answer whether the name exists or not.
        #expect(nobody.status == 255 && nobody.stderr == borrowed.stderr.replacingOccurrences(of: "kim@", with: "nobody@"))
        let password = try server.run("sam", options: ["-o", "PubkeyAuthentication=no", "-o", "PreferredAuthentications=password,keyboard-interactive"],
                                      ["apps", "list"])
        #expect(password.status == 255 && password.stderr.contains("Permission denied (publickey)"))

        let service = try server.service()
        let sam = try service.signIn(login: "sam", password: "a long password", source: .cli)
        let refused = try service.signInHistory(sam).filter { $0.action == "user.ssh_refused" }
        #expect(refused.count == 1 && refused[0].outcome == "denied")
        #expect(refused[0].details.hasPrefix("key \(server.fingerprints["stranger"]!) from 127.0.0.1 port "))
        let kim = try service.signIn(login: "kim", password: "a long password", source: .cli)
        #expect(try service.signInHistory(kim).contains { $0.action == "user.ssh_refused" && $0.details.contains(server.fingerprints["sam"]!) })
        #expect(try service.signInHistory(sam).allSatisfy { $0.action != "user.ssh_signin" })
    }

    @Test func anExecRequestRunsOneCommandWithItsOutputAndStatus() throws {
        let server = try SSHServerFixture(users: ["sam"])
        defer { server.close() }
        let created = try server.run("sam", ["apps", "create", "support", "--name", "'Support desk'"])
        #expect(created.status == 0 && created.stdout == "created app support\n", "\(created.stderr)")
        let listed = try server.run("sam", ["apps", "list", "--json"])
        #expect(listed.status == 0)
        let apps = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        #expect(apps.map { $0["id"] as? String } == ["support"] && apps.first?["name"] as? String == "Support desk")
        // A failing command's status and message reach the client.
        let missing = try server.run("sam", ["apps", "show", "nope"])
        #expect(missing.status == 5 && missing.stderr == "error: no app nope in your personal account\n" && missing.stdout.isEmpty)
        // Standard input reaches the command, and its end too.
        let upload = try server.run("sam", ["inputs", "upload", "support", "-", "--format", "jsonl"],
                                    stdin: "{\"text\":\"refund please\"}\n{\"text\":\"where is my order\"}\n")
        #expect(upload.status == 0 && upload.stdout.hasPrefix("2 added"), "\(upload.stderr)")
        // What is not run over SSH says why, with a usage status.
        let console = try server.run("sam", ["console"])
        #expect(console.status == 2 && console.stderr.contains("'console' is not run over SSH"))
        let otherDatabase = try server.run("sam", ["apps", "list", "--db", "/tmp/other.sqlite"])
        #expect(otherDatabase.status == 2 && otherDatabase.stderr.contains("--db is not taken"))
        let serverFile = try server.run("sam", ["inputs", "upload", "support", "/etc/passwd"])
        #expect(serverFile.status == 2 && serverFile.stderr.contains("reads and writes no file on its server"))
        // Without a terminal the console is refused rather than drawn into a pipe.
        let noTerminal = try server.run("sam", options: ["-T"], [])
        #expect(noTerminal.status == 2 && noTerminal.stderr.contains("the console needs a terminal"))
        try server.waitForSessions(0)
    }

    @Test func twentySessionsEachSeeTheirOwnUserAndNoneIsTouchedByAnothersEnd() throws {
        let users = (1...20).map { String(format: "user%02d", $0) }
        let server = try SSHServerFixture(users: users)
        defer { server.close() }
        let terminals = try users.map { user in
            let terminal = try TmuxSession(name: "ssh-\(user)")
            try terminal.run(server.ssh(user), width: 100, height: 30)
            return terminal
        }
        defer { terminals.forEach { $0.close() } }
        for (user, terminal) in zip(users, terminals) {
            let screen = try terminal.waitFor(text: "\(user) ▾", timeout: 60)
            #expect(screen.hasPrefix(" orgdeck ▸ \(user) · personal"))
        }
        try server.waitForSessions(20)

        // One session's process killed outright: only its client sees the end, its terminal put back.
        let victim = server.sessionProcesses()[7]
        kill(victim, SIGKILL)
        try server.waitForSessions(19)
        let ended = try terminals.enumerated().filter { _, terminal in (try? terminal.exitStatus(timeout: 0.2)) != nil }
        #expect(ended.count == 1)
        let dead = try #require(ended.first)
        #expect(try dead.element.exitStatus() == 137 && (try dead.element.pane("alternate_on")) == "0")

        // A client that vanishes (its ssh killed) takes its session's process with it.
        let gone = (dead.offset + 1) % terminals.count
        let client = try terminals[gone].consolePID()
        kill(client, SIGKILL)
        try server.waitForSessions(18)

        // Every other session still answers its keys.
        for (index, terminal) in terminals.enumerated() where index != dead.offset && index != gone {
            try terminal.send("4")
            try terminal.waitFor(text: "Your profile")
        }
    }

    @Test func sigtermEndsEverySessionAndGivesEachClientItsTerminalBack() throws {
        let server = try SSHServerFixture(users: ["sam", "kim", "lee"])
        defer { server.close() }
        let terminals = try ["sam", "kim", "lee"].map { user in
            let terminal = try TmuxSession(name: "ssh-term-\(user)")
            try terminal.run(["sh", "-c", "echo before-\(user); exec \"$@\"", "sh"] + server.ssh(user), width: 90, height: 26)
            try terminal.waitFor(text: "\(user) ▾")
            #expect(try terminal.pane("alternate_on") == "1")
            return terminal
        }
        defer { terminals.forEach { $0.close() } }
        try server.waitForSessions(3)
        #expect(server.signal(SIGTERM) == 0)
        for (user, terminal) in zip(["sam", "kim", "lee"], terminals) {
            _ = try terminal.exitStatus()
            #expect(try terminal.pane("alternate_on") == "0")
            // The normal screen is back, with the shell's line from before the console (tmux may
            // have scrolled it into the pane's history when it marked the pane dead).
            #expect(try terminal.tmux(["capture-pane", "-p", "-S", "-", "-t", "main"]).contains("before-\(user)\n"))
        }
        // No session process outlives the server.
        let left = try FileManager.default.contentsOfDirectory(atPath: "/proc").compactMap { pid_t($0) }.filter { pid in
            let command = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/cmdline"))) ?? Data()
            return String(decoding: command, as: UTF8.self).contains(server.database.path)
        }
        #expect(left.isEmpty)
    }
}

/// Clients that are not SSH clients, or stop half-way, against the same server: each is closed
/// or held without touching a real user's session.
@Suite(.serialized) struct SSHHostileClientTests {
    /// A TCP connection to the server, with a receive timeout.
    final class RawClient {
        let fd: Int32

        init(port: Int) throws {
            fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else { throw E2EError("cannot connect to port \(port)") }
            var timeout = timeval(tv_sec: 10, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        }

        func send(_ bytes: [UInt8]) { _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } }

        /// Reads until the server closes the connection (true) or the timeout passes (false).
        func closedByServer() -> Bool {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if count == 0 { return true }
                if count < 0 { return errno == ECONNRESET }
            }
        }

        deinit { close(fd) }
    }

    @Test func garbageSilenceAndBrokenPacketsTouchNoRealSession() throws {
        let server = try SSHServerFixture(users: ["sam"])
        defer { server.close() }
        // Connections that say nothing, held open.
        let silent = try (0..<30).map { _ in try RawClient(port: server.port) }
        // Not SSH at all.
        let http = try RawClient(port: server.port)
        http.send(Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        // A proper banner, then a packet whose length is absurd.
        let broken = try RawClient(port: server.port)
        broken.send(Array("SSH-2.0-hostile\r\n".utf8) + [0xff, 0xff, 0xff, 0xf0] + [UInt8](repeating: 0x41, count: 512))
        // A banner, then bytes that never make a packet, a byte at a time.
        let slow = try RawClient(port: server.port)
        slow.send(Array("SSH-2.0-slow\r\n".utf8) + [0x00, 0x00])

        #expect(http.closedByServer())
        #expect(broken.closedByServer())
        // Meanwhile a real user signs in and works.
        let listed = try server.run("sam", ["apps", "list", "--json"])
        #expect(listed.status == 0 && listed.stdout == "[]\n", "\(listed.stderr)")
        let terminal = try TmuxSession(name: "ssh-hostile")
        defer { terminal.close() }
        try terminal.run(server.ssh("sam"))
        try terminal.waitFor(text: "sam ▾")
        try terminal.send("q")
        #expect(try terminal.exitStatus() == 0)
        _ = silent
        _ = slow
        #expect(kill(server.pid, 0) == 0)
    }

    @Test func theSessionLimitRefusesOneMoreWithAClearMessage() throws {
        let server = try SSHServerFixture(users: ["sam"], arguments: ["--max-sessions", "2"])
        defer { server.close() }
        let terminals = try (0..<2).map { index in
            let terminal = try TmuxSession(name: "ssh-limit-\(index)")
            try terminal.run(server.ssh("sam"))
            try terminal.waitFor(text: "sam ▾")
            return terminal
        }
        defer { terminals.forEach { $0.close() } }
        let third = try server.run("sam", ["apps", "list"])
        #expect(third.status == 1 && third.stderr.contains("the server holds its most sessions (2); try again soon"))
        try terminals[0].send("q")
        #expect(try terminals[0].exitStatus() == 0)
        try server.waitForSessions(1)
        #expect(try server.run("sam", ["apps", "list", "--json"]).status == 0)
    }
}
