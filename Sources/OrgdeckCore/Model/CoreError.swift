import Foundation

/// Every refusal the core can give. Each case carries a message meant for the user;
/// front ends show `message` as is and map `kind` to an exit code or a flash level.
public struct CoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong, in the categories the scripting interface maps to exit codes.
    public enum Kind: String, Sendable, Equatable {
        /// Input failed validation (exit 7).
        case invalid
        /// The thing named does not exist, or the actor may not know it exists (exit 5).
        case notFound
        /// A uniqueness or state conflict, including stale edits (exit 6).
        case conflict
        /// The actor's role does not allow the action (exit 4).
        case forbidden
        /// Missing, wrong, expired or revoked credentials, or a locked account (exit 3).
        case notAuthenticated
        /// The store was opened read-only (exit 4).
        case readOnly
        /// Anything else: disk full, corrupt file (exit 1).
        case failure
    }

    public let kind: Kind
    public let message: String
    /// The field at fault for `.invalid`, e.g. `"id"`, `"email"`.
    public let field: String?

    public init(_ kind: Kind, _ message: String, field: String? = nil) {
        self.kind = kind
        self.message = message
        self.field = field
    }

    public var description: String { message }

    /// The refusal of an edit based on data that another session has since changed.
    public static let stale = CoreError(.conflict, "changed by someone else; reload and try again")

    /// The refusal of any write when the service was opened with `readOnly`.
    public static let readOnly = CoreError(.readOnly, "read-only mode: changes are disabled")

    public static func invalid(_ field: String, _ message: String) -> CoreError {
        CoreError(.invalid, message, field: field)
    }
    public static func notFound(_ message: String) -> CoreError { CoreError(.notFound, message) }
    public static func conflict(_ message: String, field: String? = nil) -> CoreError { CoreError(.conflict, message, field: field) }
    public static func forbidden(_ message: String) -> CoreError { CoreError(.forbidden, message) }
    public static func notAuthenticated(_ message: String) -> CoreError { CoreError(.notAuthenticated, message) }
}
