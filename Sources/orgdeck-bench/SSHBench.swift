import Foundation
import OrgdeckCore

#if canImport(Glibc)
import Glibc
#endif

/// `orgdeck serve` measured with the real OpenSSH client on this machine: connect to first frame
/// beside the local first frame, memory per open session, and the most sessions held open while
/// a keystroke in one of them still draws within 16 ms. Client, server and consoles share the
/// machine's cores, as they would on a small server with its users on it.
enum SSHBench {
    /// A console reached over SSH and kept open on a pseudo-terminal of its own.
    final class Held {
        let master: Int32
        let pid: pid_t
        /// The next key moves down (j) or back up (k): every key changes the frame.
        private var down = true

        init(_ arguments: [String], environment: [String: String]) throws {
            let (master, pid, start) = try PtyRun.spawn(arguments, environment: environment)
            self.master = master
            self.pid = pid
            guard PtyRun.waitFor("help", on: master, since: start, timeout: 30).0 != nil else {
                close()
                throw PtyRun.Failure(description: "a session showed no first frame")
            }
        }

        /// Seconds from a cursor key written to the first byte of the frame it causes.
        func keystroke() -> Double? {
            let key = down ? "j" : "k"
            down.toggle()
            var buffer = [UInt8](repeating: 0, count: 65_536)
            // What an earlier frame still had to say is not this key's answer.
            while true {
                var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
                guard poll(&poller, 1, 0) > 0, read(master, &buffer, buffer.count) > 0 else { break }
            }
            let start = DispatchTime.now().uptimeNanoseconds
            _ = key.withCString { write(master, $0, strlen($0)) }
            var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 2_000) > 0 else { return nil }
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            _ = read(master, &buffer, buffer.count)
            return elapsed
        }

        func close() {
            kill(pid, SIGTERM)
            PtyRun.drain(master, pid: pid)
            Glibc.close(master)
        }
    }

    static func run(binary: String, database: String, folder: String, environment: [String: String], localFirst: Double) throws {
        let key = folder + "/ssh_bench_key"
        if !FileManager.default.fileExists(atPath: key) {
            try launch(["/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "bench", "-f", key])
        }
        let service = try OrgService.open(path: database)
        let ada = Session(user: try service.user(username: DemoAccounts.admin), source: .cli)
        if try !service.sshKeys(ada).contains(where: { $0.comment == "bench" }) {
            try service.addSSHKey(ada, line: try String(contentsOfFile: key + ".pub", encoding: .utf8))
        }
        let (server, port) = try startServer(binary: binary, database: database, folder: folder, environment: environment)
        defer { server.terminate(); server.waitUntilExit() }
        let ssh = ["/usr/bin/ssh", "-F", "/dev/null", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                   "-o", "LogLevel=ERROR", "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-i", key, "-p", String(port), "-t",
                   "\(DemoAccounts.admin)@127.0.0.1"]

        let connects = try (0..<50).map { _ in try PtyRun.timeToMarker(ssh, environment: environment, marker: "help", quit: "q", timeout: 30) }
        say("")
        say("orgdeck serve with the OpenSSH client, 127.0.0.1 (demo database)")
        say("  connect to first frame  p50 \(ms(percentile(connects, 0.5)))   p99 \(ms(percentile(connects, 0.99)))"
            + "   (50 connections; local first frame \(ms(localFirst)))")

        // Memory: the server's own growth per session, and each session's console process.
        let before = kibibytes(server.processIdentifier, "VmRSS")
        var held = try (0..<10).map { _ in try Held(ssh, environment: environment) }
        let serverPerSession = Double(kibibytes(server.processIdentifier, "VmRSS") - before) / 10 / 1024
        let consoles = children(of: server.processIdentifier)
        let rss = consoles.map { Double(kibibytes($0, "VmRSS")) }.reduce(0, +) / Double(max(consoles.count, 1)) / 1024
        let pss = consoles.map { Double(smapsRollup($0, "Pss")) }.reduce(0, +) / Double(max(consoles.count, 1)) / 1024
        say(String(format: "  memory per open session            server +%.2f MiB; its console process %.1f MiB resident (%.1f MiB its own share)",
                   serverPerSession, rss, pss))

        // Sessions held open, more and more: a keystroke in one of them, in turn, must still draw within 16 ms.
        var best = 0
        for level in [10, 16, 32, 64, 96, 128, 192, 256] {
            do {
                while held.count < level { held.append(try Held(ssh, environment: environment)) }
            } catch {
                say("  \(held.count + 1) sessions could not be opened: \(error)")
                break
            }
            let samples = (0..<40).compactMap { index in held[index * 7 % held.count].keystroke() }
            let p99 = percentile(samples, 0.99)
            say("  \(String(format: "%3d", level)) sessions open: keystroke to frame p50 \(ms(percentile(samples, 0.5)))   p99 \(ms(p99))"
                + (samples.count < 40 ? "   (\(40 - samples.count) keys unanswered)" : ""))
            guard p99 <= 0.016, samples.count == 40 else { break }
            best = level
        }
        say("  most sessions with every keystroke drawn within 16 ms (p99): \(best)\(best == 256 ? " or more (the most tried)" : "")")
        held.forEach { $0.close() }
    }

    /// Starts `orgdeck serve` on a free port with room for every session tried.
    static func startServer(binary: String, database: String, folder: String, environment: [String: String]) throws -> (Process, Int) {
        let server = Process()
        server.executableURL = URL(fileURLWithPath: binary)
        server.arguments = ["serve", "--listen", "127.0.0.1:0", "--db", database, "--host-key", folder + "/ssh_host_key",
                            "--max-sessions", "400"]
        server.environment = environment
        let output = Pipe()
        server.standardOutput = output
        server.standardError = FileHandle.nullDevice
        try server.run()
        var text = ""
        while !text.contains("\n"), case let data = output.fileHandleForReading.availableData, !data.isEmpty {
            text += String(decoding: data, as: UTF8.self)
        }
        guard let range = text.range(of: #"127\.0\.0\.1:\d+"#, options: .regularExpression),
              let port = Int(text[range].split(separator: ":")[1]) else {
            server.terminate()
            throw PtyRun.Failure(description: "orgdeck serve did not start: \(text)")
        }
        return (server, port)
    }

    static func launch(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        try process.run()
        process.waitUntilExit()
    }

    /// A `/proc/PID/status` figure in KiB (VmRSS).
    static func kibibytes(_ pid: pid_t, _ field: String) -> Int { procField("/proc/\(pid)/status", field) }

    /// A `/proc/PID/smaps_rollup` figure in KiB (Pss: pages shared with N processes count 1/N).
    static func smapsRollup(_ pid: pid_t, _ field: String) -> Int { procField("/proc/\(pid)/smaps_rollup", field) }

    static func procField(_ path: String, _ field: String) -> Int {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }) else { return 0 }
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }

    static func children(of pid: pid_t) -> [pid_t] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        return tasks.flatMap { task in
            ((try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/children", encoding: .utf8)) ?? "")
                .split(separator: " ").compactMap { pid_t($0) }
        }
    }
}
