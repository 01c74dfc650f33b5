#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNcursesw

/// Why the real terminal could not start.
public enum TerminalError: Error, CustomStringConvertible {
    /// Standard input or output is not a terminal.
    case notATerminal
    /// curses refused the terminal type (`TERM` unknown to terminfo, or not set).
    case unsupportedTerminal(String)
    /// terminfo knows the terminal but it cannot place the cursor (`TERM=dumb`, a printer):
    /// curses would start and draw every row on top of the last.
    case cannotAddress(String)

    public var description: String {
        switch self {
        case .notATerminal: return "standard input and output must be a terminal"
        case .unsupportedTerminal(let t) where t.isEmpty: return "TERM is not set (try TERM=xterm-256color)"
        case .unsupportedTerminal(let t): return "terminal type \"\(t)\" is unknown to terminfo (try TERM=xterm-256color)"
        case .cannotAddress(let t):
            return "terminal type \"\(t)\" cannot move the cursor, which a full-screen console needs "
                + "(try TERM=xterm-256color; the scripting commands work on any terminal: orgdeck --help)"
        }
    }
}

/// The real terminal, through ncursesw. The only code in the product that calls curses; every
/// call must come from the one thread that created it (a `PreparedScreen` may be started on
/// another thread before that).
///
/// Input is read with keypad translation off and decoded by `KeyDecoder`, so bracketed paste
/// and SGR mouse reports arrive intact; a lone Esc answers after `escapeDelayMilliseconds`.
public final class CursesTerminal: TerminalBackend {
    public private(set) var width: Int
    public private(set) var height: Int
    public let colorDepth: ColorDepth

    /// How long a lone ESC waits for the rest of a sequence before it counts as the Esc key.
    public static let escapeDelayMilliseconds: Int32 = 25

    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private let painter: CursesPainter
    private let mouse: Bool
    private var decoder = KeyDecoder()
    private var queued: [KeyEvent] = []
    private var isShutDown = false

    /// A curses screen started ahead of the rest (locale set, terminfo read), to which nothing
    /// has been written yet: starting it costs about a millisecond, which can overlap the opening
    /// of the database on another thread. The thread that creates `CursesTerminal` from it
    /// must be the only one to use curses from then on.
    public struct PreparedScreen: @unchecked Sendable {
        fileprivate let screen: OpaquePointer
    }

    /// Sets the locale and reads the terminal's description, writing nothing to the terminal and
    /// leaving its modes as they were, so whatever happens before the console takes the screen
    /// (an error printed, a failed start, an exit) finds the terminal untouched. Nil when
    /// standard input or output is not a terminal or terminfo does not know it (`init` then
    /// says why).
    public static func prepare() -> PreparedScreen? {
        guard isatty(STDIN_FILENO) != 0, isatty(STDOUT_FILENO) != 0 else { return nil }
        prepareLocale()
        var modes = termios()
        let saved = tcgetattr(STDOUT_FILENO, &modes) == 0
        let screen = newterm(nil, orgdeck_stdout(), orgdeck_stdin())
        // Starting a screen turns off echo and output newline translation at once. curses keeps
        // its own copy of those modes and applies it with `raw()` when the console starts;
        // until then the terminal goes back to how the user had it.
        if saved { _ = tcsetattr(STDOUT_FILENO, TCSANOW, &modes) }
        return screen.map(PreparedScreen.init)
    }

    /// Starts curses on standard input/output: alternate screen, raw input, no echo, hidden
    /// cursor, bracketed paste, optional mouse. `colorDepthOverride` replaces what terminfo
    /// and `NO_COLOR` say, but never goes above what terminfo allows.
    /// `prepared` is a screen `prepare()` started, on this thread or another, that nothing has
    /// used since; without one (or if starting it failed) the screen is started here.
    public init(mouse: Bool, colorDepthOverride: ColorDepth?, prepared: PreparedScreen? = nil) throws {
        guard isatty(STDIN_FILENO) != 0, isatty(STDOUT_FILENO) != 0 else { throw TerminalError.notATerminal }
        TerminalSignals.install()
        let scr: OpaquePointer
        if let prepared {
            scr = prepared.screen
        } else {
            CursesTerminal.prepareLocale()
            guard let started = newterm(nil, orgdeck_stdout(), orgdeck_stdin()) else {
                throw TerminalError.unsupportedTerminal(CursesTerminal.termName())
            }
            scr = started
        }
        set_term(scr)
        guard let win = orgdeck_stdscr() else {
            endwin(); delscreen(scr)
            throw TerminalError.unsupportedTerminal(CursesTerminal.termName())
        }
        guard orgdeck_can_address() != 0 else {
            endwin(); delscreen(scr)
            throw TerminalError.cannotAddress(CursesTerminal.termName())
        }
        screen = scr
        window = win
        raw()
        noecho()
        nonl()
        keypad(window, false)
        set_escdelay(CursesTerminal.escapeDelayMilliseconds)
        curs_set(0)
        var terminfoDepth = ColorDepth.none
        if has_colors() {
            start_color()
            use_default_colors()
            terminfoDepth = ColorDepth.from(colorCount: Int(orgdeck_colors()))
        }
        // An override can only lower the depth: curses cannot send colours terminfo lacks.
        let noColor = ColorDepth.noColorRequested(environment: CursesTerminal.environment())
        colorDepth = colorDepthOverride.map { min($0, terminfoDepth) } ?? (noColor ? .none : terminfoDepth)
        width = Int(orgdeck_cols())
        height = Int(orgdeck_lines())
        painter = CursesPainter(window: window, depth: colorDepth)
        self.mouse = mouse
        werase(window)
        wnoutrefresh(window)
        doupdate()
        writeControl("\u{1B}[?2004h" + (mouse ? "\u{1B}[?1000h\u{1B}[?1006h" : ""))
    }

    deinit { shutdown() }

    /// `setlocale(LC_ALL, "")`, then UTF-8 for characters when the locale came out C/POSIX:
    /// without it wide characters vanish and line drawing turns into `lqqk`.
    public static func prepareLocale() {
        setlocale(LC_ALL, "")
        let ctype = setlocale(LC_CTYPE, nil).map { String(cString: $0) } ?? "C"
        if ctype == "C" || ctype == "POSIX" { setlocale(LC_CTYPE, "C.UTF-8") }
    }

    public func nextEvent(timeoutMilliseconds: Int) -> KeyEvent? {
        if !queued.isEmpty { return queued.removeFirst() }
        guard !isShutDown else { return nil }
        var wait = Int32(clamping: timeoutMilliseconds)
        while queued.isEmpty {
            wtimeout(window, wait)
            var ch: wint_t = 0
            let result = wget_wch(window, &ch)
            if result == ERR {
                // Timeout or a signal: resolve a lone ESC, otherwise report nothing.
                if decoder.awaitsEscapeTimeout { queued += decoder.flush(); continue }
                return nil
            }
            if result == KEY_CODE_YES {
                if Int32(ch) == orgdeck_key_resize() {
                    width = Int(orgdeck_cols()); height = Int(orgdeck_lines())
                    invalidate()   // the terminal may have reflowed what it showed
                    queued.append(.resize(width: width, height: height))
                }
                continue
            }
            queued += decoder.feed(Array(String(Unicode.Scalar(UInt32(ch)).map(Character.init) ?? "\u{FFFD}").utf8))
            // More bytes of a sequence follow at once; a paste may take a little longer.
            if decoder.hasPending { wait = decoder.awaitsEscapeTimeout ? CursesTerminal.escapeDelayMilliseconds : 200 }
        }
        return queued.removeFirst()
    }

    public func present(_ grid: CellGrid) {
        guard !isShutDown else { return }
        painter.paint(grid)
        doupdate()
    }

    public func invalidate() {
        guard !isShutDown else { return }
        clearok(orgdeck_curscr(), true)
        painter.forget()
    }

    public func writeControl(_ sequence: String) {
        fflush(orgdeck_stdout())   // curses flushes its own buffer in doupdate; keep stdio in order too
        var bytes = Array(sequence.utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if n <= 0 { if errno == EINTR { continue }; return }
            bytes = bytes.dropFirst(n)
        }
    }

    public func shutdown() {
        guard !isShutDown else { return }
        writeControl("\u{1B}[?2004l" + (mouse ? "\u{1B}[?1000l\u{1B}[?1006l" : ""))
        curs_set(1)
        endwin()
        delscreen(screen)
        isShutDown = true
    }

    private static func termName() -> String {
        getenv("TERM").map { String(cString: $0) } ?? ""
    }

    private static func environment() -> [String: String] {
        var env: [String: String] = [:]
        if let v = getenv("NO_COLOR") { env["NO_COLOR"] = String(cString: v) }
        return env
    }
}
