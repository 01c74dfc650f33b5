#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Signal handling that keeps the user's terminal usable.
///
/// SIGINT, SIGTERM and SIGHUP (an SSH drop) only set a flag: the run loop polls
/// `pendingTermination`, restores the terminal through curses and exits normally. Blocking
/// reads return early because the handlers are installed without `SA_RESTART`.
///
/// SIGSEGV, SIGABRT, SIGILL, SIGTRAP and SIGBUS cannot be survived, so their handler restores
/// the saved terminal modes (`tcsetattr`) and writes a fixed reset sequence with `write(2)`
/// (both async-signal-safe; curses is not), puts back the
/// previous handler (the Swift runtime's backtracer, or the default action) and re-raises.
public enum TerminalSignals {
    /// Leave the alternate screen, show the cursor, reset colours, turn off bracketed paste
    /// and mouse reporting.
    public static let resetSequence: StaticString = "\u{1B}[?1049l\u{1B}[?25h\u{1B}[0m\u{1B}[?2004l\u{1B}[?1000l\u{1B}[?1006l"

    /// The terminating signals that are turned into a flag.
    public static let terminationSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    /// The fatal signals whose handler resets the terminal before dying.
    public static let fatalSignals: [Int32] = [SIGSEGV, SIGABRT, SIGILL, SIGTRAP, SIGBUS]

    private static let received = Atomic<Int32>(0)
    private static let installed = Atomic<Bool>(false)
    /// Previous actions of the fatal signals, indexed by signal number; written once in
    /// `install()` before any handler can run, then only read.
    nonisolated(unsafe) private static let previousActions =
        UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
    /// The terminal modes before curses changed them, restored by the fatal handler
    /// (`tcsetattr` is async-signal-safe) so a crash report is readable. Written once in `install()`.
    nonisolated(unsafe) private static let savedModes = UnsafeMutablePointer<termios>.allocate(capacity: 1)
    private static let haveSavedModes = Atomic<Bool>(false)

    /// True once SIGINT, SIGTERM or SIGHUP arrived.
    public static var pendingTermination: Bool { received.load(ordering: .relaxed) != 0 }

    /// The signal that asked for termination, if any.
    public static var terminationSignal: Int32? {
        let s = received.load(ordering: .relaxed)
        return s == 0 ? nil : s
    }

    /// Installs the handlers (idempotent). Call before curses starts, so curses leaves them alone.
    public static func install() {
        guard !installed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        _ = received.load(ordering: .relaxed)   // initialise the statics outside signal context
        if isatty(STDIN_FILENO) != 0, tcgetattr(STDIN_FILENO, savedModes) == 0 {
            haveSavedModes.store(true, ordering: .releasing)
        }
        // A parent may start us with these blocked (signal masks survive exec); the console
        // must still notice a hangup, a kill or a window resize.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for sig in terminationSignals + [SIGWINCH] { sigaddset(&unblock, sig) }
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        let previous = previousActions
        for sig in terminationSignals {
            var action = sigaction()
            setHandler(&action) { sig in TerminalSignals.received.store(sig, ordering: .relaxed) }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0   // no SA_RESTART: a blocked read wakes up and the loop sees the flag
            sigaction(sig, &action, nil)
        }
        for sig in fatalSignals {
            var action = sigaction()
            setHandler(&action) { sig in
                TerminalSignals.writeReset()
                sigaction(sig, TerminalSignals.previousActions + Int(sig), nil)
                raise(sig)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(sig, &action, previous + Int(sig))
        }
    }

    /// Resets the terminal from a Swift error path that is about to exit without curses:
    /// puts back the terminal modes saved by `install()` and writes the reset sequence.
    public static func restoreOnFatal() {
        writeReset()
    }

    /// Clears the termination flag (tests).
    public static func clearPendingTermination() { received.store(0, ordering: .relaxed) }

    private static func writeReset() {
        if haveSavedModes.load(ordering: .acquiring) { _ = tcsetattr(STDIN_FILENO, TCSANOW, savedModes) }
        let s = resetSequence
        _ = write(STDOUT_FILENO, s.utf8Start, s.utf8CodeUnitCount)
    }

    private static func setHandler(_ action: inout sigaction, _ handler: @convention(c) (Int32) -> Void) {
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = handler
        #else
        action.__sigaction_u.__sa_handler = handler
        #endif
    }
}
