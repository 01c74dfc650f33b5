import Foundation

// MARK: - Invitations (PRODUCT.md §5)
extension OrgService {
    var invitationLifetime: TimeInterval { Double(max(1, options.invitationExpiryDays)) * 86_400 }

    /// Invites an email address to the organization with a role (Admins only). Teams (IDs of
    /// existing teams) are joined on acceptance and only make sense for Team Contributors.
    /// Refused when that email is already a member, or already has a pending invitation.
    public func invite(_ session: Session, organizationID: String, email: String, role: Role, teams: [String]) throws -> Invitation {
        if isReadOnly { throw CoreError.readOnly }
        let email = try Validation.email(email)
        let requested = try teams.map { try Validation.identifier($0, field: "teams") }
        if role != .teamContributor && !requested.isEmpty {
            throw CoreError.invalid("teams", "teams apply only to Team Contributors; \(role.title) reaches apps without them")
        }
        return try change { tx in
            let access = try access(tx, session, .organization(organizationID))
            let orgID = access.organizationID ?? organizationID
            try require(.manageInvitations, access, tx, auditAction: "invitation.send", target: email)
            var teamIDs: [String] = []
            for id in requested {
                guard let team = try tx.team(organizationID: orgID, id: id) else {
                    throw CoreError(.notFound, "no team \(Validation.visible(id)) in \(orgID)", field: "teams")
                }
                if !teamIDs.contains(team.team.id) { teamIDs.append(team.team.id) }
            }
            let at = now
            if let reason = try refusalToInvite(tx, organizationID: orgID, email: email, at: at) {
                throw CoreError.conflict(reason, field: "email")
            }
            let key = try tx.insertInvitation(organizationID: orgID, email: email, role: role, teams: teamIDs,
                                              invitedBy: session.user.username, sentAt: at,
                                              expiresAt: at.addingTimeInterval(invitationLifetime))
            try noteActivity(tx, access)
            try tx.appendAudit(record(session, organizationID: orgID, action: "invitation.send",
                                      target: StoreTransaction.invitationID(key),
                                      details: "to \(email) as \(role.rawValue)"
                                          + (teamIDs.isEmpty ? "" : "; teams \(teamIDs.joined(separator: ", "))")))
            guard let stored = try tx.invitation(key: key, now: at) else { throw CoreError(.failure, "invitation vanished") }
            return stored.invitation
        }
    }

    /// Why `email` cannot be invited to the organization now (nil: it can): already a member, or
    /// an invitation to it is pending. Asked when the address is typed, before the role is
    /// picked; `invite` enforces the same.
    public func refusalToInvite(_ session: Session, organizationID: String, email: String) throws -> String? {
        let email = try Validation.email(email)
        return try store.read { tx in
            let access = try access(tx, session, .organization(organizationID))
            try require(.manageInvitations, access, tx, auditAction: "invitation.send", target: email)
            return try refusalToInvite(tx, organizationID: access.organizationID ?? organizationID, email: email, at: now)
        }
    }

    private func refusalToInvite(_ tx: StoreTransaction, organizationID: String, email: String, at: Date) throws -> String? {
        if try tx.member(organizationID: organizationID, email: email) != nil { return "\(email) is already a member" }
        if try tx.hasPendingInvitation(organizationID: organizationID, email: email, now: at) {
            return "an invitation to \(email) is already pending"
        }
        return nil
    }

    /// The organization's invitations in every state (Admins only): pending first, then newest.
    public func invitations(_ session: Session, organizationID: String) throws -> [Invitation] {
        try checkedRead { tx in
            let access = try access(tx, session, .organization(organizationID))
            let orgID = access.organizationID ?? organizationID
            try require(.manageInvitations, access, tx, auditAction: "invitation.list", target: orgID)
            return try tx.invitations(organizationID: orgID, now: now)
        }
    }

    /// The session user's pending, unexpired invitations (matched on their email,
    /// case-insensitively), newest first: what the header badge counts.
    public func receivedInvitations(_ session: Session) throws -> [Invitation] {
        try store.read { tx in
            guard let user = try tx.user(id: session.user.id)?.user else { return [] }
            return try tx.pendingInvitations(email: user.email, now: now)
        }
    }

    /// The invitation addressed to the session user, or `.notFound` (also when it is someone
    /// else's: that attempt is audited as denied in the inviting organization's log).
    private func ownInvitation(_ tx: StoreTransaction, _ session: Session, id: String, action: String) throws -> StoredInvitation {
        let notFound = CoreError.notFound("no invitation \(Validation.visible(id))")
        guard let key = StoreTransaction.invitationKey(id), let stored = try tx.invitation(key: key, now: now) else {
            throw notFound
        }
        let email = try tx.user(id: session.user.id)?.user.email ?? session.user.email
        guard stored.invitation.email.lowercased() == email.lowercased() else {
            throw denial(notFound, session, organizationID: stored.invitation.organizationID, action: action,
                         target: stored.invitation.id, details: "addressed to another email")
        }
        return stored
    }

    /// Refuses an answer unless the invitation is pending and unexpired.
    private func requireOpen(_ invitation: Invitation, _ session: Session, action: String) throws {
        switch invitation.state {
        case .pending: return
        case .expired:
            throw denial(.conflict("this invitation expired on \(invitation.expiresAt.utcDay); ask for a new one"),
                         session, organizationID: invitation.organizationID, action: action, target: invitation.id)
        case .accepted, .declined, .rescinded:
            throw CoreError.conflict("this invitation was already \(invitation.state.rawValue)")
        }
    }

    /// Accepts an invitation addressed to the session user's email: they join with its role
    /// and teams (teams deleted since are skipped). Refused when expired or no longer pending,
    /// and at the organizations-per-user limit ("leave your current organization first").
    ///
    /// With `password` (the invitee's own), it is checked against the inviting organization's
    /// password policy first, and a password that breaks it is refused naming the rule; without
    /// it (the console, where the password was typed at sign-in), the policy bites at the next
    /// sign-in like any tightened policy.
    @discardableResult
    public func acceptInvitation(_ session: Session, id: String, password: String? = nil) throws -> OrganizationMembership {
        if isReadOnly { throw CoreError.readOnly }
        if let password { try checkPasswordForInvitation(session, id: id, password: password) }
        return try change { tx in
            let stored = try ownInvitation(tx, session, id: id, action: "invitation.accept")
            let invitation = stored.invitation
            try requireOpen(invitation, session, action: "invitation.accept")
            let orgID = invitation.organizationID
            if try tx.role(organizationID: orgID, userID: session.user.id) != nil {
                throw CoreError.conflict("you are already a member of \(orgID)")
            }
            if try tx.membershipCount(userID: session.user.id) >= options.organizationsPerUser {
                throw denial(.conflict("leave your current organization first"), session, organizationID: orgID,
                             action: "invitation.accept", target: invitation.id, details: "organization limit")
            }
            let at = now
            try tx.insertMembership(organizationID: orgID, userID: session.user.id, role: invitation.role, at: at)
            try tx.setLastActive(organizationID: orgID, userID: session.user.id, at: at)
            var joined: [String] = []
            for teamID in invitation.teams {
                guard let team = try tx.team(organizationID: orgID, id: teamID) else { continue }
                try tx.addTeamMember(teamKey: team.key, userID: session.user.id, at: at)
                joined.append(team.team.id)
            }
            try tx.setInvitationState(key: stored.key, .accepted, at: at)
            try tx.appendAudit(record(session, organizationID: orgID, action: "invitation.accept", target: invitation.id,
                                      details: "joined as \(invitation.role.rawValue)"
                                          + (joined.isEmpty ? "" : "; teams \(joined.joined(separator: ", "))")))
            guard let organization = try tx.organization(id: orgID) else { throw CoreError.notFound("no organization \(orgID)") }
            return OrganizationMembership(organization: organization, role: invitation.role, joinedAt: at)
        }
    }

    /// Declines an invitation addressed to the session user's email; it must be pending and unexpired.
    public func declineInvitation(_ session: Session, id: String) throws {
        if isReadOnly { throw CoreError.readOnly }
        try change { tx in
            let stored = try ownInvitation(tx, session, id: id, action: "invitation.decline")
            try requireOpen(stored.invitation, session, action: "invitation.decline")
            try tx.setInvitationState(key: stored.key, .declined, at: now)
            try tx.appendAudit(record(session, organizationID: stored.invitation.organizationID, action: "invitation.decline",
                                      target: stored.invitation.id, details: "to \(stored.invitation.email)"))
        }
    }

    /// The invitation as seen by an Admin of its organization; `.notFound` for non-members,
    /// a denial for members who are not Admins.
    private func managedInvitation(_ tx: StoreTransaction, _ session: Session, id: String,
                                   action: String) throws -> (StoredInvitation, Access) {
        let notFound = CoreError.notFound("no invitation \(Validation.visible(id))")
        guard let key = StoreTransaction.invitationKey(id), let stored = try tx.invitation(key: key, now: now) else {
            throw notFound
        }
        let access: Access
        do {
            access = try self.access(tx, session, .organization(stored.invitation.organizationID))
        } catch let error as CoreError where error.kind == .notFound {
            throw notFound
        }
        try require(.manageInvitations, access, tx, auditAction: action, target: stored.invitation.id)
        return (stored, access)
    }

    /// Withdraws a pending invitation (Admins of its organization).
    public func rescindInvitation(_ session: Session, id: String) throws {
        if isReadOnly { throw CoreError.readOnly }
        try change { tx in
            let (stored, access) = try managedInvitation(tx, session, id: id, action: "invitation.rescind")
            if let reason = stored.invitation.refusalToRescind { throw CoreError.conflict(reason) }
            try tx.setInvitationState(key: stored.key, .rescinded, at: now)
            try noteActivity(tx, access)
            try tx.appendAudit(record(session, organizationID: stored.invitation.organizationID, action: "invitation.rescind",
                                      target: stored.invitation.id, details: "to \(stored.invitation.email)"))
        }
    }

    /// Sends a pending or expired invitation again (Admins of its organization): pending, sent
    /// now by the session user, expiring `invitationExpiryDays` from now.
    @discardableResult
    public func resendInvitation(_ session: Session, id: String) throws -> Invitation {
        if isReadOnly { throw CoreError.readOnly }
        return try change { tx in
            let (stored, access) = try managedInvitation(tx, session, id: id, action: "invitation.resend")
            let invitation = stored.invitation
            if let reason = invitation.refusalToResend { throw CoreError.conflict(reason) }
            let orgID = invitation.organizationID
            if try tx.member(organizationID: orgID, email: invitation.email) != nil {
                throw CoreError.conflict("\(invitation.email) is already a member")
            }
            let at = now
            if try tx.hasPendingInvitation(organizationID: orgID, email: invitation.email, now: at, except: stored.key) {
                throw CoreError.conflict("an invitation to \(invitation.email) is already pending")
            }
            let expiresAt = at.addingTimeInterval(invitationLifetime)
            try tx.renewInvitation(key: stored.key, invitedBy: session.user.username, sentAt: at, expiresAt: expiresAt)
            try noteActivity(tx, access)
            try tx.appendAudit(record(session, organizationID: orgID, action: "invitation.resend", target: invitation.id,
                                      details: "to \(invitation.email); expires \(expiresAt.utcDay)"))
            guard let renewed = try tx.invitation(key: stored.key, now: at) else { throw CoreError(.failure, "invitation vanished") }
            return renewed.invitation
        }
    }

    /// Verifies the invitee's password and checks it against the inviting organization's policy.
    private func checkPasswordForInvitation(_ session: Session, id: String, password: String) throws {
        let (stored, policy) = try store.read { tx -> (StoredUser?, PasswordPolicy?) in
            guard let key = StoreTransaction.invitationKey(id), let invitation = try tx.invitation(key: key, now: now)?.invitation else {
                return (nil, nil)
            }
            return (try tx.user(id: session.user.id), try tx.passwordPolicy(organizationID: invitation.organizationID))
        }
        guard let stored else { return }   // no such invitation: the acceptance says so
        guard case .right = verify(password, against: stored.passwordHash) else {
            throw CoreError.notAuthenticated("wrong password")
        }
        if let rule = (policy ?? PasswordPolicy()).violation(of: Validation.normalizedPassword(password),
                                                             username: stored.user.username, email: stored.user.email) {
            throw CoreError.invalid("password", "the organization's password policy refuses your password: \(rule.message); "
                                    + "change it first (orgdeck password change)")
        }
    }
}
