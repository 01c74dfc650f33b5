import Crypto
import Foundation

// MARK: - SSH: keys on accounts, and what `orgdeck serve` asks of the core (PRODUCT.md §12)
extension OrgService {
    /// How long a session's ticket may wait for its process to sign in with it.
    public static let sshTicketLifetime: TimeInterval = 30

    /// The session user's SSH keys, oldest first.
    public func sshKeys(_ session: Session) throws -> [SSHKeyInfo] {
        try store.read { tx in try tx.sshKeys(userID: session.user.id) }
    }

    /// Registers a public key (one `authorized_keys` line) on the session user's account.
    @discardableResult
    public func addSSHKey(_ session: Session, line: String) throws -> SSHKeyInfo {
        try addSSHKey(line, to: session.user, by: session)
    }

    /// Registers a user's first key for them, as the server's operator: whoever holds the
    /// database file, which a token cannot stand in for (the CLI refuses it over SSH). A user
    /// with no shell on the server has no other way to their first key. Audited as the operator's.
    @discardableResult
    public func addSSHKeyAsOperator(username: String, line: String) throws -> SSHKeyInfo {
        let user = try store.read { tx in try tx.user(username: username.lowercased())?.user }
        guard let user else { throw CoreError.notFound("no account \(Validation.visible(username))") }
        return try addSSHKey(line, to: user, by: nil)
    }

    private func addSSHKey(_ line: String, to user: User, by session: Session?) throws -> SSHKeyInfo {
        if isReadOnly { throw CoreError.readOnly }
        let key = try SSHPublicKey.parse(line)
        return try change { tx in
            guard try !tx.sshKeyExists(fingerprint: key.fingerprint) else {
                throw CoreError.conflict("this key (\(key.fingerprint)) is registered already; a key belongs to one account", field: "key")
            }
            let info = try tx.insertSSHKey(userID: user.id, key: key, at: now)
            try tx.appendAudit(record(session, organizationID: nil, action: "user.ssh_key_add", target: user.username,
                                      details: "\(key.type.rawValue) \(key.fingerprint)" + (session == nil ? " (by the server's operator)" : "")))
            return info
        }
    }

    /// Removes one of the session user's keys (`key_3`).
    public func removeSSHKey(_ session: Session, id: String) throws {
        if isReadOnly { throw CoreError.readOnly }
        try change { tx in
            guard let removed = try tx.deleteSSHKey(userID: session.user.id, id: id) else {
                throw CoreError.notFound("you have no SSH key \(Validation.visible(id))")
            }
            try tx.appendAudit(record(session, organizationID: nil, action: "user.ssh_key_remove", target: session.user.username,
                                      details: "\(removed.type) \(removed.fingerprint)"))
        }
    }

    /// The server's question for a public-key sign-in: the account named `peer.username` when it
    /// holds the key, else nil, the same nil whether the name exists or not. Both are audited,
    /// with the key's fingerprint and the source address. Bookkeeping: runs in read-only mode.
    public func authenticateSSH(_ peer: SSHPeer) -> User? {
        let name = peer.username.lowercased()
        let user = try? store.write(bookkeeping: true) { tx -> User? in
            let found = try tx.sshKeyOwner(username: name, fingerprint: peer.fingerprint)
            if let found {
                try tx.touchSSHKey(fingerprint: peer.fingerprint, at: now)
                try tx.appendAudit(AuditRecord(at: now, actor: found.username, organizationID: nil, action: "user.ssh_signin",
                                               target: found.username, details: "key \(peer.fingerprint) from \(peer.address)",
                                               source: .ssh, outcome: "ok"))
            } else {
                try tx.appendAudit(AuditRecord(at: now, actor: nil, organizationID: nil, action: "user.ssh_refused",
                                               target: Validation.visible(String(name.prefix(64))),
                                               details: "key \(peer.fingerprint) from \(peer.address): no account holds this key under this name",
                                               source: .ssh, outcome: "denied"))
            }
            return found
        }
        return user ?? nil
    }

    /// Records a refusal the server decided itself (a password tried, too many attempts).
    public func recordSSHRefusal(_ peer: SSHPeer, reason: String) {
        _ = try? store.write(bookkeeping: true) { tx in
            try tx.appendAudit(AuditRecord(at: now, actor: nil, organizationID: nil, action: "user.ssh_refused",
                                           target: Validation.visible(String(peer.username.lowercased().prefix(64))),
                                           details: "\(peer.fingerprint.isEmpty ? "" : "key \(peer.fingerprint) ")from \(peer.address): \(reason)",
                                           source: .ssh, outcome: "denied"))
        }
    }

    /// Records that a signed-in session ended, and how.
    public func recordSSHSessionEnd(_ peer: SSHPeer, detail: String) {
        _ = try? store.write(bookkeeping: true) { tx in
            try tx.appendAudit(AuditRecord(at: now, actor: peer.username, organizationID: nil, action: "user.ssh_session_end",
                                           target: peer.username, details: "key \(peer.fingerprint) from \(peer.address): \(detail)",
                                           source: .ssh, outcome: "ok"))
        }
    }

    /// A single-use ticket that signs `user` in, once, within `sshTicketLifetime`: the server
    /// hands it to the session's process over a private pipe. Only its SHA-256 is stored.
    public func issueSSHTicket(for user: User, purpose: SSHTicketPurpose, peer: SSHPeer) throws -> String {
        let ticket = "odt_" + Hex.random(bytes: 32)
        try store.write(bookkeeping: true) { tx in
            // A key removed since the connection signed in opens no new session on it.
            guard try tx.sshKeyOwner(username: user.username, fingerprint: peer.fingerprint) != nil else {
                throw CoreError.notAuthenticated("the key \(peer.fingerprint) is no longer registered on \(user.username)")
            }
            try tx.deleteExpiredSSHTickets(now: now)
            try tx.insertSSHTicket(sha256: Hex.encode(SHA256.hash(data: Data(ticket.utf8))), userID: user.id, purpose: purpose,
                                   peer: peer, expiresAt: now.addingTimeInterval(Self.sshTicketLifetime))
        }
        return ticket
    }

    /// Signs in with a ticket (once: it is gone after this, used or not), for `purpose`.
    public func redeemSSHTicket(_ ticket: String, purpose: SSHTicketPurpose) throws -> Session {
        let refused = CoreError.notAuthenticated("this SSH session's ticket is not valid (used, expired or unknown)")
        let taken = try store.write(bookkeeping: true) { tx in
            try tx.takeSSHTicket(sha256: Hex.encode(SHA256.hash(data: Data(ticket.trimmingCharacters(in: .whitespacesAndNewlines).utf8))))
        }
        guard let taken, taken.purpose == purpose, taken.expiresAt >= now,
              let user = try store.read({ tx in try tx.user(id: taken.userID)?.user }) else { throw refused }
        return Session(user: user, source: purpose == .console ? .tui : .cli)
    }
}
