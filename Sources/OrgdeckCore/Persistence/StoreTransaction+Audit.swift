import Foundation
import GRDB

/// What the service asks to record; the store adds the ID and the chain hashes.
struct AuditRecord: Sendable {
    var at: Date
    var actor: String?
    var organizationID: String?
    var action: String
    var target: String
    var details: String
    var source: AuditSource
    var outcome: String

    /// The most characters a target or details keeps; the middle of a longer one is elided.
    static let maxTarget = 256
    static let maxDetails = 2_000

    /// The record as it is stored: a target or details can be what a refused user typed (a
    /// denied attempt records its argument), so control and bidi characters are stored by their
    /// code, never raw, and the length is bounded. An export of the log (CSV to a terminal, over
    /// SSH) then cannot carry a member's escape sequences to an Admin's terminal, and refused
    /// attempts cannot grow the log by any size they like.
    var bounded: AuditRecord {
        var record = self
        record.actor = actor.map { Self.bound(Validation.visible($0), Self.maxTarget) }
        record.target = Self.bound(Validation.visible(target), Self.maxTarget)
        record.details = Self.bound(Validation.visible(details), Self.maxDetails)
        return record
    }

    static func bound(_ text: String, _ max: Int) -> String {
        guard text.count > max else { return text }
        return String(text.prefix(max - max / 4 - 1)) + "…" + String(text.suffix(max / 4))
    }
}

/// Which entries a reader may see.
enum AuditFilter: Sendable {
    /// Everything recorded about one organization (its Admins).
    case organization(String)
    /// One actor's entries within one organization.
    case actorInOrganization(actor: String, organizationID: String)
    /// One actor's entries anywhere (the personal context).
    case actor(String)
    /// The sign-ins, failed sign-ins and locks of one account, and the SSH keys added to it.
    case signIns(username: String)
}

extension StoreTransaction {
    private static let auditColumns = """
        id, at, actor, organization_id, action, target, details, source, outcome, prev_hash, hash, key_id, seal
        """

    private func auditEntry(_ row: Row) throws -> AuditEntry {
        let read = RowReader(row, table: "audit_log")
        return AuditEntry(id: try read("id"), at: try read.date("at"), actor: try read("actor"),
                          organizationID: try read("organization_id"), action: try read("action"),
                          target: try read("target"), details: try read("details"), source: try read.choice("source"),
                          outcome: try read("outcome"), previousHash: try read("prev_hash"), hash: try read("hash"),
                          keyID: try read("key_id"), seal: try read("seal"))
    }

    /// Appends one entry, chained to the last one and sealed with the key kept outside the
    /// file. Runs inside the caller's write transaction, which is IMMEDIATE, so no other writer
    /// can append between the read of the last hash and this insert. Without a usable key the
    /// entry is written unsealed (the change must not fail for it) and `audit verify` says so.
    @discardableResult
    func appendAudit(_ record: AuditRecord) throws -> AuditEntry {
        let record = record.bounded
        let last = try Row.fetchOne(db, sql: "SELECT id, hash, key_id FROM audit_log ORDER BY id DESC LIMIT 1")
        let lastRead = last.map { RowReader($0, table: "audit_log") }
        // The key the log is sealed with, as its newest entry says (none after an entry written
        // unsealed for want of a readable key: looking further back would cost every append).
        let chainKey: String? = try lastRead?("key_id")
        let id: Int64 = try (lastRead?("id") ?? 0) + 1
        let previousHash: String = try lastRead?("hash") ?? AuditChain.genesisHash
        var entry = AuditEntry(id: id, at: Date(stored: record.at.storedValue), actor: record.actor,
                               organizationID: record.organizationID, action: record.action, target: record.target,
                               details: record.details, source: record.source, outcome: record.outcome,
                               previousHash: previousHash, hash: "", keyID: nil, seal: nil)
        entry.hash = AuditChain.hash(of: entry)
        if let key = try seal.keyForSealing(chain: chainKey) {
            let databaseID = try databaseID()
            entry.keyID = key.id
            entry.seal = AuditSeal.seal(key: key.key, databaseID: databaseID, entryID: id, hash: entry.hash)
            notes.sealedHead = (databaseID, AuditAnchor(entryID: id, hash: entry.hash, seal: entry.seal ?? ""))
        }
        try db.execute(sql: """
            INSERT INTO audit_log (\(Self.auditColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [entry.id, record.at.storedValue, entry.actor, entry.organizationID, entry.action,
                             entry.target, entry.details, entry.source.rawValue, entry.outcome,
                             entry.previousHash, entry.hash, entry.keyID, entry.seal])
        return entry
    }

    private func condition(_ filter: AuditFilter) -> (String, StatementArguments) {
        switch filter {
        case .organization(let id): return ("organization_id = ?", [id])
        case .actorInOrganization(let actor, let id): return ("organization_id = ? AND actor = ?", [id, actor])
        case .actor(let actor): return ("actor = ?", [actor])
        case .signIns(let username):
            return ("target = ? AND action IN ('user.signin', 'user.signin_failed', 'user.locked', 'user.ssh_signin', 'user.ssh_refused', 'user.ssh_key_add')", [username])
        }
    }

    /// The reader's filter narrowed by a search.
    private func condition(_ filter: AuditFilter, _ search: AuditSearch) -> (String, StatementArguments) {
        var (sql, arguments) = condition(filter)
        if let member = search.member { sql += " AND actor = ?"; arguments += [member] }
        if let action = search.action {
            if action.contains(".") { sql += " AND action = ?"; arguments += [action] }
            // A category is a range of names ("app." up to "app/", the next character), so an index answers it.
            else { sql += " AND (action = ? OR (action >= ? AND action < ?))"; arguments += [action, action + ".", action + "/"] }
        }
        if let target = search.target { sql += " AND target = ?"; arguments += [target] }
        if let outcome = search.outcome { sql += " AND outcome = ?"; arguments += [outcome] }
        if let since = search.since { sql += " AND at >= ?"; arguments += [since.storedValue] }
        if let until = search.until { sql += " AND at < ?"; arguments += [until.storedValue] }
        return (sql, arguments)
    }

    /// Entries matching a search, newest first, a window at a time.
    func auditWindow(_ filter: AuditFilter, search: AuditSearch, offset: Int, limit: Int) throws -> Page<AuditEntry> {
        let (whereSQL, arguments) = condition(filter, search)
        let items = try Row.fetchAll(db, sql: """
            SELECT \(Self.auditColumns) FROM audit_log WHERE \(whereSQL) ORDER BY id DESC LIMIT ? OFFSET ?
            """, arguments: arguments + [max(0, limit), max(0, offset)]).map(auditEntry)
        let total = Self.windowReachesEnd(read: items.count, asked: limit, offset: offset) ? offset + items.count
            : try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_log WHERE \(whereSQL)", arguments: arguments) ?? 0
        return Page(items: items, total: total, offset: max(0, offset))
    }

    /// Visits the entries matching a search, oldest first, without loading them all.
    func walkAudit(_ filter: AuditFilter, search: AuditSearch, _ visit: (AuditEntry) throws -> Void) throws {
        let (whereSQL, arguments) = condition(filter, search)
        let cursor = try Row.fetchCursor(db, sql: "SELECT \(Self.auditColumns) FROM audit_log WHERE \(whereSQL) ORDER BY id",
                                         arguments: arguments)
        while let row = try cursor.next() { try visit(try auditEntry(row)) }
    }

    /// A window of entries, newest first.
    func auditWindow(_ filter: AuditFilter, offset: Int, limit: Int) throws -> Page<AuditEntry> {
        let (whereSQL, arguments) = condition(filter)
        let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_log WHERE \(whereSQL)", arguments: arguments) ?? 0
        let items = try Row.fetchAll(db, sql: """
            SELECT \(Self.auditColumns) FROM audit_log WHERE \(whereSQL) ORDER BY id DESC LIMIT ? OFFSET ?
            """, arguments: arguments + [max(0, limit), max(0, offset)]).map(auditEntry)
        return Page(items: items, total: total, offset: max(0, offset))
    }

    /// Visits every entry in chain order without loading the table; `visit` returns false to stop.
    func walkAudit(_ visit: (AuditEntry) throws -> Bool) throws {
        let cursor = try Row.fetchCursor(db, sql: "SELECT \(Self.auditColumns) FROM audit_log ORDER BY id")
        while let row = try cursor.next() {
            if try !visit(try auditEntry(row)) { return }
        }
    }
}
