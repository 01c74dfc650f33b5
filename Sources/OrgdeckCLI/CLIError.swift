import Foundation
import OrgdeckCore

/// A failure of the scripting interface itself (as opposed to a refusal by the core).
struct CLIError: Error {
    enum Kind: String {
        /// Wrong arguments (exit 2).
        case usage
        /// No or unusable credentials (exit 3).
        case notAuthenticated = "not_authenticated"
        /// Anything else (exit 1).
        case failure
    }

    let kind: Kind
    let message: String

    static func usage(_ message: String) -> CLIError { CLIError(kind: .usage, message: message) }
    static func failure(_ message: String) -> CLIError { CLIError(kind: .failure, message: message) }

    static let missingToken = CLIError(
        kind: .notAuthenticated,
        message: "not authenticated: set ORGDECK_TOKEN (create one with `orgdeck tokens create --user NAME`)")
}

/// The exit status and error report every failure maps to (PRODUCT.md §9).
struct Failure {
    /// The `kind` in the JSON error object, snake_case.
    let kind: String
    let message: String
    let exitCode: Int32

    init(kind: String, message: String, exitCode: Int32) {
        self.kind = kind; self.message = message; self.exitCode = exitCode
    }

    init(_ error: CoreError) {
        message = error.message
        switch error.kind {
        case .invalid: kind = "invalid"; exitCode = 7
        case .notFound: kind = "not_found"; exitCode = 5
        case .conflict: kind = "conflict"; exitCode = 6
        case .forbidden: kind = "forbidden"; exitCode = 4
        case .notAuthenticated: kind = "not_authenticated"; exitCode = 3
        case .readOnly: kind = "read_only"; exitCode = 4
        case .failure: kind = "failure"; exitCode = 1
        }
    }

    init(_ error: CLIError) {
        kind = error.kind.rawValue
        message = error.message
        switch error.kind {
        case .usage: exitCode = 2
        case .notAuthenticated: exitCode = 3
        case .failure: exitCode = 1
        }
    }

    /// Writes the one-line report to stderr: `error: message`, or a JSON object.
    func report(json: Bool) {
        // Error text may quote user input; keep it on one line and free of escapes.
        let oneLine = Format.sanitize(message.replacingOccurrences(of: "\n", with: " "))
        if json {
            let object = JSONValue.object([
                ("error", .object([("kind", .string(kind)), ("message", .string(message))])),
            ])
            Output.error(object.rendered(pretty: false) + "\n")
        } else {
            Output.error("error: \(oneLine)\n")
        }
    }
}
