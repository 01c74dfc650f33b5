import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs a program on a fresh pseudo-terminal of a given size and times how long it takes until
/// its output holds a marker (the first frame's last row): the first frame as a user sees it,
/// process start, dynamic loading and all.
enum PtyRun {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// TIOCSPTLCK, TIOCGPTN and POSIX_SPAWN_SETSID on Linux.
    static let setLock: UInt = 0x4004_5431
    static let getNumber: UInt = 0x8004_5430
    static let setSessionFlag: Int16 = 0x80

    /// Starts `arguments` on a fresh pseudo-terminal `columns`×`rows` in a session of its own:
    /// the master's descriptor, the process, and when it was started.
    static func spawn(_ arguments: [String], environment: [String: String], columns: UInt16 = 120,
                      rows: UInt16 = 40) throws -> (master: Int32, pid: pid_t, start: UInt64) {
        // /dev/ptmx with the Linux ioctls, as posix_openpt, unlockpt and ptsname do underneath
        // (Swift's Glibc module leaves those out).
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
        var unlock: Int32 = 0, number: UInt32 = 0
        guard master >= 0, withUnsafeMutablePointer(to: &unlock, { ioctl(master, Self.setLock, $0) }) == 0,
              withUnsafeMutablePointer(to: &number, { ioctl(master, Self.getNumber, $0) }) == 0 else {
            if master >= 0 { close(master) }
            throw Failure(description: "no pseudo-terminal")
        }
        let slave = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
        guard slave >= 0 else { close(master); throw Failure(description: "cannot open the pseudo-terminal's slave") }
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = withUnsafeMutablePointer(to: &size) { ioctl(slave, UInt(TIOCSWINSZ), $0) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for target in 0...2 { posix_spawn_file_actions_adddup2(&actions, slave, Int32(target)) }
        posix_spawn_file_actions_addclose(&actions, master)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Self.setSessionFlag)

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        guard posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp) == 0 else {
            close(slave)
            close(master)
            throw Failure(description: "cannot start \(arguments[0])")
        }
        close(slave)
        return (master, pid, start)
    }

    /// Seconds from spawn to `marker` in the output; then sends `quit` and reaps the process.
    static func timeToMarker(_ arguments: [String], environment: [String: String], marker: String, quit: String,
                             columns: UInt16 = 120, rows: UInt16 = 40, timeout: Double = 10) throws -> Double {
        let (master, pid, start) = try spawn(arguments, environment: environment, columns: columns, rows: rows)
        defer { close(master) }
        let (found, output) = waitFor(marker, on: master, since: start, timeout: timeout)
        _ = quit.withCString { write(master, $0, strlen($0)) }
        drain(master, pid: pid)
        guard let found else {
            throw Failure(description: "\(arguments[0]) showed no \"\(marker)\" in \(timeout) s: "
                          + String(decoding: output.suffix(300), as: UTF8.self))
        }
        return found
    }

    /// Reads `master` until its output holds `marker`: the seconds since `start` (nil past the
    /// timeout or at the end of output), and what was read.
    static func waitFor(_ marker: String, on master: Int32, since start: UInt64, timeout: Double) -> (Double?, [UInt8]) {
        var output: [UInt8] = []
        let needle = Array(marker.utf8)
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            guard elapsed < timeout, poll(&poller, 1, 100) >= 0 else { return (nil, output) }
            guard poller.revents & Int16(POLLIN) != 0 else { continue }
            let count = read(master, &buffer, buffer.count)
            if count <= 0 { return (nil, output) }
            output += buffer[0..<count]
            if output.count >= needle.count, contains(output, needle) {
                return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, output)
            }
        }
    }

    /// Reads what the program still writes until it exits (ncurses restoring the screen), so it
    /// never blocks on a full pseudo-terminal; kills it if it lingers.
    static func drain(_ master: Int32, pid: pid_t) {
        var buffer = [UInt8](repeating: 0, count: 4096)
        var status: Int32 = 0
        for _ in 0..<50 {
            var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            if poll(&poller, 1, 40) > 0 { _ = read(master, &buffer, buffer.count) }
            if waitpid(pid, &status, WNOHANG) == pid { return }
        }
        kill(pid, SIGKILL)
        waitpid(pid, &status, 0)
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if Array(haystack[start..<(start + needle.count)]) == needle { return true }
        }
        return false
    }

    /// The median of `samples`.
    static func median(_ samples: [Double]) -> Double {
        let sorted = samples.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}
