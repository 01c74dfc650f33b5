import Foundation

/// What an edit of an app changes; a nil field is left as it is.
public struct AppChanges: Equatable, Sendable {
    public var name: String?
    public var description: String?
    /// The whole new set of compliance labels.
    public var labels: [String]?

    public init(name: String? = nil, description: String? = nil, labels: [String]? = nil) {
        self.name = name; self.description = description; self.labels = labels
    }
}

// MARK: - Editing apps: fields and labels as one versioned change (PRODUCT.md §5, §6)
extension OrgService {
    /// Changes an app's name, description and labels in one transaction: all of it or none of it.
    /// With `expectedVersion` (the version the caller saw) a change made meanwhile by someone
    /// else is refused with `CoreError.stale`; without one (a blind change from a script) the
    /// current version is read in the same transaction, so it cannot be refused as stale.
    /// A new name needs the rename permission, a new description the edit-content permission,
    /// new labels the label permission; removing a label a team's policy requires is refused.
    /// Labels are part of the app's version: a label edit bumps it like any other edit.
    public func updateApp(_ session: Session, in context: Context, id: String, changes: AppChanges,
                          expectedVersion: Int?) throws -> App {
        if isReadOnly { throw CoreError.readOnly }
        let name = try changes.name.map { try Validation.name($0) }
        let description = try changes.description.map { try Validation.description($0) }
        let labels = try changes.labels.map { try Validation.labels($0, allowEmpty: true) }
        return try change { tx in
            let access = try access(tx, session, context)
            let stored = try findApp(tx, access, id: id)
            return try edit(tx, access, stored, name: name, description: description, labels: labels,
                            expectedVersion: expectedVersion, auditAction: "app.update")
        }
    }

    /// Changes name and description against the version the caller saw.
    public func updateApp(_ session: Session, in context: Context, id: String, name: String, description: String,
                          expectedVersion: Int) throws -> App {
        try updateApp(session, in: context, id: id, changes: AppChanges(name: name, description: description),
                      expectedVersion: expectedVersion)
    }

    /// Adds compliance labels to an app (who may rename it may label it; the owner in the
    /// personal context). Labels are lower-cased; those the app already has are ignored.
    public func labelApp(_ session: Session, in context: Context, id: String, labels: [String]) throws -> App {
        try relabel(session, context, id, labels, auditAction: "app.label") { current, given in
            Array(Set(current + given)).sorted()
        }
    }

    /// Removes compliance labels from an app. Refused, and audited, while a team holding the
    /// app requires one of them ("team t requires hipaa: remove the app from the team first"),
    /// so access through a team never outlives the label its policy asks for.
    public func unlabelApp(_ session: Session, in context: Context, id: String, labels: [String]) throws -> App {
        try relabel(session, context, id, labels, auditAction: "app.unlabel") { current, given in
            current.filter { !given.contains($0) }
        }
    }

    /// A blind label change: `newSet` turns the current labels and the given ones into the new set.
    private func relabel(_ session: Session, _ context: Context, _ id: String, _ labels: [String], auditAction: String,
                         newSet: ([String], [String]) -> [String]) throws -> App {
        if isReadOnly { throw CoreError.readOnly }
        let labels = try Validation.labels(labels)
        return try change { tx in
            let access = try access(tx, session, context)
            let stored = try findApp(tx, access, id: id)
            return try edit(tx, access, stored, name: nil, description: nil, labels: newSet(stored.app.labels, labels),
                            expectedVersion: nil, auditAction: auditAction)
        }
    }

    /// The one place an app's fields change: permissions per field, the stale check, the label
    /// policies, the write and its audit record.
    private func edit(_ tx: StoreTransaction, _ access: Access, _ stored: StoredApp, name: String?, description: String?,
                      labels: [String]?, expectedVersion: Int?, auditAction: String) throws -> App {
        let old = stored.app
        let newName = name ?? old.name, newDescription = description ?? old.description
        let newLabels = labels ?? old.labels
        let added = newLabels.filter { !old.labels.contains($0) }, removed = old.labels.filter { !newLabels.contains($0) }
        if newName != old.name {
            try require(.renameApp, access, tx, app: stored, auditAction: auditAction, target: old.id)
        }
        if newDescription != old.description {
            try require(.editAppContent, access, tx, app: stored, auditAction: auditAction, target: old.id)
        }
        if !added.isEmpty || !removed.isEmpty {
            try require(.labelApps, access, tx, app: stored, auditAction: auditAction, target: old.id)
        }
        if let expectedVersion, old.version != expectedVersion { throw CoreError.stale }
        var changes: [String] = []
        if newName != old.name { changes.append("name \(old.name) → \(newName)") }
        if newDescription != old.description { changes.append("description") }
        if !added.isEmpty { changes.append(auditAction == "app.label" ? added.joined(separator: ", ") : "labels +" + added.joined(separator: ", +")) }
        if !removed.isEmpty {
            changes.append(auditAction == "app.unlabel" ? removed.joined(separator: ", ") : "labels −" + removed.joined(separator: ", −"))
            if let requirement = try tx.teamsRequiring(appKey: stored.key, labels: removed).first {
                throw denial(.conflict("team \(requirement.teamID) requires \(requirement.label): remove the app from the team first"),
                             access.session, organizationID: access.organizationID, action: auditAction, target: old.id,
                             details: "\(requirement.label) required by team \(requirement.teamID)")
            }
        }
        guard !changes.isEmpty else { return old }
        let at = now
        guard try tx.updateApp(key: stored.key, name: newName, description: newDescription, labels: newLabels,
                               expectedVersion: old.version, at: at) else { throw CoreError.stale }
        try noteActivity(tx, access)
        try tx.appendAudit(record(access.session, organizationID: access.organizationID, action: auditAction,
                                  target: old.id, details: changes.joined(separator: "; ")))
        var app = old
        app.name = newName; app.description = newDescription; app.labels = newLabels
        app.updatedAt = at; app.version = old.version + 1
        return app
    }
}
