import Foundation

/// An SSH key registered on an account, as listed.
public struct SSHKeyInfo: Equatable, Sendable {
    /// `key_3`: what `orgdeck keys remove` takes.
    public var id: String
    public var type: String
    public var fingerprint: String
    public var comment: String
    public var addedAt: Date
    public var lastUsedAt: Date?
}

/// Who connected over SSH, with what, from where: what every SSH audit entry records.
public struct SSHPeer: Equatable, Sendable {
    public var username: String
    public var fingerprint: String
    /// `203.0.113.5 port 51514`.
    public var address: String

    public init(username: String, fingerprint: String, address: String) {
        self.username = username; self.fingerprint = fingerprint; self.address = address
    }
}

/// What an SSH session's process is signed in for.
public enum SSHTicketPurpose: String, Sendable {
    /// The console, on the session's pseudo-terminal.
    case console
    /// One scripting command (an exec request).
    case command
}
