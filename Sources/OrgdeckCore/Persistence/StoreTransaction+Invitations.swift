import Foundation
import GRDB

/// An invitation row with its internal key (the number in `inv_12`).
struct StoredInvitation: Sendable {
    var key: Int64
    var invitation: Invitation
}

extension StoreTransaction {
    private static let invitationColumns = """
        i.id, i.organization_id, o.name AS organization_name, i.email, i.role, i.teams, i.invited_by,
        i.sent_at, i.expires_at, i.state, i.responded_at
        """

    /// The public form of an invitation key.
    static func invitationID(_ key: Int64) -> String { "inv_\(key)" }

    /// The key in a public invitation ID (`inv_12`, any case), or nil when it is not one.
    static func invitationKey(_ id: String) -> Int64? {
        let id = id.trimmingCharacters(in: .whitespaces).lowercased()
        guard id.hasPrefix("inv_"), let key = Int64(id.dropFirst(4)), key > 0 else { return nil }
        return key
    }

    /// `now` decides whether a pending invitation shows as expired.
    private func storedInvitation(_ row: Row, now: Date) throws -> StoredInvitation {
        let read = RowReader(row, table: "invitations")
        let key: Int64 = try read("id")
        let expiresAt = try read.date("expires_at")
        var state: InvitationState = try read.choice("state")
        if state == .pending && expiresAt <= now { state = .expired }
        let teams: String = try read("teams")
        return StoredInvitation(key: key, invitation: Invitation(
            id: Self.invitationID(key), organizationID: try read("organization_id"),
            organizationName: try read("organization_name"), email: try read("email"), role: try read.choice("role"),
            teams: teams.split(separator: ",").map(String.init), invitedBy: try read("invited_by"),
            sentAt: try read.date("sent_at"), expiresAt: expiresAt, state: state,
            respondedAt: try read.optionalDate("responded_at")))
    }

    func insertInvitation(organizationID: String, email: String, role: Role, teams: [String], invitedBy: String,
                          sentAt: Date, expiresAt: Date) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO invitations (organization_id, email, email_lower, role, teams, invited_by, sent_at, expires_at, state)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending')
            """, arguments: [organizationID, email, email.lowercased(), role.rawValue, teams.joined(separator: ","),
                             invitedBy, sentAt.storedValue, expiresAt.storedValue])
        return db.lastInsertedRowID
    }

    func invitation(key: Int64, now: Date) throws -> StoredInvitation? {
        try Row.fetchOne(db, sql: """
            SELECT \(Self.invitationColumns) FROM invitations i JOIN organizations o ON o.id = i.organization_id
            WHERE i.id = ?
            """, arguments: [key]).map { try storedInvitation($0, now: now) }
    }

    /// Every invitation of the organization: pending first, then newest first.
    func invitations(organizationID: String, now: Date) throws -> [Invitation] {
        let all = try Row.fetchAll(db, sql: """
            SELECT \(Self.invitationColumns) FROM invitations i JOIN organizations o ON o.id = i.organization_id
            WHERE i.organization_id = ?
            ORDER BY i.sent_at DESC, i.id DESC
            """, arguments: [organizationID]).map { try storedInvitation($0, now: now).invitation }
        return all.filter { $0.state == .pending } + all.filter { $0.state != .pending }
    }

    /// The pending, unexpired invitations to this email (case-insensitive), newest first.
    func pendingInvitations(email: String, now: Date) throws -> [Invitation] {
        try Row.fetchAll(db, sql: """
            SELECT \(Self.invitationColumns) FROM invitations i JOIN organizations o ON o.id = i.organization_id
            WHERE i.email_lower = ? AND i.state = 'pending' AND i.expires_at > ?
            ORDER BY i.sent_at DESC, i.id DESC
            """, arguments: [email.lowercased(), now.storedValue]).map { try storedInvitation($0, now: now).invitation }
    }

    /// Whether the organization has a pending, unexpired invitation to this email (other than `except`).
    func hasPendingInvitation(organizationID: String, email: String, now: Date, except: Int64? = nil) throws -> Bool {
        try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM invitations WHERE organization_id = ? AND email_lower = ?
                           AND state = 'pending' AND expires_at > ? AND id <> ?)
            """, arguments: [organizationID, email.lowercased(), now.storedValue, except ?? 0]) ?? false
    }

    /// Records the answer (accepted, declined) or the withdrawal (rescinded).
    func setInvitationState(key: Int64, _ state: InvitationState, at: Date) throws {
        try db.execute(sql: "UPDATE invitations SET state = ?, responded_at = ? WHERE id = ?",
                       arguments: [state.rawValue, at.storedValue, key])
    }

    /// Sends the invitation again: pending, with a new sent time, expiry and sender.
    func renewInvitation(key: Int64, invitedBy: String, sentAt: Date, expiresAt: Date) throws {
        try db.execute(sql: """
            UPDATE invitations SET state = 'pending', invited_by = ?, sent_at = ?, expires_at = ?, responded_at = NULL
            WHERE id = ?
            """, arguments: [invitedBy, sentAt.storedValue, expiresAt.storedValue, key])
    }
}
