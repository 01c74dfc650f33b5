import COrgdeckPTY
import Foundation
import OrgdeckCore
#if canImport(Glibc)
import Glibc
#endif

/// One SSH session's process: the orgdeck console on a fresh pseudo-terminal, or one scripting
/// command on pipes, signed in by a ticket written to an inherited pipe (its descriptor 3), in a
/// session of its own so a signal reaches it and everything it started. Its output is read on a
/// thread of its own and handed to `output`; `finished` hears its exit status once it is gone
/// and its output drained. Input is written on a serial queue, so a child that stops reading
/// holds up only its own session.
final class SessionProcess: @unchecked Sendable {
    enum Stream { case stdout, stderr }

    let pid: pid_t
    /// The pseudo-terminal's master, or the pipe to the command's standard input.
    private let input: Int32
    private let master: Int32?
    private let writes = DispatchQueue(label: "orgdeck.session.input")
    private let lock = NSLock()
    private var inputClosed = false
    /// Guards the five below; never held across a write, which may block (only across a signal or an ioctl).
    private let counts = NSLock()
    private var pendingInput = 0
    private var drained: (@Sendable () -> Void)?
    /// The process's output has ended: writes still waiting give up.
    private var ended = false
    /// The process has exited (it is about to be reaped): its pid is no longer ours to signal.
    private var reaped = false
    /// The terminal's master is closed: its number may be another file's.
    private var masterClosed = false
    let startedAt = Date()
    /// The process's own temporary folder (its `TMPDIR`), removed once it has exited: a copy of
    /// standard input an upload keeps there cannot outlive a session the client dropped.
    let temporary: URL

    /// How session folders are named: the serving process's ID, then a random part.
    static let folderPrefix = "orgdeck-session-"

    /// Removes the session folders in `folder` whose server is gone: a server killed outright
    /// (SIGKILL, a crash) could not remove its sessions' folders, which may hold copies of
    /// uploaded data. A folder of a server still running is left alone, and so is anything
    /// that is not a real folder of this user's (a shared /tmp holds other users' names too).
    static func removeLeftovers(in folder: URL = FileManager.default.temporaryDirectory) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names where name.hasPrefix(folderPrefix) {
            let rest = name.dropFirst(folderPrefix.count)
            guard let dash = rest.firstIndex(of: "-"), let pid = pid_t(rest[..<dash]), pid > 0 else { continue }
            let path = folder.appendingPathComponent(name)
            var info = stat()
            guard lstat(path.path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, info.st_uid == geteuid() else { continue }
            // ESRCH: no such process. EPERM means one runs under another user: not ours to judge.
            if kill(pid, 0) == -1 && errno == ESRCH { try? FileManager.default.removeItem(at: path) }
        }
    }

    /// Starts `executable` with `arguments` and `environment`. With `terminal` (rows, columns)
    /// the process gets a pseudo-terminal; otherwise pipes, its standard error kept apart.
    init(executable: String, arguments: [String], environment: [String: String], ticket: String,
         terminal: (rows: Int, columns: Int)?,
         output: @escaping @Sendable (Stream, [UInt8]) -> Void, finished: @escaping @Sendable (Int32) -> Void) throws {
        let temporary = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(Self.folderPrefix)\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        self.temporary = temporary
        var environment = environment
        environment["TMPDIR"] = temporary.path
        var started = false
        defer { if !started { try? FileManager.default.removeItem(at: temporary) } }
        var ticketPipe: [Int32] = [-1, -1]
        guard orgdeck_pipe(&ticketPipe) == 0 else { throw SessionProcess.failure("a pipe") }
        let bytes = Array((ticket + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(ticketPipe[1], $0.baseAddress, $0.count) }
        close(ticketPipe[1])
        defer { close(ticketPipe[0]) }

        var readers: [(Int32, Stream)] = []
        var childEnds: [Int32] = []
        let spawnIn: Int32, spawnOut: Int32, spawnErr: Int32
        if let terminal {
            var masterFD: Int32 = -1, slaveFD: Int32 = -1
            guard orgdeck_pty_open(&masterFD, &slaveFD, UInt16(clamping: terminal.rows), UInt16(clamping: terminal.columns)) == 0 else {
                throw SessionProcess.failure("a pseudo-terminal")
            }
            (spawnIn, spawnOut, spawnErr) = (slaveFD, slaveFD, slaveFD)
            childEnds = [slaveFD]
            master = masterFD
            input = masterFD
            readers = [(masterFD, .stdout)]
        } else {
            var inPipe: [Int32] = [-1, -1], outPipe: [Int32] = [-1, -1], errPipe: [Int32] = [-1, -1]
            guard orgdeck_pipe(&inPipe) == 0, orgdeck_pipe(&outPipe) == 0, orgdeck_pipe(&errPipe) == 0 else {
                let failure = SessionProcess.failure("pipes")
                (inPipe + outPipe + errPipe).filter { $0 >= 0 }.forEach { close($0) }
                throw failure
            }
            (spawnIn, spawnOut, spawnErr) = (inPipe[0], outPipe[1], errPipe[1])
            childEnds = [inPipe[0], outPipe[1], errPipe[1]]
            master = nil
            input = inPipe[1]
            readers = [(outPipe[0], .stdout), (errPipe[0], .stderr)]
        }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        let child = orgdeck_spawn(executable, argv, envp, spawnIn, spawnOut, spawnErr, ticketPipe[0], terminal == nil ? 0 : 1)
        childEnds.forEach { close($0) }
        guard child > 0 else {
            readers.forEach { close($0.0) }
            if master == nil { close(input) }
            throw SessionProcess.failure("the session's process")
        }
        pid = child
        started = true
        // Writes wait in poll, not in write, so a process that stops reading cannot hold a
        // write (and the lock it takes) past the process's end.
        _ = fcntl(input, F_SETFL, fcntl(input, F_GETFL) | O_NONBLOCK)
        let streams = readers
        let reader = Thread { [self] in
            Self.pump(streams, keeping: master, output: output)
            counts.withLock { ended = true }
            // The input descriptor is closed under the lock writes hold, so no write can reach
            // a number the system has since given to another file.
            lock.withLock {
                // A resize holds `counts` across its ioctl: the flag first, then the close.
                counts.withLock { masterClosed = true }
                if !inputClosed { close(input) }
                inputClosed = true
            }
            // Wait for the exit without reaping, mark the process gone, then reap: no signal is
            // ever sent to a pid the system may have given to another process.
            var info = siginfo_t()
            while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) < 0 && errno == EINTR {}
            counts.withLock { reaped = true }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            try? FileManager.default.removeItem(at: temporary)
            finished(Self.exitCode(status))
        }
        reader.name = "orgdeck-session-\(child)"
        reader.start()
    }

    /// Reads every stream until each is at its end (a pseudo-terminal's master reads EIO once
    /// the last process holding the terminal has gone), then closes them, except `keeping`.
    private static func pump(_ streams: [(Int32, Stream)], keeping: Int32?, output: (Stream, [UInt8]) -> Void) {
        var open = streams
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while !open.isEmpty {
            var polls = open.map { pollfd(fd: $0.0, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&polls, nfds_t(polls.count), -1)
            if ready < 0 { if errno == EINTR { continue } else { break } }
            var closed: [Int32] = []
            for (index, entry) in polls.enumerated() where entry.revents != 0 {
                let count = buffer.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    output(open[index].1, Array(buffer[0..<count]))
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    closed.append(entry.fd)
                }
            }
            for fd in closed where fd != keeping { close(fd) }
            open.removeAll { closed.contains($0.0) }
        }
    }

    /// 0–255 for an exit, 128 + the signal for a process a signal ended.
    static func exitCode(_ status: Int32) -> Int32 {
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    static func failure(_ what: String) -> CoreError { CoreError(.failure, "could not make \(what): \(String(cString: strerror(errno)))") }

    /// Hands bytes the client typed to the process.
    func send(_ bytes: [UInt8]) {
        counts.withLock { pendingInput += bytes.count }
        writes.async { [self] in
            defer { if let drained = counts.withLock({ () -> (@Sendable () -> Void)? in
                pendingInput -= bytes.count
                return pendingInput == 0 ? takeDrained() : nil
            }) { drained() } }
            lock.withLock {
                guard !inputClosed else { return }
                var offset = 0
                while offset < bytes.count, !counts.withLock({ ended }) {
                    var ready = pollfd(fd: input, events: Int16(POLLOUT), revents: 0)
                    let polled = poll(&ready, 1, 200)
                    if polled == 0 { continue }
                    if polled < 0 { if errno == EINTR { continue } else { return } }
                    let written = bytes.withUnsafeBytes { write(input, $0.baseAddress! + offset, $0.count - offset) }
                    if written < 0 { if errno == EINTR || errno == EAGAIN { continue } else { return } }
                    offset += written
                }
            }
        }
    }

    /// Bytes handed to `send` the process has not read yet.
    var unread: Int { counts.withLock { pendingInput } }

    /// Calls `body` once every byte sent so far has been written to the process (at once if so).
    func whenInputDrained(_ body: @escaping @Sendable () -> Void) {
        let now = counts.withLock { () -> Bool in
            if pendingInput == 0 { return true }
            drained = body
            return false
        }
        if now { body() }
    }

    private func takeDrained() -> (@Sendable () -> Void)? {
        defer { drained = nil }
        return drained
    }

    /// The client will send no more: a command sees the end of its input (a console keeps its terminal).
    func closeInput() {
        guard master == nil else { return }
        writes.async { [self] in
            lock.withLock {
                guard !inputClosed else { return }
                inputClosed = true
                close(input)
            }
        }
    }

    /// The client's window changed size: the terminal learns it and signals the process.
    func resize(rows: Int, columns: Int) {
        guard let master else { return }
        counts.withLock {
            guard !masterClosed else { return }
            _ = orgdeck_pty_resize(master, UInt16(clamping: rows), UInt16(clamping: columns))
        }
    }

    /// Signals the process and everything in its session, while it is there.
    func signal(_ signal: Int32) {
        counts.withLock {
            guard !reaped else { return }
            kill(-pid, signal)
            kill(pid, signal)
        }
    }

    /// Ends the process: `first` (SIGHUP when the client went away, SIGTERM when the server
    /// stops), then SIGKILL if it is still there after `grace` seconds.
    func terminate(with first: Int32 = SIGHUP, grace: TimeInterval = 3) {
        signal(first)
        DispatchQueue.global().asyncAfter(deadline: .now() + grace) { [self] in signal(SIGKILL) }
    }
}
