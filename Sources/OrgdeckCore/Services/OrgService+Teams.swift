import Foundation

// MARK: - Teams and siloed access (PRODUCT.md §5)
extension OrgService {
    /// The team, or `.notFound`.
    func findTeam(_ tx: StoreTransaction, _ access: Access, id: String) throws -> StoredTeam {
        let orgID = access.organizationID ?? ""
        guard let team = try tx.team(organizationID: orgID, id: id) else {
            throw CoreError.notFound("no team \(Validation.visible(id)) in \(orgID)")
        }
        return team
    }

    /// Resolves the organization context and checks the team-management permission.
    private func teamAccess(_ tx: StoreTransaction, _ session: Session, organizationID: String,
                            auditAction: String, target: String) throws -> Access {
        let access = try access(tx, session, .organization(organizationID))
        try require(.manageTeams, access, tx, auditAction: auditAction, target: target)
        return access
    }

    /// The organization's teams (any member may list them), by name; `filter` matches ID or
    /// name, case-insensitively.
    public func teams(_ session: Session, organizationID: String, filter: String) throws -> [Team] {
        try store.read { tx in
            let access = try access(tx, session, .organization(organizationID))
            return try tx.teams(organizationID: access.organizationID ?? organizationID, filter: filter).map {
                try reachable(tx, session, access, $0).team
            }
        }
    }

    /// One team by ID (case-insensitive), for any member.
    public func team(_ session: Session, organizationID: String, id: String) throws -> Team {
        try store.read { tx in
            let access = try access(tx, session, .organization(organizationID))
            return try reachable(tx, session, access, try findTeam(tx, access, id: id)).team
        }
    }

    /// The team as `session` may see it: a role that does not see every app (a Team
    /// Contributor) counts only the team's apps it reaches, as `teamApps` lists them.
    private func reachable(_ tx: StoreTransaction, _ session: Session, _ access: Access, _ stored: StoredTeam) throws -> StoredTeam {
        if access.reach(.seeApps) == .all { return stored }
        var stored = stored
        stored.team.appCount = try reachableApps(tx, session, access, stored).count
        return stored
    }

    /// The team's apps `session` reaches: all of them for a role that sees every app.
    private func reachableApps(_ tx: StoreTransaction, _ session: Session, _ access: Access,
                               _ stored: StoredTeam) throws -> [TeamApp] {
        let seesAll = access.reach(.seeApps) == .all
        return try tx.teamApps(teamKey: stored.key, readerID: session.user.id).filter { pair in
            try seesAll || tx.grantedRole(userID: session.user.id, appKey: pair.app.key) != nil
        }.map { TeamApp(app: $0.app.app, role: $0.role) }
    }

    /// Creates a team (Admins and Organization Contributors). The ID follows the app ID rules
    /// and is unique in the organization.
    public func createTeam(_ session: Session, organizationID: String, id: String, name: String) throws -> Team {
        if isReadOnly { throw CoreError.readOnly }
        let id = try Validation.identifier(id)
        let name = name.trimmingCharacters(in: .whitespaces).isEmpty ? id : try Validation.name(name)
        return try change { tx in
            let access = try teamAccess(tx, session, organizationID: organizationID, auditAction: "team.create", target: id)
            let orgID = access.organizationID ?? organizationID
            if let existing = try tx.team(organizationID: orgID, id: id) {
                throw CoreError.conflict("a team with ID \(existing.team.id) already exists in \(orgID)", field: "id")
            }
            let team = try tx.insertTeam(organizationID: orgID, id: id, name: name, at: now)
            try noteActivity(tx, access)
            try tx.appendAudit(record(session, organizationID: orgID, action: "team.create", target: id, details: "name \(name)"))
            return team
        }
    }

    /// Renames a team (Admins and Organization Contributors). `expectedName`: the name the new one
    /// was typed over; when another session has renamed the team since, the rename is refused
    /// as stale (`CoreError.stale`).
    public func renameTeam(_ session: Session, organizationID: String, id: String, name: String,
                           expectedName: String? = nil) throws -> Team {
        if isReadOnly { throw CoreError.readOnly }
        let name = try Validation.name(name)
        return try change { tx in
            let access = try teamAccess(tx, session, organizationID: organizationID, auditAction: "team.rename", target: id)
            let stored = try findTeam(tx, access, id: id)
            guard stored.team.name != name else { return stored.team }
            if let expectedName, stored.team.name != expectedName { throw CoreError.stale }
            try tx.renameTeam(key: stored.key, name: name)
            try noteActivity(tx, access)
            try tx.appendAudit(record(session, organizationID: stored.team.organizationID, action: "team.rename",
                                      target: stored.team.id, details: "name \(stored.team.name) → \(name)"))
            var team = stored.team
            team.name = name; team.version += 1
            return team
        }
    }

    /// Deletes a team (Admins and Organization Contributors): its members lose the apps they
    /// reached through it; the members and apps themselves stay.
    public func deleteTeam(_ session: Session, organizationID: String, id: String) throws {
        if isReadOnly { throw CoreError.readOnly }
        try change { tx in
            let access = try teamAccess(tx, session, organizationID: organizationID, auditAction: "team.delete", target: id)
            let stored = try findTeam(tx, access, id: id)
            try tx.deleteTeam(key: stored.key)
            try noteActivity(tx, access)
            try tx.appendAudit(record(session, organizationID: stored.team.organizationID, action: "team.delete",
                                      target: stored.team.id,
                                      details: "name \(stored.team.name); \(stored.team.memberCount) members, \(stored.team.appCount) apps"))
        }
    }

    /// The team's members (any member may list them), by username.
    public func teamMembers(_ session: Session, organizationID: String, teamID: String) throws -> [Member] {
        try store.read { tx in
            let access = try access(tx, session, .organization(organizationID))
            let stored = try findTeam(tx, access, id: teamID)
            return try tx.teamMembers(organizationID: stored.team.organizationID, teamKey: stored.key)
        }
    }

    /// Adds a member of the organization to the team (Admins and Organization Contributors).
    public func addTeamMember(_ session: Session, organizationID: String, teamID: String, username: String) throws {
        if isReadOnly { throw CoreError.readOnly }
        try change { tx in
            let access = try teamAccess(tx, session, organizationID: organizationID, auditAction: "team.member_add",
                                        target: "\(teamID) \(username)")
            let stored = try findTeam(tx, access, id: teamID)
            let orgID = stored.team.organizationID
            guard let user = try tx.user(username: username.lowercased())?.user,
                  try tx.role(organizationID: orgID, userID: user.id) != nil else {
                throw CoreError(.notFound, "no member \(Validation.visible(username)) in \(orgID)", field: "username")
            }
            if try tx.isTeamMember(teamKey: stored.key, userID: user.id) {
                throw CoreError.conflict("\(user.username) is already in team \(stored.team.id)")
            }
            try tx.addTeamMember(teamKey: stored.key, userID: user.id, at: now)
            try noteActivity(tx, access)
            try tx.appendAudit(record(session, organizationID: orgID, action: "team.member_add", target: stored.team.id,
                                      details: "member \(user.username)"))
        }
    }

    /// Takes a member out of the team (Admins and Organization Contributors).
    public func removeTeamMember(_ session: Session, organizationID: String, teamID: String, username: String) throws {
        if isReadOnly { throw CoreError.readOnly }
        try change { tx in
            let access = try teamAccess(tx, session, organizationID: organizationID, auditAction: "team.member_remove",
                                        target: "\(teamID) \(username)")
            let stored = try findTeam(tx, access, id: teamID)
            guard let user = try tx.user(username: username.lowercased())?.user,
                  try tx.removeTeamMember(teamKey: stored.key, userID: user.id) else {
                throw CoreError.notFound("\(Validation.visible(username)) is not in team \(stored.team.id)")
            }
            try noteActivity(tx, access)
            try tx.appendAudit(record(session, organizationID: stored.team.organizationID, action: "team.member_remove",
                                      target: stored.team.id, details: "member \(user.username)"))
        }
    }

    /// The team's apps with the team–app role, by name. Any member may list them; a Team
    /// Contributor sees only those apps they reach themselves.
    public func teamApps(_ session: Session, organizationID: String, teamID: String) throws -> [TeamApp] {
        try store.read { tx in
            let access = try access(tx, session, .organization(organizationID))
            return try reachableApps(tx, session, access, try findTeam(tx, access, id: teamID))
        }
    }

    /// The refusal when an app lacks labels a team requires.
    private static func notLabelled(app: String, missing: [String], team: String) -> String {
        "app \(app) is not labelled \(missing.joined(separator: ", ")), which team \(team) requires"
    }

    /// The labels `team`'s policy requires and `app` lacks, sorted (empty: it may be added), by
    /// the rule `addTeamApp` enforces; asked before a picker offers the app.
    public func labelsMissing(_ app: App, for team: Team) -> [String] {
        team.requiredLabels.filter { !app.labels.contains($0) }.sorted()
    }

    /// Adds one of the organization's apps to the team with a team–app role, or changes the
    /// role it has there (Admins and Organization Contributors). Refused, and audited, when the
    /// app lacks a label the team's policy requires.
    public func addTeamApp(_ session: Session, organizationID: String, teamID: String, appID: String, role: TeamAppRole) throws {
        if isReadOnly { throw CoreError.readOnly }
        try change { tx in
            let access = try teamAccess(tx, session, organizationID: organizationID, auditAction: "team.app_add",
                                        target: "\(teamID) \(appID)")
            let team = try findTeam(tx, access, id: teamID)
            let app = try findApp(tx, access, id: appID)
            let orgID = team.team.organizationID
            let missing = try tx.missingLabels(appKey: app.key, required: team.team.requiredLabels)
            if !missing.isEmpty {
                throw denial(.conflict(Self.notLabelled(app: app.app.id, missing: missing, team: team.team.id)), session,
                             organizationID: orgID, action: "team.app_add", target: team.team.id,
                             details: "app \(app.app.id) lacks \(missing.joined(separator: ", "))")
            }
            let previous = try tx.teamAppRole(teamKey: team.key, appKey: app.key)
            guard previous != role else { return }
            try tx.setTeamApp(teamKey: team.key, appKey: app.key, role: role, at: now)
            try noteActivity(tx, access)
            try tx.appendAudit(record(session, organizationID: orgID, action: "team.app_add", target: team.team.id,
                                      details: "app \(app.app.id) as \(role.rawValue)"
                                          + (previous.map { " (was \($0.rawValue))" } ?? "")))
        }
    }

    /// Takes an app out of the team (Admins and Organization Contributors).
    public func removeTeamApp(_ session: Session, organizationID: String, teamID: String, appID: String) throws {
        if isReadOnly { throw CoreError.readOnly }
        try change { tx in
            let access = try teamAccess(tx, session, organizationID: organizationID, auditAction: "team.app_remove",
                                        target: "\(teamID) \(appID)")
            let team = try findTeam(tx, access, id: teamID)
            let app = try findApp(tx, access, id: appID)
            guard try tx.removeTeamApp(teamKey: team.key, appKey: app.key) else {
                throw CoreError.notFound("app \(app.app.id) is not in team \(team.team.id)")
            }
            try noteActivity(tx, access)
            try tx.appendAudit(record(session, organizationID: team.team.organizationID, action: "team.app_remove",
                                      target: team.team.id, details: "app \(app.app.id)"))
        }
    }

    /// Sets the team's siloed-access policy: only apps labelled with every one of
    /// `requiredLabels` (empty clears it). Refused, and audited, while apps already in the team
    /// lack one of them; the message lists them.
    public func setTeamPolicy(_ session: Session, organizationID: String, teamID: String, requiredLabels: [String]) throws -> Team {
        if isReadOnly { throw CoreError.readOnly }
        let labels = try Validation.labels(requiredLabels, allowEmpty: true)
        return try change { tx in
            let access = try teamAccess(tx, session, organizationID: organizationID, auditAction: "team.policy", target: teamID)
            let stored = try findTeam(tx, access, id: teamID)
            let orgID = stored.team.organizationID
            guard stored.team.requiredLabels != labels else { return stored.team }
            let offenders = try tx.nonCompliantApps(teamKey: stored.key, required: labels)
            if !offenders.isEmpty {
                let list = offenders.map { "\($0.appID) (lacks \($0.missing.joined(separator: ", ")))" }.joined(separator: ", ")
                throw denial(.conflict("apps of team \(stored.team.id) are not labelled as required: \(list); "
                                       + "label them or remove them from the team first"),
                             session, organizationID: orgID, action: "team.policy", target: stored.team.id,
                             details: "requires \(labels.joined(separator: ", ")); non-compliant \(offenders.map(\.appID).joined(separator: ", "))")
            }
            try tx.setTeamRequiredLabels(key: stored.key, labels: labels)
            try noteActivity(tx, access)
            try tx.appendAudit(record(session, organizationID: orgID, action: "team.policy", target: stored.team.id,
                                      details: labels.isEmpty ? "no label required" : "requires \(labels.joined(separator: ", "))"))
            var team = stored.team
            team.requiredLabels = labels; team.version += 1
            return team
        }
    }
}
