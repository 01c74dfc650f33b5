import Foundation
import OrgdeckCore

#if canImport(Glibc)
import Glibc
#endif

/// Reads a password for `signup` and `tokens create`, never from the command line
/// (where `ps` and shell history would see it).
enum PasswordInput {
    /// All of stdin with `--password-stdin`; otherwise a prompt without echo when stdin is a
    /// terminal; otherwise a usage error. Read as bytes: only the final line ending is removed
    /// (LF, or CRLF from files edited elsewhere), and bytes that are not UTF-8 are refused
    /// rather than replaced, so two different passwords can never become one.
    static func read(fromStdin: Bool, confirm: Bool) throws -> String {
        if fromStdin {
            var bytes = try readAll()
            guard !bytes.isEmpty else { throw CLIError.usage("--password-stdin: no password on stdin") }
            if bytes.last == UInt8(ascii: "\n") {
                bytes.removeLast()
                if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
            }
            return try decode(bytes, source: "stdin")
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

    /// The current password and a new one: with `--password-stdin`, the first two lines of
    /// stdin (one a line, anything after ignored); otherwise prompts without echo, the new one
    /// twice.
    static func readChange(fromStdin: Bool) throws -> (current: String, new: String) {
        if fromStdin {
            guard let current = readLineBytes(), let new = readLineBytes() else {
                throw CLIError.usage("--password-stdin: give the current password, then the new one, one a line")
            }
            return (try decode(current, source: "stdin"), try decode(new, source: "stdin"))
        }
        guard isatty(STDIN_FILENO) == 1 else {
            throw CLIError.usage("no password given: pass the current and the new one on stdin with --password-stdin")
        }
        let current = try prompt("Current password: ")
        let new = try prompt("New password: ")
        if try prompt("Repeat new password: ") != new { throw CLIError.usage("the two new passwords differ") }
        return (current, new)
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
        guard let line = readLineBytes() else { throw CLIError.usage("no password entered") }
        return try decode(line, source: "the terminal")
    }

    /// The bytes of one line of stdin without its line ending (LF or CRLF), nil at end of input
    /// before any byte. Reads one byte at a time so nothing after the line is consumed.
    static func readLineBytes() -> [UInt8]? {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        var sawAny = false
        while true {
            let count = Glibc.read(STDIN_FILENO, &byte, 1)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            sawAny = true
            if byte == UInt8(ascii: "\n") {
                if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
                return bytes
            }
            bytes.append(byte)
        }
        return sawAny ? bytes : nil
    }

    /// The most stdin may hold for a password: far beyond any password, small enough to refuse
    /// a file piped in by mistake.
    static let maxStdinBytes = 64 * 1024

    /// Every byte of stdin.
    static func readAll() throws -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = Glibc.read(STDIN_FILENO, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { return bytes }
            bytes += buffer[0..<count]
            if bytes.count > maxStdinBytes {
                throw CoreError.invalid("password", "stdin holds more than \(maxStdinBytes / 1024) KiB: that is not a password")
            }
        }
    }

    /// The password the bytes spell; refused when they are not UTF-8.
    static func decode(_ bytes: [UInt8], source: String) throws -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw CoreError.invalid("password", "the password from \(source) is not valid UTF-8 text")
        }
        return text
    }
}

/// The terminal settings to put back if the prompt is interrupted. Written before the handler
/// is installed and only read by it, so the unchecked access is safe.
nonisolated(unsafe) private var promptTermios = termios()

private func restoreEchoAndExit(_ signal: Int32) {
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &promptTermios)
    _exit(130)
}
