import Foundation

extension OrgService {
    /// Moves a personal app to an organization where the owner may create apps, optionally under
    /// a new ID and name. Both sides are audited: `app.transfer_out` (personal) and
    /// `app.transfer_in` (the organization's log).
    public func transferApp(_ session: Session, id: String, toOrganization: String, newID: String?, newName: String?) throws -> App {
        if isReadOnly { throw CoreError.readOnly }
        let chosenID = try newID.flatMap { $0.isEmpty ? nil : try Validation.identifier($0, field: "new_id") }
        let chosenName = try newName.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : try Validation.name($0) }
        return try change { tx in
            let personal = try access(tx, session, .personal)
            let stored = try findApp(tx, personal, id: id)
            let target = try access(tx, session, .organization(toOrganization))
            guard let organizationID = target.organizationID else {
                throw CoreError.notFound("no organization \(Validation.visible(toOrganization))")
            }
            try require(.transferAppIn, target, tx, auditAction: "app.transfer_in", target: stored.app.id)
            let finalID = chosenID ?? stored.app.id
            let finalName = chosenName ?? stored.app.name
            if try tx.appIDExists(owner: target.owner, id: finalID) {
                throw CoreError.conflict("an app with ID \(finalID) already exists in organization \(organizationID)", field: "id")
            }
            let at = now
            try tx.moveApp(key: stored.key, to: target.owner, id: finalID, name: finalName, at: at)
            try noteActivity(tx, target)
            try tx.appendAudit(record(session, organizationID: nil, action: "app.transfer_out", target: stored.app.id,
                                      details: "to organization \(organizationID) as \(finalID)"))
            try tx.appendAudit(record(session, organizationID: organizationID, action: "app.transfer_in", target: finalID,
                                      details: "from \(session.user.username)'s personal app \(stored.app.id)"))
            var app = stored.app
            app.id = finalID; app.name = finalName; app.owner = target.owner
            app.updatedAt = at; app.version += 1; app.pinned = false
            return app
        }
    }
}
