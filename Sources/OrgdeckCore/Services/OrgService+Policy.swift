import Foundation

// MARK: - Password policies (PRODUCT.md §8)
extension OrgService {
    /// The organization's password policy: the platform default until an Admin sets one. Any
    /// member may read it (they must meet it).
    public func passwordPolicy(_ session: Session, organizationID: String) throws -> PasswordPolicy {
        try checkedRead { tx in
            let access = try access(tx, session, .organization(organizationID))
            return try tx.passwordPolicy(organizationID: access.organizationID ?? organizationID) ?? PasswordPolicy()
        }
    }

    /// Sets the organization's password policy (Admins). It bites at each member's next
    /// sign-in and password change. Audited as `policy.update` with what changed.
    @discardableResult
    public func setPasswordPolicy(_ session: Session, organizationID: String, _ policy: PasswordPolicy) throws -> PasswordPolicy {
        if isReadOnly { throw CoreError.readOnly }
        let policy = try policy.validated()
        return try change { tx in
            let access = try access(tx, session, .organization(organizationID))
            let orgID = access.organizationID ?? organizationID
            try require(.manageSecurity, access, tx, auditAction: "policy.update", target: orgID)
            let old = try tx.passwordPolicy(organizationID: orgID) ?? PasswordPolicy()
            guard old != policy else { return policy }
            try tx.setPasswordPolicy(organizationID: orgID, policy, at: now)
            try noteActivity(tx, access)
            try tx.appendAudit(record(session, organizationID: orgID, action: "policy.update", target: orgID,
                                      details: Self.policyChanges(old, policy)))
            return policy
        }
    }

    /// "min_length 8 → 12; require_digit off → on".
    static func policyChanges(_ old: PasswordPolicy, _ new: PasswordPolicy) -> String {
        func text(_ value: PasswordPolicy.Value) -> String {
            switch value {
            case .number(let number): return String(number)
            case .flag(let on): return on ? "on" : "off"
            }
        }
        return PasswordPolicy.settings.filter { old.value($0) != new.value($0) }
            .map { "\($0.name) \(text(old.value($0))) → \(text(new.value($0)))" }.joined(separator: "; ")
    }

    /// What the user's next password must meet, in words, for a form's hint: the strictest of
    /// their organizations' policies, as a change of password is checked.
    public func passwordRequirements(_ session: Session) -> String {
        ((try? store.read { tx in try effectivePolicy(tx, userID: session.user.id) }) ?? PasswordPolicy()).requirements
    }

    /// The policy an account meets: the strictest of its organizations' (the default in none).
    func effectivePolicy(_ tx: StoreTransaction, userID: Int64) throws -> PasswordPolicy {
        PasswordPolicy.strictest(try tx.passwordPolicies(userID: userID))
    }

    /// Why an account must change its password before anything else, nil when it need not:
    /// the password (as typed at sign-in) breaks its organizations' policy now in force, or it
    /// has expired. An account in no organization has only the platform default, which applies
    /// at sign-up and password change, not at sign-in.
    func requiredChange(_ tx: StoreTransaction, user: User, password: String, at: Date) throws -> String? {
        let policies = try tx.passwordPolicies(userID: user.id)
        guard !policies.isEmpty else { return nil }
        let policy = PasswordPolicy.strictest(policies)
        if let rule = policy.violation(of: Validation.normalizedPassword(password), username: user.username, email: user.email) {
            return rule.message
        }
        if policy.maxAgeDays > 0, let state = try tx.passwordState(userID: user.id),
           at.timeIntervalSince(state.changedAt) > Double(policy.maxAgeDays) * 86_400 {
            return PasswordRule.expired(days: policy.maxAgeDays).message
        }
        return nil
    }

    /// Refuses a new password that breaks `policy` or repeats one of the last `policy.history`
    /// (`earlierHashes`, most recent first, the current password's included). Each remembered
    /// password costs a hash check, so callers do this outside any write.
    func checkNewPassword(_ password: String, policy: PasswordPolicy, user: User, earlierHashes: [String],
                          field: String) throws {
        if let rule = policy.violation(of: password, username: user.username, email: user.email) {
            throw CoreError.invalid(field, rule.message)
        }
        for hash in earlierHashes.prefix(policy.history) {
            if case .right = hasher.verify(password, against: hash) {
                throw CoreError.invalid(field, PasswordRule.reused(policy.history).message)
            }
        }
    }
}
