import Foundation

// MARK: - Audit (PRODUCT.md §7)
extension OrgService {
    /// Newest first; an Admin sees the organization's, others their own.
    public func auditEntries(_ session: Session, in context: Context, offset: Int, limit: Int) throws -> Page<AuditEntry> {
        try store.read { tx in
            let access = try access(tx, session, context)
            let filter: AuditFilter
            if let organizationID = access.organizationID {
                filter = access.role == .admin
                    ? .organization(organizationID)
                    : .actorInOrganization(actor: session.user.username, organizationID: organizationID)
            } else {
                filter = .actor(session.user.username)
            }
            return try tx.auditWindow(filter, offset: offset, limit: min(limit, 10_000))
        }
    }

    /// Walks the whole chain and reports the first broken link.
    /// Streams the table through a cursor, so memory stays flat however long the log.
    public func verifyAudit() throws -> AuditVerification {
        try store.read { tx in
            var expectedID: Int64 = 1
            var previousHash = AuditChain.genesisHash
            var result: AuditVerification?
            try tx.walkAudit { entry in
                if entry.id != expectedID {
                    result = .broken(entryID: entry.id, reason: "entries \(expectedID)…\(entry.id - 1) are missing")
                } else if entry.previousHash != previousHash {
                    result = .broken(entryID: entry.id, reason: "its previous-hash does not match entry \(entry.id - 1)")
                } else if AuditChain.hash(of: entry) != entry.hash {
                    result = .broken(entryID: entry.id, reason: "its content does not match its hash (edited)")
                }
                if result != nil { return false }
                expectedID = entry.id + 1
                previousHash = entry.hash
                return true
            }
            return result ?? .intact(entries: Int(expectedID - 1))
        }
    }
}
