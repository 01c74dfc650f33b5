import Foundation

// MARK: - Collaborators: apps shared with users outside (or inside) their owner (PRODUCT.md §6)
extension OrgService {
    /// The app's collaborators. The app's managers see them: its owner, an organization's Admins
    /// and Organization Contributors.
    public func collaborators(_ session: Session, in context: Context, appID: String) throws -> [Collaborator] {
        try checkedRead { tx in
            let (_, stored) = try managedApp(tx, session, context, appID: appID, auditAction: "collaborator.list")
            return try tx.collaborators(appKey: stored.key)
        }
    }

    /// Shares the app with the user named by `login` (a username or an email; they must have an
    /// account, and may be outside the organization) with `scopes`.
    @discardableResult
    public func addCollaborator(_ session: Session, in context: Context, appID: String, login: String,
                                scopes: Set<CollaboratorScope>) throws -> Collaborator {
        if isReadOnly { throw CoreError.readOnly }
        guard !scopes.isEmpty else { throw CoreError.invalid("scopes", "give at least one scope") }
        return try change { tx in
            let (access, stored) = try managedApp(tx, session, context, appID: appID, auditAction: "collaborator.add")
            let user = try collaboratorAccount(tx, login)
            if let reason = try shareRefusal(tx, stored, user) { throw CoreError.conflict(reason, field: "user") }
            try tx.setCollaborator(appKey: stored.key, userID: user.id, scopes: scopes, by: session.user.id, at: now)
            try tx.appendAudit(record(session, organizationID: access.organizationID, action: "collaborator.add",
                                      target: "\(stored.app.id)/\(user.username)", details: CollaboratorScope.text(scopes)))
            try noteActivity(tx, access)
            return Collaborator(user: user, scopes: scopes, addedBy: session.user.username, addedAt: now)
        }
    }

    /// Changes a collaborator's scopes. `expected`: the scopes the change was made against; when
    /// another session has changed them since, the change is refused as stale (`CoreError.stale`).
    @discardableResult
    public func updateCollaborator(_ session: Session, in context: Context, appID: String, username: String,
                                   scopes: Set<CollaboratorScope>, expected: Set<CollaboratorScope>? = nil) throws -> Collaborator {
        if isReadOnly { throw CoreError.readOnly }
        guard !scopes.isEmpty else { throw CoreError.invalid("scopes", "give at least one scope (or remove the collaborator)") }
        return try change { tx in
            let (access, stored) = try managedApp(tx, session, context, appID: appID, auditAction: "collaborator.update")
            let current = try existingCollaborator(tx, stored, username)
            guard current.scopes != scopes else { return current }
            if let expected, current.scopes != expected { throw CoreError.stale }
            try tx.setCollaborator(appKey: stored.key, userID: current.user.id, scopes: scopes, by: session.user.id, at: now)
            try tx.appendAudit(record(session, organizationID: access.organizationID, action: "collaborator.update",
                                      target: "\(stored.app.id)/\(current.user.username)",
                                      details: "\(CollaboratorScope.text(current.scopes)) → \(CollaboratorScope.text(scopes))"))
            try noteActivity(tx, access)
            var updated = current
            updated.scopes = scopes
            return updated
        }
    }

    /// Stops sharing the app with a collaborator.
    public func removeCollaborator(_ session: Session, in context: Context, appID: String, username: String) throws {
        if isReadOnly { throw CoreError.readOnly }
        try change { tx in
            let (access, stored) = try managedApp(tx, session, context, appID: appID, auditAction: "collaborator.remove")
            let current = try existingCollaborator(tx, stored, username)
            _ = try tx.removeCollaborator(appKey: stored.key, userID: current.user.id)
            try tx.appendAudit(record(session, organizationID: access.organizationID, action: "collaborator.remove",
                                      target: "\(stored.app.id)/\(current.user.username)", details: ""))
            try noteActivity(tx, access)
        }
    }

    /// The session's user stops collaborating on an app shared with them.
    public func leaveCollaboration(_ session: Session, in context: Context, appID: String) throws {
        if isReadOnly { throw CoreError.readOnly }
        try change { tx in
            let access = try appAccess(tx, session, context)
            let stored = try findApp(tx, access, id: appID)
            guard try tx.removeCollaborator(appKey: stored.key, userID: session.user.id) else {
                throw CoreError.notFound("app \(stored.app.id) is not shared with you")
            }
            try tx.appendAudit(record(session, organizationID: access.organizationID, action: "collaborator.leave",
                                      target: "\(stored.app.id)/\(session.user.username)", details: ""))
        }
    }

    /// The apps shared with the session's user, with whose they are and the user's scopes.
    public func sharedApps(_ session: Session) throws -> [SharedApp] {
        try store.read { tx in
            try tx.sharedApps(userID: session.user.id).map { shared in
                let (context, label): (Context, String)
                switch shared.app.app.owner {
                case .organization(let id): (context, label) = (.organization(id), id)
                case .user(let id):
                    let owner = try tx.user(id: id)?.user.username ?? "?"
                    (context, label) = (.user(owner), "@" + owner)
                }
                return SharedApp(context: context, ownerLabel: label, app: shared.app.app, scopes: shared.scopes, addedAt: shared.addedAt)
            }
        }
    }

    /// The collaborators of the context's apps the session manages (its own personal apps; an
    /// organization's apps for its Admins and Organization Contributors), by app then username.
    public func collaboratorsOfApps(_ session: Session, in context: Context) throws -> [(appID: String, collaborator: Collaborator)] {
        try checkedRead { tx in
            let access = try access(tx, session, context)
            try require(.manageCollaborators, access, tx, auditAction: "collaborator.list", target: context.description)
            return try tx.collaborators(owner: access.owner)
        }
    }

    // MARK: Reaching

    /// An app whose collaborators the session manages.
    private func managedApp(_ tx: StoreTransaction, _ session: Session, _ context: Context, appID: String,
                            auditAction: String) throws -> (Access, StoredApp) {
        let access = try access(tx, session, context)
        let stored = try findApp(tx, access, id: appID)
        try require(.manageCollaborators, access, tx, app: stored, auditAction: auditAction, target: stored.app.id)
        return (access, stored)
    }

    /// Why app `appID` cannot be shared with `login` (no such account, its owner, a collaborator
    /// already, a member whose role reaches every app with every right), or nil: asked at the
    /// user step, before the scopes are picked.
    public func refusalToShare(_ session: Session, in context: Context, appID: String, login: String) throws -> String? {
        try checkedRead { tx in
            let stored = try findApp(tx, try access(tx, session, context), id: appID)
            do {
                return try shareRefusal(tx, stored, try collaboratorAccount(tx, login))
            } catch let error as CoreError where error.kind == .notFound {
                return error.message
            }
        }
    }

    /// Why `user` cannot be added as a collaborator on `stored`, or nil.
    private func shareRefusal(_ tx: StoreTransaction, _ stored: StoredApp, _ user: User) throws -> String? {
        switch stored.app.owner {
        case .user(let ownerID) where ownerID == user.id:
            return "\(user.username) owns app \(stored.app.id): an owner needs no scopes"
        case .organization(let organizationID):
            if let role = try tx.role(organizationID: organizationID, userID: user.id), role == .admin || role == .orgContributor {
                return "\(user.username) is \(role.title) of \(organizationID) and reaches its apps with every right already: "
                    + "collaborators are given what their role does not"
            }
        default: break
        }
        if try tx.collaboratorScopes(appKey: stored.key, userID: user.id) != nil {
            return "\(user.username) already collaborates on \(stored.app.id): change their scopes instead"
        }
        return nil
    }

    /// The account `login` names: a username, or an email compared case-insensitively.
    private func collaboratorAccount(_ tx: StoreTransaction, _ login: String) throws -> User {
        let trimmed = login.trimmingCharacters(in: .whitespaces)
        let found = trimmed.contains("@") ? try tx.user(email: trimmed.lowercased()) : try tx.user(username: trimmed.lowercased())
        guard let user = found?.user else {
            throw CoreError(.notFound, "no account \(Validation.visible(trimmed)): a collaborator signs up first", field: "user")
        }
        return user
    }

    private func existingCollaborator(_ tx: StoreTransaction, _ stored: StoredApp, _ username: String) throws -> Collaborator {
        guard let current = try tx.collaborators(appKey: stored.key).first(where: { $0.user.username == username.lowercased() }) else {
            throw CoreError.notFound("\(Validation.visible(username)) does not collaborate on \(stored.app.id)")
        }
        return current
    }
}
