import Foundation
import GRDB

extension StoreTransaction {
    private func organization(_ row: Row, prefix: String = "") -> Organization {
        Organization(id: row["\(prefix)id"], name: row["\(prefix)name"], billingEmail: row["\(prefix)billing_email"],
                     createdAt: row.date("\(prefix)created_at"), version: row["\(prefix)version"])
    }

    /// Looks an organization up by ID, case-insensitively (`--org ACME` finds `acme`).
    func organization(id: String) throws -> Organization? {
        try Row.fetchOne(db, sql: "SELECT id, name, billing_email, created_at, version FROM organizations WHERE id = ?",
                         arguments: [id]).map { organization($0) }
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
        try String.fetchOne(db, sql: "SELECT role FROM memberships WHERE organization_id = ? AND user_id = ?",
                            arguments: [organizationID, userID]).flatMap(Role.init(rawValue:))
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
            OrganizationMembership(organization: organization(row), role: Role(rawValue: row["role"]) ?? .orgUser,
                                   joinedAt: row.date("joined_at"))
        }
    }

    /// Every member of the organization, by username.
    func members(organizationID: String) throws -> [Member] {
        try Row.fetchAll(db, sql: """
            SELECT u.id, u.username, u.display_name, u.email, u.created_at, u.version,
                   m.role, m.joined_at, m.last_active_at
            FROM memberships m JOIN users u ON u.id = m.user_id
            WHERE m.organization_id = ?
            ORDER BY u.username
            """, arguments: [organizationID]).map { row in
            Member(user: User(id: row["id"], username: row["username"], displayName: row["display_name"],
                              email: row["email"], createdAt: row.date("created_at"), version: row["version"]),
                   role: Role(rawValue: row["role"]) ?? .orgUser, joinedAt: row.date("joined_at"),
                   lastActiveAt: row.optionalDate("last_active_at"))
        }
    }
}
