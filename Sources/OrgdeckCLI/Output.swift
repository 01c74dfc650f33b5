import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes to the standard streams unbuffered, so stdout and stderr keep their order
/// and nothing is lost when the process exits with a status.
enum Output {
    static func out(_ text: String) { put(text, to: STDOUT_FILENO) }
    static func error(_ text: String) { put(text, to: STDERR_FILENO) }

    /// Prints the JSON document in machine mode, the human text otherwise.
    static func emit(json: Bool, _ value: @autoclosure () -> JSONValue, human: () -> String) {
        if json {
            out(value().rendered(pretty: true) + "\n")
        } else {
            out(human())
        }
    }

    private static func put(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return  // A closed pipe (`| head`): nothing more can be said.
            }
            bytes = bytes.dropFirst(written)
        }
    }
}
