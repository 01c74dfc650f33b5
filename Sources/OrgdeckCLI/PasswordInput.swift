import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Reads a password for `signup` and `tokens create`, never from the command line
/// (where `ps` and shell history would see it).
enum PasswordInput {
    /// One line from stdin with `--password-stdin`; otherwise a prompt without echo when
    /// stdin is a terminal; otherwise a usage error.
    static func read(fromStdin: Bool, confirm: Bool) throws -> String {
        if fromStdin {
            guard let line = readLine(strippingNewline: true) else {
                throw CLIError.usage("--password-stdin: no password on stdin")
            }
            // Tolerate a CRLF line ending from files edited elsewhere.
            return line.hasSuffix("\r") ? String(line.dropLast()) : line
        }
        guard isatty(STDIN_FILENO) == 1 else {
            throw CLIError.usage("no password given: pass it on stdin with --password-stdin")
        }
        let password = try prompt("Password: ")
        if confirm, try prompt("Repeat password: ") != password {
            throw CLIError.usage("the two passwords differ")
        }
        return password
    }

    /// Prompts on stderr (stdout may be captured by a script) with echo turned off.
    private static func prompt(_ text: String) throws -> String {
        Output.error(text)
        var saved = termios()
        let canHide = tcgetattr(STDIN_FILENO, &saved) == 0
        if canHide {
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO)
            quiet.c_lflag |= tcflag_t(ECHONL)
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
        }
        // Ctrl-C at the prompt must not leave the user's shell without echo.
        promptTermios = saved
        let previous = canHide ? signal(SIGINT, restoreEchoAndExit) : nil
        defer {
            if canHide {
                tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
                signal(SIGINT, previous)
            }
        }
        guard let line = readLine(strippingNewline: true) else {
            throw CLIError.usage("no password entered")
        }
        return line
    }
}

/// The terminal settings to put back if the prompt is interrupted. Written before the handler
/// is installed and only read by it, so the unchecked access is safe.
nonisolated(unsafe) private var promptTermios = termios()

private func restoreEchoAndExit(_ signal: Int32) {
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &promptTermios)
    _exit(130)
}
