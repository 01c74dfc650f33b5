import Foundation

/// One append-only record of a change or a denied attempt.
public struct AuditEntry: Equatable, Sendable, Identifiable {
    public var id: Int64
    public var at: Date
    /// Username of the actor, or nil for the system.
    public var actor: String?
    /// Organization the action concerned, if any.
    public var organizationID: String?
    /// `category.operation`, e.g. `app.create`, `member.role_change`.
    public var action: String
    public var target: String
    public var details: String
    public var source: AuditSource
    /// `ok` or `denied` (or `failed`).
    public var outcome: String
    public var previousHash: String
    public var hash: String

    public init(id: Int64, at: Date, actor: String?, organizationID: String?, action: String, target: String,
                details: String, source: AuditSource, outcome: String, previousHash: String, hash: String) {
        self.id = id; self.at = at; self.actor = actor; self.organizationID = organizationID
        self.action = action; self.target = target; self.details = details; self.source = source
        self.outcome = outcome; self.previousHash = previousHash; self.hash = hash
    }
}

/// The result of walking the audit chain.
public enum AuditVerification: Equatable, Sendable {
    case intact(entries: Int)
    /// The first entry whose stored hash does not match its content or its predecessor.
    case broken(entryID: Int64, reason: String)
}
