#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNcursesw
import Foundation

/// Measures what real ncurses writes to a terminal for each frame, with no terminal attached:
/// curses runs on `newterm` with its output going to a temporary file and its input from
/// `/dev/null`, frames are painted exactly as `CursesTerminal` paints them (`CursesPainter`,
/// then one `doupdate()`), and the file's growth after each frame is that frame's cost.
public enum CursesByteMeter {
    private static let lock = NSLock()

    /// Bytes ncurses wrote for each frame (the first one includes the initial clear).
    /// Returns an empty array if curses cannot start for `term`.
    public static func bytesPerFrame(frames: [CellGrid], term: String = "xterm-256color") -> [Int] {
        guard let first = frames.first else { return [] }
        // curses keeps global state; one measurement at a time.
        lock.lock(); defer { lock.unlock() }
        CursesTerminal.prepareLocale()
        let path = NSTemporaryDirectory() + "orgdeck-bytes-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).out"
        guard let out = fopen(path, "w+") else { return [] }
        defer { fclose(out); unlink(path) }
        guard let input = fopen("/dev/null", "r") else { return [] }
        defer { fclose(input) }
        // The size comes from LINES/COLUMNS when set, which ncurses prefers to terminfo's.
        let savedLines = getenv("LINES").map { String(cString: $0) }
        let savedColumns = getenv("COLUMNS").map { String(cString: $0) }
        setenv("LINES", String(first.height), 1)
        setenv("COLUMNS", String(first.width), 1)
        defer {
            restore("LINES", savedLines)
            restore("COLUMNS", savedColumns)
        }
        guard let screen = term.withCString({ newterm(UnsafeMutablePointer(mutating: $0), out, input) }) else { return [] }
        let previousScreen = set_term(screen)
        defer {
            endwin()
            // Not deleted: ncurses 6.4's newterm reads the current screen, and after delscreen
            // that pointer dangles, so a second measurement in the process crashed. A few
            // kilobytes per measurement is the price.
            _ = screen
            if let previousScreen { set_term(previousScreen) }
        }
        guard let window = orgdeck_stdscr() else { return [] }
        nonl()
        curs_set(0)
        var depth = ColorDepth.none
        if has_colors() {
            start_color()
            use_default_colors()
            depth = ColorDepth.from(colorCount: Int(orgdeck_colors()))
        }
        let painter = CursesPainter(window: window, depth: depth)
        var sizes: [Int] = []
        var before = fileSize(out)
        for frame in frames {
            painter.paint(frame)
            doupdate()
            let after = fileSize(out)
            sizes.append(after - before)
            before = after
        }
        return sizes
    }

    private static func fileSize(_ file: UnsafeMutablePointer<FILE>) -> Int {
        fflush(file)
        var st = stat()
        return fstat(fileno(file), &st) == 0 ? Int(st.st_size) : 0
    }

    private static func restore(_ name: String, _ value: String?) {
        if let value { setenv(name, value, 1) } else { unsetenv(name) }
    }
}
