import Foundation

// MARK: - Apps (PRODUCT.md §6)
extension OrgService {
    /// A window of the apps visible in the context, pinned first, then by the query's order.
    /// Reads only the window and two counts, so it stays fast with tens of thousands of apps.
    public func apps(_ session: Session, in context: Context, query: AppQuery) throws -> Page<App> {
        try store.read { tx in
            let access = try appAccess(tx, session, context)
            return try tx.appWindow(access.appScope, filter: query.filter, sort: query.sort, ascending: query.ascending,
                                    offset: query.offset, limit: min(query.limit, 10_000), countTotal: query.countTotal)
        }
    }

    /// The index of the app in the list `query` describes (its filter and order, pinned first),
    /// or nil when the app is not in that list: where a cursor following it must go.
    public func appPosition(_ session: Session, in context: Context, query: AppQuery, appID: String) throws -> Int? {
        try store.read { tx in
            let access = try appAccess(tx, session, context)
            return try tx.appPosition(access.appScope, filter: query.filter, sort: query.sort, ascending: query.ascending, id: appID)
        }
    }

    /// One app by ID (case-insensitive); `.notFound` when absent or not visible to the session.
    public func app(_ session: Session, in context: Context, id: String) throws -> App {
        try store.read { tx in
            let access = try appAccess(tx, session, context)
            return try findApp(tx, access, id: id).app
        }
    }

    /// The app, or `.notFound` when absent or not visible to the session (the same answer).
    func findApp(_ tx: StoreTransaction, _ access: Access, id: String) throws -> StoredApp {
        guard var stored = try tx.app(access.appScope, id: id) else {
            throw CoreError.notFound("no app \(Validation.visible(id)) in \(access.label)")
        }
        // Shared only: an outsider's, or a Team Contributor's no team of theirs holds.
        stored.sharedOnly = stored.collaboration != nil
            && (access.outsider || (access.reach(.seeApps) != .all && stored.app.teamRole == nil))
        return stored
    }

    /// Creates an app. An empty name defaults to the ID.
    public func createApp(_ session: Session, in context: Context, id: String, name: String, description: String) throws -> App {
        if isReadOnly { throw CoreError.readOnly }
        let id = try Validation.identifier(id)
        let name = name.trimmingCharacters(in: .whitespaces).isEmpty ? id : try Validation.name(name)
        let description = try Validation.description(description)
        return try change { tx in
            let access = try access(tx, session, context)
            try require(.createApp, access, tx, auditAction: "app.create", target: id)
            if try tx.appIDExists(owner: access.owner, id: id) {
                throw CoreError.conflict("an app with ID \(id) already exists", field: "id")
            }
            let at = now
            let stored = try tx.insertApp(owner: access.owner, id: id, name: name, description: description,
                                          createdBy: session.user.id, createdAt: at, updatedAt: at)
            try noteActivity(tx, access)
            try tx.appendAudit(record(session, organizationID: access.organizationID, action: "app.create", target: id,
                                      details: "name \(name)"))
            return stored.app
        }
    }

    /// Deletes the app (its pins, and later its content, go with it). The front end confirms first.
    public func deleteApp(_ session: Session, in context: Context, id: String) throws {
        if isReadOnly { throw CoreError.readOnly }
        try change { tx in
            let access = try access(tx, session, context)
            try require(.deleteApp, access, tx, auditAction: "app.delete", target: id)
            let stored = try findApp(tx, access, id: id)
            try tx.deleteApp(key: stored.key)
            try noteActivity(tx, access)
            try tx.appendAudit(record(session, organizationID: access.organizationID, action: "app.delete",
                                      target: stored.app.id, details: "name \(stored.app.name)"))
        }
    }

    /// Copies the app's own fields (name, description) under a new ID. Content (inputs, models…)
    /// is copied by the issues that add it. A nil or empty name becomes "<name> copy".
    /// With `copyContent`, the copy also gets the app's concepts, inputs (with their labels) and
    /// models with their latest trained version, in the same transaction.
    public func duplicateApp(_ session: Session, in context: Context, id: String, newID: String, newName: String?,
                             copyContent: Bool = false) throws -> App {
        if isReadOnly { throw CoreError.readOnly }
        let newID = try Validation.identifier(newID, field: "new_id")
        let chosenName = try newName.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : try Validation.name($0) }
        return try change { tx in
            let access = try access(tx, session, context)
            try require(.duplicateApp, access, tx, auditAction: "app.duplicate", target: id)
            let stored = try findApp(tx, access, id: id)
            let source = stored.app
            if try tx.appIDExists(owner: access.owner, id: newID) {
                throw CoreError.conflict("an app with ID \(newID) already exists", field: "id")
            }
            let name = chosenName ?? Self.copyName(of: source.name)
            let at = now
            let copy = try tx.insertApp(owner: access.owner, id: newID, name: name, description: source.description,
                                        createdBy: session.user.id, createdAt: at, updatedAt: at)
            // Compliance labels describe the data, so the copy carries them too.
            try tx.addAppLabels(key: copy.key, labels: source.labels)
            var details = "from \(source.id)"
            if copyContent {
                let copied = try tx.copyContent(from: stored.key, to: copy.key, createdBy: session.user.id, at: at,
                                                newVersionID: Self.newVersionID)
                details += " with \(copied.inputs) inputs, \(copied.models) models and \(copied.workflows) workflows"
            }
            try noteActivity(tx, access)
            try tx.appendAudit(record(session, organizationID: access.organizationID, action: "app.duplicate",
                                      target: newID, details: details))
            var app = copy.app
            app.labels = source.labels
            return app
        }
    }

    /// "<name> copy", shortened so it stays within the name limit.
    static func copyName(of name: String) -> String {
        let suffix = " copy"
        return String(name.prefix(Validation.maxNameLength - suffix.count)) + suffix
    }

    /// Pins or unpins the app for the session user only; pinned apps list first.
    public func setPinned(_ session: Session, in context: Context, id: String, pinned: Bool) throws {
        if isReadOnly { throw CoreError.readOnly }
        try change { tx in
            let access = try access(tx, session, context)
            let stored = try findApp(tx, access, id: id)
            guard stored.app.pinned != pinned else { return }
            try tx.setPinned(userID: session.user.id, appKey: stored.key, pinned: pinned, at: now)
            try noteActivity(tx, access)
            try tx.appendAudit(record(session, organizationID: access.organizationID,
                                      action: pinned ? "app.pin" : "app.unpin", target: stored.app.id))
        }
    }
}
