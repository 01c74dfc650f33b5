import Foundation

/// A person with an account on the platform.
public struct User: Equatable, Hashable, Sendable, Identifiable {
    /// Internal row id; never shown, stable for the life of the account.
    public var id: Int64
    public var username: String
    public var displayName: String
    /// Stored as entered; compared case-insensitively.
    public var email: String
    public var createdAt: Date
    /// Optimistic-concurrency version, bumped on every update.
    public var version: Int

    public init(id: Int64, username: String, displayName: String, email: String, createdAt: Date, version: Int) {
        self.id = id; self.username = username; self.displayName = displayName
        self.email = email; self.createdAt = createdAt; self.version = version
    }
}
