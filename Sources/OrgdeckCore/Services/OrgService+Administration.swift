import Foundation

// MARK: - Organization profile, leaving and deleting, members (PRODUCT.md §5)
extension OrgService {
    /// Changes the organization's name and billing email (Admins only; nil leaves a field as it
    /// is). With `expectedVersion` (the version the caller saw) a change made meanwhile is
    /// refused with `CoreError.stale`; without one the change applies to the current version,
    /// read in the same transaction. The name stays unique.
    public func updateOrganization(_ session: Session, id: String, name: String?, billingEmail: String?,
                                   expectedVersion: Int?) throws -> Organization {
        if isReadOnly { throw CoreError.readOnly }
        let name = try name.map { try Validation.name($0) }
        let billingEmail = try billingEmail.map { try Validation.email($0, field: "billing_email") }
        return try change { tx in
            let access = try access(tx, session, .organization(id))
            let orgID = access.organizationID ?? id
            try require(.manageOrganization, access, tx, auditAction: "org.update", target: orgID)
            guard let old = try tx.organization(id: orgID) else { throw CoreError.notFound("no organization \(orgID)") }
            if let expectedVersion, old.version != expectedVersion { throw CoreError.stale }
            let name = name ?? old.name, billingEmail = billingEmail ?? old.billingEmail
            if old.name == name && old.billingEmail == billingEmail { return old }
            if old.name != name, try tx.organizationNameExists(name, except: orgID) {
                throw CoreError.conflict("an organization named \(name) already exists", field: "name")
            }
            guard try tx.updateOrganization(id: orgID, name: name, billingEmail: billingEmail,
                                            expectedVersion: old.version) else { throw CoreError.stale }
            try noteActivity(tx, access)
            var changes: [String] = []
            if old.name != name { changes.append("name \(old.name) → \(name)") }
            if old.billingEmail != billingEmail { changes.append("billing email \(old.billingEmail) → \(billingEmail)") }
            try tx.appendAudit(record(session, organizationID: orgID, action: "org.update", target: orgID,
                                      details: changes.joined(separator: "; ")))
            var updated = old
            updated.name = name; updated.billingEmail = billingEmail; updated.version = old.version + 1
            return updated
        }
    }

    /// Deletes the organization (Admins only) once `confirmation` is exactly its ID. Its apps and
    /// their content, teams, memberships and invitations go; members become personal users
    /// again and keep their personal apps; the audit log keeps every entry.
    public func deleteOrganization(_ session: Session, id: String, confirmation: String) throws {
        if isReadOnly { throw CoreError.readOnly }
        try change { tx in
            let access = try access(tx, session, .organization(id))
            let orgID = access.organizationID ?? id
            try require(.manageOrganization, access, tx, auditAction: "org.delete", target: orgID)
            guard confirmation == orgID else {
                throw CoreError.invalid("confirmation", "type the organization ID \(orgID) exactly to confirm")
            }
            let name = try tx.organization(id: orgID)?.name ?? orgID
            let footprint = try tx.organizationFootprint(id: orgID)
            try tx.deleteOrganization(id: orgID)
            try tx.appendAudit(record(session, organizationID: orgID, action: "org.delete", target: orgID,
                                      details: "name \(name); \(footprint.apps) apps, \(footprint.members) members, "
                                          + "\(footprint.teams) teams, \(footprint.pendingInvitations) pending invitations"))
        }
        Log.info("deleted organization \(id)")
    }

    /// Leaves the organization (any member). The last Admin is refused: they make someone else
    /// Admin or delete the organization. Team memberships go; personal apps stay.
    public func leaveOrganization(_ session: Session, organizationID: String) throws {
        if isReadOnly { throw CoreError.readOnly }
        try change { tx in
            let access = try access(tx, session, .organization(organizationID))
            let orgID = access.organizationID ?? organizationID
            if access.role == .admin, try tx.adminCount(organizationID: orgID) <= 1 {
                throw denial(.conflict("you are the last Admin of \(orgID): make someone else Admin or delete the organization"),
                             session, organizationID: orgID, action: "member.leave", target: session.user.username)
            }
            try tx.deleteMembership(organizationID: orgID, userID: session.user.id)
            try tx.appendAudit(record(session, organizationID: orgID, action: "member.leave", target: session.user.username,
                                      details: "was \(access.role?.rawValue ?? "member")"))
        }
    }

    /// The member named `username` (any case), or `.notFound`.
    private func findMember(_ tx: StoreTransaction, organizationID: String, username: String) throws -> Member {
        guard let user = try tx.user(username: username.lowercased())?.user,
              let member = try tx.member(organizationID: organizationID, userID: user.id)
        else { throw CoreError.notFound("no member \(Validation.visible(username)) in \(organizationID)") }
        return member
    }

    /// Gives a member another role (Admins only). Nobody changes their own role, and the last
    /// Admin cannot be demoted. Team memberships stay (they matter again if the member becomes
    /// Team Contributor). `expected`: the role the change was chosen against; when another
    /// session has changed it since, the change is refused as stale (`CoreError.stale`).
    @discardableResult
    public func changeRole(_ session: Session, organizationID: String, username: String, to role: Role,
                           expected: Role? = nil) throws -> Member {
        if isReadOnly { throw CoreError.readOnly }
        return try change { tx in
            let access = try access(tx, session, .organization(organizationID))
            let orgID = access.organizationID ?? organizationID
            try require(.manageMembers, access, tx, auditAction: "member.role_change", target: username)
            var member = try findMember(tx, organizationID: orgID, username: username)
            let target = member.user.username
            if member.user.id == session.user.id {
                throw denial(.forbidden("you cannot change your own role"), session, organizationID: orgID,
                             action: "member.role_change", target: target, details: "own role; to \(role.rawValue)")
            }
            guard member.role != role else { return member }
            if let expected, member.role != expected { throw CoreError.stale }
            if member.role == .admin, try tx.adminCount(organizationID: orgID) <= 1 {
                throw denial(.conflict("\(target) is the last Admin of \(orgID): make someone else Admin first"),
                             session, organizationID: orgID, action: "member.role_change", target: target,
                             details: "last Admin; to \(role.rawValue)")
            }
            try tx.setRole(organizationID: orgID, userID: member.user.id, role: role)
            try noteActivity(tx, access)
            try tx.appendAudit(record(session, organizationID: orgID, action: "member.role_change", target: target,
                                      details: "\(member.role.rawValue) → \(role.rawValue)"))
            member.role = role
            return member
        }
    }

    /// Removes a member (Admins only): their team memberships go, their personal apps stay
    /// theirs. You cannot remove yourself (leave instead), nor the last Admin.
    public func removeMember(_ session: Session, organizationID: String, username: String) throws {
        if isReadOnly { throw CoreError.readOnly }
        try change { tx in
            let access = try access(tx, session, .organization(organizationID))
            let orgID = access.organizationID ?? organizationID
            try require(.manageMembers, access, tx, auditAction: "member.remove", target: username)
            let member = try findMember(tx, organizationID: orgID, username: username)
            let target = member.user.username
            if member.user.id == session.user.id {
                throw denial(.forbidden("you cannot remove yourself: leave the organization instead"), session,
                             organizationID: orgID, action: "member.remove", target: target)
            }
            if member.role == .admin, try tx.adminCount(organizationID: orgID) <= 1 {
                throw denial(.conflict("\(target) is the last Admin of \(orgID)"), session, organizationID: orgID,
                             action: "member.remove", target: target)
            }
            try tx.deleteMembership(organizationID: orgID, userID: member.user.id)
            try noteActivity(tx, access)
            try tx.appendAudit(record(session, organizationID: orgID, action: "member.remove", target: target,
                                      details: "was \(member.role.rawValue)"
                                          + (member.teams.isEmpty ? "" : "; teams \(member.teams.joined(separator: ", "))")))
        }
    }
}
