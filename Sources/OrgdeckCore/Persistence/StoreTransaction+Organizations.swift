import Foundation
import GRDB

extension StoreTransaction {
    private func organization(_ row: Row) throws -> Organization {
        let read = RowReader(row, table: "organizations")
        return Organization(id: try read("id"), name: try read("name"), billingEmail: try read("billing_email"),
                            createdAt: try read.date("created_at"), version: try read("version"))
    }

    /// Looks an organization up by ID, case-insensitively (`--org ACME` finds `acme`).
    func organization(id: String) throws -> Organization? {
        try Row.fetchOne(db, sql: "SELECT id, name, billing_email, created_at, version FROM organizations WHERE id = ?",
                         arguments: [id]).map { try organization($0) }
    }

    func organizationNameExists(_ name: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM organizations WHERE name = ?)", arguments: [name]) ?? false
    }

    func insertOrganization(id: String, name: String, billingEmail: String, at: Date) throws -> Organization {
        try db.execute(sql: "INSERT INTO organizations (id, name, billing_email, created_at) VALUES (?, ?, ?, ?)",
                       arguments: [id, name, billingEmail, at.storedValue])
        return Organization(id: id, name: name, billingEmail: billingEmail, createdAt: at, version: 1)
    }

    func insertMembership(organizationID: String, userID: Int64, role: Role, at: Date) throws {
        try db.execute(sql: "INSERT INTO memberships (organization_id, user_id, role, joined_at) VALUES (?, ?, ?, ?)",
                       arguments: [organizationID, userID, role.rawValue, at.storedValue])
    }

    /// The user's role in the organization, or nil when they are not a member.
    func role(organizationID: String, userID: Int64) throws -> Role? {
        guard let raw = try String.fetchOne(db, sql: "SELECT role FROM memberships WHERE organization_id = ? AND user_id = ?",
                                            arguments: [organizationID, userID]) else { return nil }
        guard let role = Role(rawValue: raw) else {
            throw StoreErrors.damaged(table: "memberships", row: "\(organizationID)/\(userID)", column: "role")
        }
        return role
    }

    func membershipCount(userID: Int64) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM memberships WHERE user_id = ?", arguments: [userID]) ?? 0
    }

    /// The user's organizations with their roles, by name.
    func memberships(userID: Int64) throws -> [OrganizationMembership] {
        try Row.fetchAll(db, sql: """
            SELECT o.id, o.name, o.billing_email, o.created_at, o.version, m.role, m.joined_at
            FROM memberships m JOIN organizations o ON o.id = m.organization_id
            WHERE m.user_id = ?
            ORDER BY o.name COLLATE NOCASE, o.id
            """, arguments: [userID]).map { row in
            let membership = RowReader(row, table: "memberships", label: "\(RowReader(row, table: "organizations").rowLabel)/\(userID)")
            return OrganizationMembership(organization: try organization(row), role: try membership.choice("role"),
                                          joinedAt: try membership.date("joined_at"))
        }
    }

    /// Every member of the organization (or only `userID`), by username, with their teams.
    func members(organizationID: String, userID: Int64? = nil) throws -> [Member] {
        var sql = """
            SELECT u.id, u.username, u.display_name, u.email, u.created_at, u.version,
                   m.role, m.joined_at, m.last_active_at
            FROM memberships m JOIN users u ON u.id = m.user_id
            WHERE m.organization_id = ?
            """
        var arguments: StatementArguments = [organizationID]
        if let userID { sql += " AND m.user_id = ?"; arguments += [userID] }
        sql += " ORDER BY u.username"
        let teams = try teamIDsByUser(organizationID: organizationID, userID: userID)
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            let user = RowReader(row, table: "users")
            let id: Int64 = try user("id")
            let membership = RowReader(row, table: "memberships", label: "\(organizationID)/\(id)")
            return Member(user: User(id: id, username: try user("username"), displayName: try user("display_name"),
                                     email: try user("email"), createdAt: try user.date("created_at"), version: try user("version")),
                          role: try membership.choice("role"), joinedAt: try membership.date("joined_at"),
                          lastActiveAt: try membership.optionalDate("last_active_at"), teams: teams[id] ?? [])
        }
    }

    /// One member of the organization, or nil.
    func member(organizationID: String, userID: Int64) throws -> Member? {
        try members(organizationID: organizationID, userID: userID).first
    }

    /// The member of the organization whose email matches (case-insensitively), if any.
    func member(organizationID: String, email: String) throws -> Member? {
        guard let userID = try Int64.fetchOne(db, sql: """
            SELECT u.id FROM memberships m JOIN users u ON u.id = m.user_id
            WHERE m.organization_id = ? AND u.email_lower = ?
            """, arguments: [organizationID, email.lowercased()]) else { return nil }
        return try member(organizationID: organizationID, userID: userID)
    }

    /// Whether another organization than `exceptID` already has this name (case-insensitive).
    func organizationNameExists(_ name: String, except exceptID: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM organizations WHERE name = ? AND id <> ?)",
                          arguments: [name, exceptID]) ?? false
    }

    /// Writes the profile only if the row still has `expectedVersion`; false otherwise.
    func updateOrganization(id: String, name: String, billingEmail: String, expectedVersion: Int) throws -> Bool {
        try db.execute(sql: """
            UPDATE organizations SET name = ?, billing_email = ?, version = version + 1
            WHERE id = ? AND version = ?
            """, arguments: [name, billingEmail, id, expectedVersion])
        return db.changesCount == 1
    }

    /// What deleting the organization takes with it, for the audit record.
    func organizationFootprint(id: String) throws -> (apps: Int, members: Int, teams: Int, pendingInvitations: Int) {
        let row = try Row.fetchOne(db, sql: """
            SELECT (SELECT COUNT(*) FROM apps WHERE owner = ?) AS apps,
                   (SELECT COUNT(*) FROM memberships WHERE organization_id = ?) AS members,
                   (SELECT COUNT(*) FROM teams WHERE organization_id = ?) AS teams,
                   (SELECT COUNT(*) FROM invitations WHERE organization_id = ? AND state = 'pending') AS invitations
            """, arguments: [Owner.organization(id).storageKey, id, id, id])
        guard let row else { return (0, 0, 0, 0) }
        let read = RowReader(row, table: "organizations")
        return (try read("apps"), try read("members"), try read("teams"), try read("invitations"))
    }

    /// Deletes the organization and everything it holds: apps (with their pins, labels and
    /// team links), teams, memberships and invitations. The audit log is untouched.
    func deleteOrganization(id: String) throws {
        // Explicit for the big tables, so the cascade does not depend on row-by-row triggers.
        let owner = Owner.organization(id).storageKey
        try db.execute(sql: "DELETE FROM app_pins WHERE app_key IN (SELECT key FROM apps WHERE owner = ?)", arguments: [owner])
        try db.execute(sql: "DELETE FROM apps WHERE owner = ?", arguments: [owner])
        try db.execute(sql: "DELETE FROM teams WHERE organization_id = ?", arguments: [id])
        try db.execute(sql: "DELETE FROM invitations WHERE organization_id = ?", arguments: [id])
        try db.execute(sql: "DELETE FROM memberships WHERE organization_id = ?", arguments: [id])
        try db.execute(sql: "DELETE FROM organizations WHERE id = ?", arguments: [id])
    }

    func adminCount(organizationID: String) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM memberships WHERE organization_id = ? AND role = 'admin'",
                         arguments: [organizationID]) ?? 0
    }

    func setRole(organizationID: String, userID: Int64, role: Role) throws {
        try db.execute(sql: "UPDATE memberships SET role = ? WHERE organization_id = ? AND user_id = ?",
                       arguments: [role.rawValue, organizationID, userID])
    }

    /// Ends the membership: the user leaves the organization's teams and loses their pins on
    /// its apps. Their personal apps are not touched.
    func deleteMembership(organizationID: String, userID: Int64) throws {
        try removeFromTeams(organizationID: organizationID, userID: userID)
        try db.execute(sql: """
            DELETE FROM app_pins WHERE user_id = ? AND app_key IN (SELECT key FROM apps WHERE owner = ?)
            """, arguments: [userID, Owner.organization(organizationID).storageKey])
        try db.execute(sql: "DELETE FROM memberships WHERE organization_id = ? AND user_id = ?",
                       arguments: [organizationID, userID])
    }
}
