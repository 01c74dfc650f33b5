import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A tiny append-only file logger. It writes only to the file given at start-up, never to
/// the terminal (which belongs to the console), and callers never pass secrets: the core
/// logs events and IDs, not passwords or tokens. Messages are flattened to one line with
/// control characters made visible, so a log line can never carry escape sequences.
public final class Log: @unchecked Sendable {
    /// Severity of a line.
    public enum Level: String, Sendable {
        case debug, info, warning, error
    }

    /// The process-wide logger. Silent until `start(path:)` is called.
    public static let shared = Log()

    private let lock = NSLock()
    /// Opened with O_APPEND: each line is one write(2) at the end of the file, so lines from
    /// many processes interleave whole and none overwrites another.
    private var descriptor: Int32 = -1
    private var path: String?

    private init() {}

    /// Opens (creating with mode 0600, in a 0700 folder) the log file and appends from now on.
    public func start(path: String) throws {
        try FileSecurity.makePrivateFolder((path as NSString).deletingLastPathComponent)
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw CoreError(.failure, "cannot open the log file \(path): \(String(cString: strerror(errno)))")
        }
        lock.withLock {
            if descriptor >= 0 { close(descriptor) }
            descriptor = fd
            self.path = path
        }
    }

    /// Stops logging and closes the file.
    public func stop() {
        lock.withLock {
            if descriptor >= 0 { close(descriptor) }
            descriptor = -1
            path = nil
        }
    }

    /// The file being written, if any.
    public var currentPath: String? { lock.withLock { path } }

    /// Appends one line: `2026-11-29T10:00:00.000Z info message`. Failures to write are ignored:
    /// losing a log line must never break the console.
    public func write(_ level: Level, _ message: @autoclosure () -> String) {
        lock.withLock {
            guard descriptor >= 0 else { return }
            let bytes = Array("\(Self.timestamp()) \(level.rawValue) \(Self.oneLine(message()))\n".utf8)
            // One write of the whole line; a short write (full disk) is dropped, never retried
            // in pieces that another process's line could split.
            _ = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        }
    }

    /// Shorthands writing to `shared`.
    public static func debug(_ message: @autoclosure () -> String) { shared.write(.debug, message()) }
    public static func info(_ message: @autoclosure () -> String) { shared.write(.info, message()) }
    public static func warning(_ message: @autoclosure () -> String) { shared.write(.warning, message()) }
    public static func error(_ message: @autoclosure () -> String) { shared.write(.error, message()) }

    /// UTC with milliseconds, formatted by hand: Foundation's ISO 8601 formatter loads ICU's
    /// calendar data the first time (about a millisecond, before the console's first frame).
    static func timestamp(_ date: Date = Date()) -> String {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        let millis = min(999, Int(((date.timeIntervalSince1970 - seconds) * 1000).rounded()))
        let t = date.utcFields
        return date.utcDay + "T\(zeroPadded(t.hour, 2)):\(zeroPadded(t.minute, 2)):\(zeroPadded(t.second, 2))"
            + ".\(zeroPadded(millis, 3))Z"
    }

    static func oneLine(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if Validation.isControl(scalar) {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
