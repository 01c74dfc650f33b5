import Foundation

// MARK: - Changing a password (PRODUCT.md §4, §8)
extension OrgService {
    /// Changes the signed-in user's password after checking the current one. The new password
    /// must meet the policy of every organization the user is in (the platform default in
    /// none), differ from the current one and from the last ones the history rule remembers.
    /// Audited as `user.password_change`; a wrong current password is audited as denied.
    public func changePassword(_ session: Session, current: String, new: String) throws {
        if isReadOnly { throw CoreError.readOnly }
        let (stored, policy, history) = try store.read { tx -> (StoredUser, PasswordPolicy, [String]) in
            guard let stored = try tx.user(id: session.user.id) else { throw CoreError.notFound("no user \(session.user.username)") }
            let policy = try effectivePolicy(tx, userID: stored.user.id)
            return (stored, policy, try tx.passwordHistory(userID: stored.user.id, limit: policy.history))
        }
        guard case .right = verify(current, against: stored.passwordHash) else {
            try denyPasswordChange(session, reason: "wrong current password")
            throw CoreError.invalid("current", "the current password is wrong")
        }
        // The policy's length first: it is never below the platform's, and the form's hint names it.
        if Validation.normalizedPassword(new).count < policy.minLength {
            throw CoreError.invalid("new", PasswordRule.minLength(policy.minLength).message)
        }
        let new = try Validation.password(new, field: "new")
        if Validation.normalizedPassword(current) == new {
            throw CoreError.invalid("new", "the new password must differ from the current one")
        }
        try checkNewPassword(new, policy: policy, user: stored.user, earlierHashes: [stored.passwordHash] + history, field: "new")
        let hash = try hashPassword(new)
        try change { tx in
            // Another change in between (another session) would make this one's checks stale.
            guard try tx.user(id: stored.user.id)?.passwordHash == stored.passwordHash else { throw CoreError.stale }
            try tx.replacePassword(userID: stored.user.id, oldHash: stored.passwordHash, newHash: hash, at: now)
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
