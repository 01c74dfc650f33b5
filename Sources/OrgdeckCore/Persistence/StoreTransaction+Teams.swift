import Foundation
import GRDB

/// A team row with its internal key, which memberships, apps and policy labels reference.
struct StoredTeam: Sendable {
    var key: Int64
    var team: Team
}

/// A team that holds an app and requires a label (the reason a label cannot be removed).
struct LabelRequirement: Sendable, Equatable {
    var teamID: String
    var label: String
}

extension StoreTransaction {
    private static let teamColumns = """
        t.key, t.team_id, t.organization_id, t.name, t.created_at, t.version,
        (SELECT COUNT(*) FROM team_members m WHERE m.team_key = t.key) AS member_count,
        (SELECT COUNT(*) FROM team_apps x WHERE x.team_key = t.key) AS app_count,
        (SELECT group_concat(r.label, ',') FROM team_required_labels r WHERE r.team_key = t.key) AS required_labels
        """

    private func storedTeam(_ row: Row) throws -> StoredTeam {
        let read = RowReader(row, table: "teams", key: "key")
        let labels: String? = try read("required_labels")
        return StoredTeam(key: try read("key"), team: Team(
            id: try read("team_id"), organizationID: try read("organization_id"), name: try read("name"),
            requiredLabels: (labels ?? "").split(separator: ",").map(String.init).sorted(),
            memberCount: try read("member_count"), appCount: try read("app_count"), createdAt: try read.date("created_at"),
            version: try read("version")))
    }

    /// The organization's teams whose ID or name contains `filter` (case-insensitive), by name.
    func teams(organizationID: String, filter: String) throws -> [StoredTeam] {
        var sql = "SELECT \(Self.teamColumns) FROM teams t WHERE t.organization_id = ?"
        var arguments: StatementArguments = [organizationID]
        let needle = filter.trimmingCharacters(in: .whitespaces)
        if !needle.isEmpty {
            let pattern = "%" + Self.escapeLike(needle) + "%"
            sql += " AND (t.name LIKE ? ESCAPE '\\' OR t.team_id LIKE ? ESCAPE '\\')"
            arguments += [pattern, pattern]
        }
        sql += " ORDER BY t.name COLLATE NOCASE, t.team_id"
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map(storedTeam)
    }

    /// One team of the organization by ID (case-insensitive).
    func team(organizationID: String, id: String) throws -> StoredTeam? {
        try Row.fetchOne(db, sql: "SELECT \(Self.teamColumns) FROM teams t WHERE t.organization_id = ? AND t.team_id = ?",
                         arguments: [organizationID, id]).map(storedTeam)
    }

    func insertTeam(organizationID: String, id: String, name: String, at: Date) throws -> Team {
        try db.execute(sql: "INSERT INTO teams (organization_id, team_id, name, created_at) VALUES (?, ?, ?, ?)",
                       arguments: [organizationID, id, name, at.storedValue])
        return Team(id: id, organizationID: organizationID, name: name, requiredLabels: [], memberCount: 0, appCount: 0,
                    createdAt: at, version: 1)
    }

    func renameTeam(key: Int64, name: String) throws {
        try db.execute(sql: "UPDATE teams SET name = ?, version = version + 1 WHERE key = ?", arguments: [name, key])
    }

    /// Deletes the team; its memberships, app links and policy go with it.
    func deleteTeam(key: Int64) throws {
        try db.execute(sql: "DELETE FROM teams WHERE key = ?", arguments: [key])
    }

    /// Replaces the team's policy.
    func setTeamRequiredLabels(key: Int64, labels: [String]) throws {
        try db.execute(sql: "DELETE FROM team_required_labels WHERE team_key = ?", arguments: [key])
        for label in labels {
            try db.execute(sql: "INSERT INTO team_required_labels (team_key, label) VALUES (?, ?)", arguments: [key, label])
        }
        try db.execute(sql: "UPDATE teams SET version = version + 1 WHERE key = ?", arguments: [key])
    }

    // MARK: Team members

    func isTeamMember(teamKey: Int64, userID: Int64) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM team_members WHERE team_key = ? AND user_id = ?)",
                          arguments: [teamKey, userID]) ?? false
    }

    func addTeamMember(teamKey: Int64, userID: Int64, at: Date) throws {
        try db.execute(sql: "INSERT OR IGNORE INTO team_members (team_key, user_id, added_at) VALUES (?, ?, ?)",
                       arguments: [teamKey, userID, at.storedValue])
    }

    /// Returns false when the user was not in the team.
    func removeTeamMember(teamKey: Int64, userID: Int64) throws -> Bool {
        try db.execute(sql: "DELETE FROM team_members WHERE team_key = ? AND user_id = ?", arguments: [teamKey, userID])
        return db.changesCount > 0
    }

    /// Takes the user out of every team of the organization.
    func removeFromTeams(organizationID: String, userID: Int64) throws {
        try db.execute(sql: """
            DELETE FROM team_members WHERE user_id = ?
              AND team_key IN (SELECT key FROM teams WHERE organization_id = ?)
            """, arguments: [userID, organizationID])
    }

    /// Team IDs per member of the organization, sorted.
    func teamIDsByUser(organizationID: String, userID: Int64? = nil) throws -> [Int64: [String]] {
        var sql = """
            SELECT tm.user_id, t.team_id FROM team_members tm JOIN teams t ON t.key = tm.team_key
            WHERE t.organization_id = ?
            """
        var arguments: StatementArguments = [organizationID]
        if let userID { sql += " AND tm.user_id = ?"; arguments += [userID] }
        sql += " ORDER BY t.team_id"
        var result: [Int64: [String]] = [:]
        for row in try Row.fetchAll(db, sql: sql, arguments: arguments) {
            let read = RowReader(row, table: "team_members", key: "user_id")
            result[try read("user_id"), default: []].append(try read("team_id"))
        }
        return result
    }

    /// The team's members as organization members (with their role and teams), by username.
    func teamMembers(organizationID: String, teamKey: Int64) throws -> [Member] {
        let userIDs = Set(try Int64.fetchAll(db, sql: "SELECT user_id FROM team_members WHERE team_key = ?",
                                             arguments: [teamKey]))
        return try members(organizationID: organizationID).filter { userIDs.contains($0.user.id) }
    }

    // MARK: Team apps

    /// The team's apps with the team–app role, by name; `pinned` as the reader sees it.
    func teamApps(teamKey: Int64, readerID: Int64) throws -> [(app: StoredApp, role: TeamAppRole)] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT a.key, a.app_id, a.name, a.description, a.owner_user_id, a.owner_organization_id,
                   a.created_by, a.created_at, a.updated_at, a.version, ta.role,
                   EXISTS (SELECT 1 FROM app_pins p WHERE p.user_id = ? AND p.app_key = a.key) AS pinned
            FROM team_apps ta JOIN apps a ON a.key = ta.app_key
            WHERE ta.team_key = ?
            ORDER BY a.name COLLATE NOCASE, a.app_id
            """, arguments: [readerID, teamKey])
        let apps = try withLabels(rows.map { try storedApp($0) })
        return try zip(apps, rows).map { ($0, try RowReader($1, table: "team_apps", key: "key").choice("role")) }
    }

    /// The role the team holds on the app, or nil when the app is not in the team.
    func teamAppRole(teamKey: Int64, appKey: Int64) throws -> TeamAppRole? {
        try String.fetchOne(db, sql: "SELECT role FROM team_apps WHERE team_key = ? AND app_key = ?",
                            arguments: [teamKey, appKey]).flatMap(TeamAppRole.init(rawValue:))
    }

    /// Adds the app to the team, or changes the role it has there.
    func setTeamApp(teamKey: Int64, appKey: Int64, role: TeamAppRole, at: Date) throws {
        try db.execute(sql: """
            INSERT INTO team_apps (team_key, app_key, role, added_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (team_key, app_key) DO UPDATE SET role = excluded.role
            """, arguments: [teamKey, appKey, role.rawValue, at.storedValue])
    }

    /// Returns false when the app was not in the team.
    func removeTeamApp(teamKey: Int64, appKey: Int64) throws -> Bool {
        try db.execute(sql: "DELETE FROM team_apps WHERE team_key = ? AND app_key = ?", arguments: [teamKey, appKey])
        return db.changesCount > 0
    }

    /// The highest role any of the user's teams grants on the app (through compliant links
    /// only), or nil when none of their teams holds it.
    func grantedRole(userID: Int64, appKey: Int64) throws -> TeamAppRole? {
        let roles = try String.fetchAll(db, sql: """
            SELECT DISTINCT ta.role FROM team_members tm JOIN team_apps ta ON ta.team_key = tm.team_key
            WHERE tm.user_id = ? AND ta.app_key = ? AND \(Self.compliantTeamApp)
            """, arguments: [userID, appKey]).compactMap(TeamAppRole.init(rawValue:))
        if roles.contains(.contributor) { return .contributor }
        return roles.isEmpty ? nil : .viewer
    }

    /// For each of `labels`, the teams holding the app that require it.
    func teamsRequiring(appKey: Int64, labels: [String]) throws -> [LabelRequirement] {
        guard !labels.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: labels.count).joined(separator: ", ")
        return try Row.fetchAll(db, sql: """
            SELECT t.team_id, r.label FROM team_apps ta
            JOIN teams t ON t.key = ta.team_key
            JOIN team_required_labels r ON r.team_key = ta.team_key
            WHERE ta.app_key = ? AND r.label IN (\(marks))
            ORDER BY t.team_id, r.label
            """, arguments: [appKey] + StatementArguments(labels)).map {
            let read = RowReader($0, table: "team_required_labels", key: "team_id")
            return LabelRequirement(teamID: try read("team_id"), label: try read("label"))
        }
    }

    /// The labels of `required` that the app lacks, sorted.
    func missingLabels(appKey: Int64, required: [String]) throws -> [String] {
        let have = Set(try labels(appKeys: [appKey])[appKey] ?? [])
        return required.filter { !have.contains($0) }.sorted()
    }

    /// The team's apps that lack one of `required`, with what they lack, by app ID.
    func nonCompliantApps(teamKey: Int64, required: [String]) throws -> [(appID: String, missing: [String])] {
        guard !required.isEmpty else { return [] }
        let apps = try Row.fetchAll(db, sql: """
            SELECT a.key, a.app_id FROM team_apps ta JOIN apps a ON a.key = ta.app_key
            WHERE ta.team_key = ? ORDER BY a.app_id
            """, arguments: [teamKey])
        let keyed = try apps.map { row -> (key: Int64, id: String) in
            let read = RowReader(row, table: "apps", key: "key")
            return (try read("key"), try read("app_id"))
        }
        let labels = try labels(appKeys: keyed.map(\.key))
        return keyed.compactMap { app in
            let have = Set(labels[app.key] ?? [])
            let missing = required.filter { !have.contains($0) }
            return missing.isEmpty ? nil : (app.id, missing)
        }
    }
}
