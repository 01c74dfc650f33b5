import Foundation

/// What one session may reach in one context, resolved inside a transaction.
struct Access {
    let session: Session
    /// The organization's canonical ID, or nil in a personal account.
    let organizationID: String?
    /// The member's role, or nil in a personal account.
    let role: Role?
    /// Another user's personal account reached through the apps they shared (nil: the session's own).
    var ownerUser: User? = nil
    /// Not a member of the owner (nor the owner): only the apps shared with the session are reached.
    var outsider = false

    init(session: Session, organizationID: String?, role: Role?, ownerUser: User? = nil, outsider: Bool = false) {
        self.session = session; self.organizationID = organizationID; self.role = role
        self.ownerUser = ownerUser; self.outsider = outsider
    }

    var owner: Owner {
        if let organizationID { return .organization(organizationID) }
        return .user(ownerUser?.id ?? session.user.id)
    }

    func reach(_ action: Action) -> Reach {
        if outsider { return .none }
        guard let role else { return .all }
        return Permissions.reach(action, for: role)
    }

    /// The apps this session sees in the context: all of them, its teams' (and those shared with
    /// it), or, for an outsider, only those shared with it.
    var appScope: AppScope {
        let visibility: AppVisibility = outsider ? .sharedWith(userID: session.user.id)
            : reach(.seeApps) == .all ? .all : .teamGranted(userID: session.user.id)
        return AppScope(owner: owner, readerID: session.user.id, visibility: visibility)
    }

    /// "your personal account", "organization acme" or "@ada's apps shared with you", for messages.
    var label: String {
        if let organizationID { return "organization \(organizationID)" }
        if let ownerUser { return "the apps @\(ownerUser.username) shared with you" }
        return "your personal account"
    }
}

/// A permission refusal on its way out of a write transaction: the transaction rolls back,
/// then the service records `audit` in a transaction of its own and throws `error`.
struct Denial: Error {
    let error: CoreError
    let audit: AuditRecord
}

extension OrgService {
    /// Resolves the session's standing in `context`. Non-members get the same `.notFound` as
    /// for an organization that does not exist, so membership is never revealed.
    func access(_ tx: StoreTransaction, _ session: Session, _ context: Context) throws -> Access {
        let access = try appAccess(tx, session, context)
        guard !access.outsider else {
            // A collaborator reaches shared apps' content only, never the owner's other affairs.
            if let owner = access.ownerUser { throw CoreError.notFound("@\(owner.username) has shared only apps with you") }
            throw CoreError.notFound("no organization \(Validation.visible(context.description))")
        }
        return access
    }

    /// Like `access`, for the operations on an app's content, which a collaborator may reach
    /// without belonging to its owner: a non-member of an organization, or anyone in another
    /// user's personal account, is an outsider who reaches only the apps shared with them.
    func appAccess(_ tx: StoreTransaction, _ session: Session, _ context: Context) throws -> Access {
        switch context {
        case .personal:
            return Access(session: session, organizationID: nil, role: nil)
        case .user(let username):
            if username.lowercased() == session.user.username { return Access(session: session, organizationID: nil, role: nil) }
            guard let owner = try tx.user(username: username.lowercased())?.user,
                  try tx.hasSharedApps(userID: session.user.id, owner: .user(owner.id)) else {
                throw CoreError.notFound("@\(Validation.visible(username)) has shared no app with you")
            }
            return Access(session: session, organizationID: nil, role: nil, ownerUser: owner, outsider: true)
        case .organization(let id):
            guard let organization = try tx.organization(id: id) else {
                throw CoreError.notFound("no organization \(Validation.visible(id))")
            }
            guard let role = try tx.role(organizationID: organization.id, userID: session.user.id) else {
                // Someone outside reaches the apps shared with them, and of an organization that
                // shared nothing with them learns nothing, not even that it exists.
                guard try tx.hasSharedApps(userID: session.user.id, owner: .organization(organization.id)) else {
                    throw CoreError.notFound("no organization \(Validation.visible(id))")
                }
                return Access(session: session, organizationID: organization.id, role: nil, outsider: true)
            }
            return Access(session: session, organizationID: organization.id, role: role)
        }
    }

    /// Refuses unless the session may perform `action` in the context: by its role (on `app`,
    /// for team-limited reaches), or, where the role does not reach, as a collaborator holding
    /// one of `scopes` on `app`. `auditAction` names the attempted operation in the audit log.
    func require(_ action: Action, _ access: Access, _ tx: StoreTransaction, app: StoredApp? = nil,
                 scopes: [CollaboratorScope] = [], auditAction: String, target: String) throws {
        var allowed: Bool
        switch access.reach(action) {
        case .all: allowed = true
        case .none: allowed = false
        case .teamApps:
            allowed = try app.flatMap { try tx.grantedRole(userID: access.session.user.id, appKey: $0.key) } != nil
        case .contributorApps:
            allowed = try app.flatMap { try tx.grantedRole(userID: access.session.user.id, appKey: $0.key) } == .contributor
        }
        let granted = app?.collaboration ?? []
        if !allowed, scopes.contains(where: granted.contains) { allowed = true }
        guard !allowed else { return }
        var message: String
        if access.outsider || app?.sharedOnly == true {
            let needed = scopes.map(\.rawValue).joined(separator: " or ")
            message = "your collaboration on app \(app?.app.id ?? target) does not grant \(needed.isEmpty ? "this" : needed)"
        } else {
            message = Permissions.denialMessage(for: action)
            if access.reach(action) != .none { message += " (or a team that grants it on this app)" }
        }
        throw Denial(error: .forbidden(message), audit: record(access.session, organizationID: access.organizationID,
                                                               action: auditAction, target: target,
                                                               details: "requires: \(action.rawValue)", outcome: "denied"))
    }

    /// An audit record stamped with the clock and the session's user and source.
    func record(_ session: Session?, organizationID: String?, action: String, target: String,
                details: String = "", outcome: String = "ok", source: AuditSource? = nil) -> AuditRecord {
        AuditRecord(at: now, actor: session?.user.username, organizationID: organizationID, action: action,
                    target: target, details: details, source: source ?? session?.source ?? .cli, outcome: outcome)
    }

    /// Runs a user's change in one write transaction. A `Denial` rolls the change back and is
    /// then audited in its own transaction, so the record of the refused attempt persists.
    /// A `bookkeeping` write (a read that is metered) goes through in read-only mode too.
    func change<T>(bookkeeping: Bool = false, _ body: (StoreTransaction) throws -> T) throws -> T {
        do {
            return try store.write(bookkeeping: bookkeeping, body)
        } catch let denial as Denial {
            do {
                try store.write(bookkeeping: true) { tx in try tx.appendAudit(denial.audit) }
            } catch {
                Log.error("could not record a denied \(denial.audit.action): \(error)")
            }
            Log.info("denied \(denial.audit.action) on \(denial.audit.target) for \(denial.audit.actor ?? "-")")
            throw denial.error
        }
    }
}

extension OrgService {
    /// A refusal by a rule of PRODUCT.md §5 (a guard, a policy, an invitation that is not the
    /// session's): thrown from inside `change` or `checkedRead`, it is audited as `denied`.
    func denial(_ error: CoreError, _ session: Session, organizationID: String?, action: String, target: String,
                details: String = "") -> Denial {
        Denial(error: error, audit: record(session, organizationID: organizationID, action: action, target: target,
                                           details: details.isEmpty ? error.message : details, outcome: "denied"))
    }

    /// Runs a read; a `Denial` thrown inside is audited in a write of its own, like in `change`,
    /// unless this process recorded the same refusal less than a minute ago (`RepeatedDenials`).
    func checkedRead<T>(_ body: (StoreTransaction) throws -> T) throws -> T {
        do {
            return try store.read(body)
        } catch let denial as Denial {
            guard repeatedDenials.shouldRecord(denial.audit) else { throw denial.error }
            do {
                try store.write(bookkeeping: true) { tx in try tx.appendAudit(denial.audit) }
            } catch {
                Log.error("could not record a denied \(denial.audit.action): \(error)")
            }
            throw denial.error
        }
    }

    /// Marks the session's user active in the organization of `access` (no-op when personal).
    /// Called by every write a member makes; one indexed UPDATE.
    func noteActivity(_ tx: StoreTransaction, _ access: Access) throws {
        guard let organizationID = access.organizationID else { return }
        try tx.setLastActive(organizationID: organizationID, userID: access.session.user.id, at: now)
    }

    /// Whether the session may perform `action` on one app in `context`, deciding team-limited
    /// reaches for that app (a Team Contributor may edit only where a team grants `contributor`).
    /// False when the app is not visible to the session.
    public func isAllowed(_ session: Session, _ action: Action, in context: Context, appID: String) -> Bool {
        (try? store.read { tx -> Bool in
            let access = try access(tx, session, context)
            let stored = try findApp(tx, access, id: appID)
            switch access.reach(action) {
            case .all: return true
            case .none: return false
            case .teamApps: return try tx.grantedRole(userID: session.user.id, appKey: stored.key) != nil
            case .contributorApps: return try tx.grantedRole(userID: session.user.id, appKey: stored.key) == .contributor
            }
        }) ?? false
    }

    /// The team–app role through which the session reaches the app in `context`: nil when
    /// the session's role reaches all apps (or the app is not reached through a team).
    public func teamRole(_ session: Session, in context: Context, appID: String) throws -> TeamAppRole? {
        try store.read { tx in
            let access = try access(tx, session, context)
            let stored = try findApp(tx, access, id: appID)
            guard access.reach(.seeApps) != .all else { return nil }
            return try tx.grantedRole(userID: session.user.id, appKey: stored.key)
        }
    }
}
