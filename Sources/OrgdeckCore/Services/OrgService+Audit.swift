import Crypto
import Foundation

// MARK: - Audit (PRODUCT.md §7)
extension OrgService {
    /// Newest first; an Admin sees the organization's, others their own.
    public func auditEntries(_ session: Session, in context: Context, search: AuditSearch = AuditSearch(), offset: Int,
                             limit: Int) throws -> Page<AuditEntry> {
        try store.read { tx in
            try tx.auditWindow(try auditScope(tx, session, context), search: search, offset: offset, limit: min(limit, 10_000))
        }
    }

    /// Writes the entries the session may see that match `search` to `path` as CSV, oldest
    /// first, streaming (a log of millions never sits in memory); the count written.
    @discardableResult
    public func exportAudit(_ session: Session, in context: Context, search: AuditSearch = AuditSearch(), to path: String) throws -> Int {
        try CSVFile.write(to: path, header: AuditCSV.columns) { row in
            try store.read { tx in
                try tx.walkAudit(try auditScope(tx, session, context), search: search) { entry in try row(AuditCSV.row(entry)) }
            }
        }
    }

    /// Whether the session reads only its own entries here (anyone but an Admin of the
    /// organization), so a front end can say whose log it shows.
    public func auditIsOwnOnly(_ session: Session, in context: Context) throws -> Bool {
        try store.read { tx in
            if case .organization = try auditScope(tx, session, context) { return false }
            return true
        }
    }

    /// What the session may read of the log here: an Admin everything of the organization,
    /// anyone else their own entries.
    private func auditScope(_ tx: StoreTransaction, _ session: Session, _ context: Context) throws -> AuditFilter {
        let access = try access(tx, session, context)
        guard let organizationID = access.organizationID else { return .actor(session.user.username) }
        return access.role == .admin ? .organization(organizationID)
            : .actorInOrganization(actor: session.user.username, organizationID: organizationID)
    }

    /// The session user's recent sign-ins, failed sign-ins and locks, newest first.
    public func signInHistory(_ session: Session, limit: Int = 100) throws -> [AuditEntry] {
        try store.read { tx in try tx.auditWindow(.signIns(username: session.user.username), offset: 0, limit: min(limit, 1_000)).items }
    }

    /// Walks the whole chain and reports the first entry that is missing, edited, forged or
    /// unsealed where a seal is due; then checks the anchor kept outside the file, which catches
    /// a truncated or wholly rewritten log. Streams the table through a cursor, so memory stays
    /// flat however long the log. Never creates the key file.
    public func verifyAudit() throws -> AuditVerification {
        let key = try store.seal.keyForChecking()
        let anchorPath = try store.anchorPath()
        let anchor = try anchorPath.flatMap { try store.seal.anchor(at: $0) }
        return try store.read { tx in
            let databaseID = try tx.databaseID()
            var check = AuditWalk(key: key, keyFile: store.seal.keyFile, databaseID: databaseID, anchor: anchor)
            try tx.walkAudit { entry in check.visit(entry) }
            return check.finish(anchorPath: anchorPath)
        }
    }
}

/// The state of one walk over the audit log (`OrgService.verifyAudit`).
struct AuditWalk {
    let key: (key: SymmetricKey, id: String)?
    let keyFile: String?
    let databaseID: String
    let anchor: AuditAnchor?
    var expectedID: Int64 = 1
    var previousHash = AuditChain.genesisHash
    /// The first sealed entry: every later one must be sealed too.
    var firstSealed: Int64?
    var result: AuditVerification?

    init(key: (key: SymmetricKey, id: String)?, keyFile: String?, databaseID: String, anchor: AuditAnchor?) {
        self.key = key; self.keyFile = keyFile; self.databaseID = databaseID; self.anchor = anchor
    }

    /// Checks one entry; returns false to stop at the first problem.
    mutating func visit(_ entry: AuditEntry) -> Bool {
        if let problem = problem(with: entry) {
            result = .broken(entryID: entry.id, reason: problem)
            return false
        }
        expectedID = entry.id + 1
        previousHash = entry.hash
        return true
    }

    private mutating func problem(with entry: AuditEntry) -> String? {
        if entry.id != expectedID { return "entries \(expectedID)…\(entry.id - 1) are missing" }
        if entry.previousHash != previousHash { return "its previous-hash does not match entry \(entry.id - 1)" }
        if AuditChain.hash(of: entry) != entry.hash { return "its content does not match its hash (edited)" }
        if let anchor, anchor.entryID == entry.id, anchor.hash != entry.hash {
            return "it differs from the entry anchored outside the database (the log was rewritten)"
        }
        guard let seal = entry.seal, let keyID = entry.keyID else {
            if let firstSealed { return "it is not sealed although entry \(firstSealed) and later ones are (written outside orgdeck)" }
            if let anchor, entry.id > anchor.entryID { return "it is not sealed although the anchor is at entry \(anchor.entryID) (written outside orgdeck)" }
            return nil
        }
        if firstSealed == nil { firstSealed = entry.id }
        guard let key else {
            return "it is sealed but the audit key \(keyFile ?? "") is missing: restore the key file to check the log"
        }
        guard keyID == key.id else {
            return "it is sealed with another key (\(keyID)) than \(keyFile ?? "this process's") (\(key.id))"
        }
        let expected = AuditSeal.seal(key: key.key, databaseID: databaseID, entryID: entry.id, hash: entry.hash)
        guard AuditSeal.sealsMatch(seal, expected) else { return "its seal does not match (forged or rewritten)" }
        return nil
    }

    /// The verdict once every entry was seen.
    func finish(anchorPath: String?) -> AuditVerification {
        if let result { return result }
        let count = Int(expectedID - 1)
        if let anchor, anchor.entryID >= expectedID {
            return .broken(entryID: expectedID, reason: "entries \(expectedID)…\(anchor.entryID) are missing: "
                           + "the anchor outside the database records entry \(anchor.entryID) (the log was truncated)")
        }
        var notes: [String] = []
        if let firstSealed, firstSealed > 1 {
            notes.append("entries 1…\(firstSealed - 1) were written before seals existed; the hash chain covers them")
        }
        if firstSealed == nil && count > 0 { notes.append("no entry is sealed: only the hash chain vouches for the log") }
        if anchorPath != nil && anchor == nil && count > 0 {
            notes.append("no anchor for this file yet (new path or copied file): a truncation before now cannot be ruled out")
        }
        return .intact(entries: count, notes: notes)
    }
}
