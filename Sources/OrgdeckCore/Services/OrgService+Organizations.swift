import Foundation

// MARK: - Organizations (PRODUCT.md §5)
extension OrgService {
    /// Creates an organization; the creator becomes its Admin. Refused at the per-user limit
    /// with "leave your current organization first".
    public func createOrganization(_ session: Session, id: String, name: String, billingEmail: String) throws -> Organization {
        if isReadOnly { throw CoreError.readOnly }
        let id = try Validation.identifier(id)
        let name = try Validation.name(name)
        let billingEmail = try Validation.email(billingEmail, field: "billing_email")
        return try change { tx in
            guard try tx.user(id: session.user.id) != nil else { throw CoreError.notAuthenticated("account no longer exists") }
            if let reason = refusalToCreateOrganization(memberships: try tx.membershipCount(userID: session.user.id)) {
                throw CoreError.conflict(reason)
            }
            if let existing = try tx.organization(id: id) {
                throw CoreError.conflict("an organization with ID \(existing.id) already exists", field: "id")
            }
            if try tx.organizationNameExists(name) {
                throw CoreError.conflict("an organization named \(name) already exists", field: "name")
            }
            let organization = try tx.insertOrganization(id: id, name: name, billingEmail: billingEmail, at: now)
            try tx.insertMembership(organizationID: id, userID: session.user.id, role: .admin, at: now)
            try tx.appendAudit(record(session, organizationID: id, action: "org.create", target: id,
                                      details: "name \(name); creator is Admin"))
            return organization
        }
    }

    /// Why a user who belongs to `memberships` organizations may not create another (nil: they
    /// may): the limit `createOrganization` enforces, asked before its form opens.
    public func refusalToCreateOrganization(memberships: Int) -> String? {
        memberships >= options.organizationsPerUser ? "leave your current organization first" : nil
    }

    /// The organization, if the session is a member; otherwise `.notFound`, as if it did not exist.
    public func organization(_ session: Session, id: String) throws -> Organization {
        try store.read { tx in
            let access = try access(tx, session, .organization(id))
            guard let organization = try tx.organization(id: access.organizationID ?? id) else {
                throw CoreError.notFound("no organization \(Validation.visible(id))")
            }
            return organization
        }
    }

    /// The organizations the user belongs to, with their role, ordered by name.
    public func memberships(_ session: Session) throws -> [OrganizationMembership] {
        try store.read { tx in try tx.memberships(userID: session.user.id) }
    }

    /// The user's role in the organization, or nil if not a member.
    public func role(_ session: Session, in organizationID: String) throws -> Role? {
        try store.read { tx in
            guard let organization = try tx.organization(id: organizationID) else { return nil }
            return try tx.role(organizationID: organization.id, userID: session.user.id)
        }
    }

    /// Members of an organization (any member may list them), ordered by username.
    public func members(_ session: Session, organizationID: String) throws -> [Member] {
        try store.read { tx in
            let access = try access(tx, session, .organization(organizationID))
            return try tx.members(organizationID: access.organizationID ?? organizationID)
        }
    }

    /// Why `action` is refused for `role` in this service (read-only mode first, then the
    /// permission matrix), or nil when it may go ahead: what front ends ask before a form opens.
    public func refusal(_ action: Action, role: Role?, teamRole: TeamAppRole? = nil, appInView: Bool = false) -> String? {
        if isReadOnly && action.isChange { return CoreError.readOnly.message }
        return Permissions.refusal(action, role: role, teamRole: teamRole, appInView: appInView)
    }

    /// The same question on an app that may be shared with the user: where the role does not
    /// reach (or the user is an `outsider` of the owner), a collaboration holding one of
    /// `scopes` admits it, as `require` does when the operation runs.
    public func refusal(_ action: Action, role: Role?, app: App?, outsider: Bool, scopes: [CollaboratorScope]) -> String? {
        if isReadOnly && action.isChange { return CoreError.readOnly.message }
        let byRole = outsider ? "you are not a member of its owner"
            : Permissions.refusal(action, role: role, teamRole: app?.teamRole, appInView: app != nil)
        guard let byRole else { return nil }
        guard let granted = app?.collaboration else { return byRole }
        if scopes.contains(where: granted.contains) { return nil }
        let needed = scopes.map(\.rawValue).joined(separator: " or ")
        return "your collaboration on \(app?.id ?? "this app") does not grant \(needed.isEmpty ? "this" : needed)"
    }

    /// Whether the session may perform `action` in `context` (for greying out; the core checks again).
    /// True also when the role reaches only some apps (Team Contributors); the operation then
    /// decides per app. In the personal context the user owns everything, so always true.
    public func isAllowed(_ session: Session, _ action: Action, in context: Context) -> Bool {
        guard let organizationID = context.organizationID else { return true }
        guard let role = try? role(session, in: organizationID) else { return false }
        return Permissions.reach(action, for: role) != .none
    }

    /// Adds an existing user to the organization with `role` (Admins only). Refused when the
    /// user is already a member, or already belongs to as many organizations as allowed.
    @discardableResult
    public func addMember(_ session: Session, organizationID: String, userID: Int64, role: Role) throws -> Member {
        if isReadOnly { throw CoreError.readOnly }
        return try change { tx in
            let access = try access(tx, session, .organization(organizationID))
            let orgID = access.organizationID ?? organizationID
            try require(.manageMembers, access, tx, auditAction: "member.add", target: "user \(userID)")
            guard let user = try tx.user(id: userID)?.user else { throw CoreError.notFound("no user with ID \(userID)") }
            if try tx.role(organizationID: orgID, userID: userID) != nil {
                throw CoreError.conflict("\(user.username) is already a member of \(orgID)")
            }
            if try tx.membershipCount(userID: userID) >= options.organizationsPerUser {
                throw CoreError.conflict("\(user.username) belongs to another organization: they must leave their current organization first")
            }
            try tx.insertMembership(organizationID: orgID, userID: userID, role: role, at: now)
            try tx.appendAudit(record(session, organizationID: orgID, action: "member.add", target: user.username,
                                      details: "role \(role.rawValue)"))
            return Member(user: user, role: role, joinedAt: now, lastActiveAt: nil)
        }
    }
}
