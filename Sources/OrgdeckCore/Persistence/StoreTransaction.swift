import Foundation
import GRDB

/// One open transaction of the SQLite store, with the domain-level reads and writes the
/// service composes into invariant-preserving operations. All of the core's SQL lives in
/// this type's extensions (`StoreTransaction+Users.swift`, …).
struct StoreTransaction {
    let db: Database
    /// Seals the audit entries this transaction appends.
    let seal: AuditSeal
    /// What the transaction did that matters after its commit (the newest sealed entry).
    let notes: TransactionNotes
}

/// Facts a transaction collects for the store to act on once it has committed.
final class TransactionNotes {
    /// The newest entry sealed in this transaction, with the database's identity.
    var sealedHead: (databaseID: String, anchor: AuditAnchor)?
}

/// The account as stored, with what sign-in needs besides the public `User`.
struct StoredUser: Sendable {
    var user: User
    var passwordHash: String
}

/// An app row with its internal key, which pins (and later inputs, models…) reference.
struct StoredApp: Sendable {
    var key: Int64
    var app: App
    /// The reader's scopes on it as a collaborator, nil when it was not shared with them.
    var collaboration: Set<CollaboratorScope>? { app.collaboration }
    /// Reached only through a collaboration: its scopes are all the reader may do there.
    var sharedOnly = false
}

/// Which apps of an owner a reader may see.
enum AppVisibility: Sendable, Equatable {
    /// Every app of the owner (owner, Admin, Organization Contributor or User).
    case all
    /// Only apps granted to this user through their teams (Team Contributor), and those shared with them.
    case teamGranted(userID: Int64)
    /// Only apps shared with this user (a collaborator outside the owner).
    case sharedWith(userID: Int64)
}

/// The apps of one owner as one reader sees them.
struct AppScope: Sendable {
    var owner: Owner
    var readerID: Int64
    var visibility: AppVisibility
}

// MARK: - Conversions shared by the extensions

extension Date {
    /// The stored form of a time: seconds since 1970, UTC.
    var storedValue: Double { timeIntervalSince1970 }
    init(stored: Double) { self.init(timeIntervalSince1970: stored) }
}

extension Owner {
    /// The single column the app indexes lead with.
    var storageKey: String {
        switch self {
        case .user(let id): return "u:\(id)"
        case .organization(let id): return "o:\(id.lowercased())"
        }
    }
}
