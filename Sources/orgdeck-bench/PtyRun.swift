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

    /// Seconds from spawn to `marker` in the output; then sends `quit` and reaps the process.
    static func timeToMarker(_ arguments: [String], environment: [String: String], marker: String, quit: String,
                             columns: UInt16 = 120, rows: UInt16 = 40, timeout: Double = 10) throws -> Double {
        // /dev/ptmx with the Linux ioctls, as posix_openpt, unlockpt and ptsname do underneath
        // (Swift's Glibc module leaves those out).
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
        var unlock: Int32 = 0, number: UInt32 = 0
        guard master >= 0, withUnsafeMutablePointer(to: &unlock, { ioctl(master, Self.setLock, $0) }) == 0,
              withUnsafeMutablePointer(to: &number, { ioctl(master, Self.getNumber, $0) }) == 0 else {
            throw Failure(description: "no pseudo-terminal")
        }
        defer { close(master) }
        let slave = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
        guard slave >= 0 else { throw Failure(description: "cannot open the pseudo-terminal's slave") }
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
            throw Failure(description: "cannot start \(arguments[0])")
        }
        close(slave)
        var output: [UInt8] = []
        let needle = Array(marker.utf8)
        var found: Double?
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while found == nil {
            var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            guard elapsed < timeout, poll(&poller, 1, 100) >= 0 else { break }
            guard poller.revents & Int16(POLLIN) != 0 else { continue }
            let count = read(master, &buffer, buffer.count)
            if count <= 0 { break }
            output += buffer[0..<count]
            if output.count >= needle.count, contains(output, needle) {
                found = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            }
        }
        _ = quit.withCString { write(master, $0, strlen($0)) }
        drain(master, pid: pid)
        guard let found else {
            throw Failure(description: "\(arguments[0]) showed no \"\(marker)\" in \(timeout) s: "
                          + String(decoding: output.suffix(300), as: UTF8.self))
        }
        return found
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

/// A bare ncurses program drawing the same kind of screen as the console's first frame (a
/// header, rows of text, a footer ending in "help"), compiled with the system C compiler: the
/// floor a curses console cannot beat.
enum BareCurses {
    static let source = #"""
    #define _XOPEN_SOURCE_EXTENDED 1
    #include <locale.h>
    #include <ncursesw/curses.h>
    int main(void) {
        setlocale(LC_ALL, "");
        initscr(); cbreak(); noecho(); keypad(stdscr, TRUE);
        if (has_colors()) { start_color(); use_default_colors(); init_pair(1, COLOR_WHITE, COLOR_BLUE); init_pair(2, COLOR_CYAN, -1); }
        attron(COLOR_PAIR(1)); mvhline(0, 0, ' ', COLS); mvprintw(0, 1, "bare curses > Acme Robotics - Admin"); attroff(COLOR_PAIR(1));
        mvprintw(1, 1, " 1 My Apps   2 Collaborations   3 Starred   4 Account   5 Billing   6 Security");
        for (int row = 3; row < LINES - 2; row++) {
            attron(COLOR_PAIR(2)); mvprintw(row, 1, "app-%03d", row); attroff(COLOR_PAIR(2));
            mvprintw(row, 24, "Application number %d   updated %dd ago   a description of the app", row, row % 30);
        }
        attron(COLOR_PAIR(1)); mvhline(LINES - 1, 0, ' ', COLS);
        mvprintw(LINES - 1, 1, "Enter open  n new  e edit  d delete  / filter"); mvprintw(LINES - 1, COLS - 8, "? help");
        attroff(COLOR_PAIR(1));
        refresh();
        while (getch() != 'q') {}
        endwin();
        return 0;
    }
    """#

    /// Compiles the program into `folder`; the path of the binary.
    static func build(in folder: String) throws -> String {
        let sourcePath = folder + "/bare-curses.c", binary = folder + "/bare-curses"
        try source.write(toFile: sourcePath, atomically: true, encoding: .utf8)
        let compiler = Process()
        compiler.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        compiler.arguments = ["cc", "-O2", "-o", binary, sourcePath, "-lncursesw"]
        try compiler.run()
        compiler.waitUntilExit()
        guard compiler.terminationStatus == 0 else { throw PtyRun.Failure(description: "cc could not build the bare curses program") }
        return binary
    }
}
