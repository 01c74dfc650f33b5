import Foundation

// MARK: - Changing a password (PRODUCT.md §4, §8)
extension OrgService {
    /// Changes the signed-in user's password after checking the current one. The new password
    /// must meet the rules and differ from the current one. Audited as `user.password_change`;
    /// a wrong current password is audited as denied and counts nothing else.
    public func changePassword(_ session: Session, current: String, new: String) throws {
        if isReadOnly { throw CoreError.readOnly }
        guard let stored = try store.read({ tx in try tx.user(id: session.user.id) }) else {
            throw CoreError.notFound("no user \(session.user.username)")
        }
        guard case .right = verify(current, against: stored.passwordHash) else {
            try denyPasswordChange(session, reason: "wrong current password")
            throw CoreError.invalid("current", "the current password is wrong")
        }
        let new = try Validation.password(new, field: "new")
        if Validation.normalizedPassword(current) == new {
            throw CoreError.invalid("new", "the new password must differ from the current one")
        }
        let hash = try hashPassword(new)
        try change { tx in
            try tx.setPasswordHash(userID: stored.user.id, hash: hash)
            try tx.appendAudit(AuditRecord(at: now, actor: session.user.username, organizationID: nil,
                                           action: "user.password_change", target: session.user.username,
                                           details: "", source: session.source, outcome: "ok"))
        }
        Log.info("password changed for \(session.user.username)")
    }

    func denyPasswordChange(_ session: Session, reason: String) throws {
        try store.write(bookkeeping: true) { tx in
            try tx.appendAudit(AuditRecord(at: now, actor: session.user.username, organizationID: nil,
                                           action: "user.password_change", target: session.user.username,
                                           details: reason, source: session.source, outcome: "denied"))
        }
    }
}
