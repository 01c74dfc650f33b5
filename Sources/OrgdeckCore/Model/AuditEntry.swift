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
    /// The ID of the key that sealed the entry, nil for entries written before seals existed.
    public var keyID: String?
    /// HMAC of the database identity, the entry number and `hash`, with the key kept outside the file.
    public var seal: String?

    public init(id: Int64, at: Date, actor: String?, organizationID: String?, action: String, target: String,
                details: String, source: AuditSource, outcome: String, previousHash: String, hash: String,
                keyID: String? = nil, seal: String? = nil) {
        self.id = id; self.at = at; self.actor = actor; self.organizationID = organizationID
        self.action = action; self.target = target; self.details = details; self.source = source
        self.outcome = outcome; self.previousHash = previousHash; self.hash = hash
        self.keyID = keyID; self.seal = seal
    }
}

/// The result of walking the audit chain, its seals and its anchor.
public enum AuditVerification: Equatable, Sendable {
    /// Every entry links to the previous one and every seal checks. `notes` say what could not
    /// be vouched for (no anchor for this file yet, entries from before seals existed).
    case intact(entries: Int, notes: [String])
    /// The first entry that is missing, altered, forged or not sealed where it must be.
    case broken(entryID: Int64, reason: String)
}
