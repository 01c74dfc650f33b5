import Foundation
import GRDB

// MARK: - SSH keys and session tickets
extension StoreTransaction {
    private func sshKey(_ row: Row) throws -> SSHKeyInfo {
        let read = RowReader(row, table: "ssh_keys")
        return SSHKeyInfo(id: "key_\(try read("id") as Int64)", type: try read("key_type"), fingerprint: try read("fingerprint"),
                          comment: try read("comment"), addedAt: try read.date("added_at"), lastUsedAt: try read.optionalDate("last_used_at"))
    }

    func sshKeys(userID: Int64) throws -> [SSHKeyInfo] {
        try Row.fetchAll(db, sql: "SELECT * FROM ssh_keys WHERE user_id = ? ORDER BY id", arguments: [userID]).map(sshKey)
    }

    func sshKeyExists(fingerprint: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM ssh_keys WHERE fingerprint = ?)", arguments: [fingerprint]) ?? false
    }

    func insertSSHKey(userID: Int64, key: SSHPublicKey, at: Date) throws -> SSHKeyInfo {
        try db.execute(sql: """
            INSERT INTO ssh_keys (user_id, key_type, public_key, fingerprint, comment, added_at) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [userID, key.type.rawValue, key.blob.base64EncodedString(), key.fingerprint, key.comment, at.storedValue])
        return SSHKeyInfo(id: "key_\(db.lastInsertedRowID)", type: key.type.rawValue, fingerprint: key.fingerprint, comment: key.comment,
                          addedAt: at, lastUsedAt: nil)
    }

    /// Deletes the user's key `id` (`key_3`); false when they have no such key.
    func deleteSSHKey(userID: Int64, id: String) throws -> SSHKeyInfo? {
        guard id.hasPrefix("key_"), let rowID = Int64(id.dropFirst(4)),
              let row = try Row.fetchOne(db, sql: "SELECT * FROM ssh_keys WHERE id = ? AND user_id = ?", arguments: [rowID, userID])
        else { return nil }
        let key = try sshKey(row)
        try db.execute(sql: "DELETE FROM ssh_keys WHERE id = ?", arguments: [rowID])
        return key
    }

    /// The account holding the key with this fingerprint, if its username is `username`.
    func sshKeyOwner(username: String, fingerprint: String) throws -> User? {
        guard let userID = try Int64.fetchOne(db, sql: """
            SELECT k.user_id FROM ssh_keys k JOIN users u ON u.id = k.user_id WHERE k.fingerprint = ? AND u.username = ?
            """, arguments: [fingerprint, username]) else { return nil }
        return try user(id: userID)?.user
    }

    func touchSSHKey(fingerprint: String, at: Date) throws {
        try db.execute(sql: "UPDATE ssh_keys SET last_used_at = ? WHERE fingerprint = ?", arguments: [at.storedValue, fingerprint])
    }

    func insertSSHTicket(sha256: String, userID: Int64, purpose: SSHTicketPurpose, peer: SSHPeer, expiresAt: Date) throws {
        try db.execute(sql: """
            INSERT INTO ssh_tickets (ticket_sha256, user_id, purpose, fingerprint, source_address, expires_at) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [sha256, userID, purpose.rawValue, peer.fingerprint, peer.address, expiresAt.storedValue])
    }

    /// Takes the ticket (deleting it, used or expired); nil when there is none.
    func takeSSHTicket(sha256: String) throws -> (userID: Int64, purpose: SSHTicketPurpose, peer: (String, String), expiresAt: Date)? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM ssh_tickets WHERE ticket_sha256 = ?", arguments: [sha256]) else {
            return nil
        }
        try db.execute(sql: "DELETE FROM ssh_tickets WHERE ticket_sha256 = ?", arguments: [sha256])
        let read = RowReader(row, table: "ssh_tickets", label: "ticket")
        return (try read("user_id"), try read.choice("purpose"), (try read("fingerprint"), try read("source_address")),
                try read.date("expires_at"))
    }

    /// Forgets tickets nobody used in time.
    func deleteExpiredSSHTickets(now: Date) throws {
        try db.execute(sql: "DELETE FROM ssh_tickets WHERE expires_at < ?", arguments: [now.storedValue])
    }
}
