import Foundation

/// Where an invitation stands (PRODUCT.md §5).
public enum InvitationState: String, Sendable, Codable, CaseIterable {
    /// Sent and still open.
    case pending
    /// The invitee joined.
    case accepted
    /// The invitee said no.
    case declined
    /// An Admin withdrew it.
    case rescinded
    /// Still pending when its expiry passed (computed by the service's clock, never stored).
    case expired
}

/// An invitation to join an organization with a role, sent to an email address.
public struct Invitation: Equatable, Sendable, Identifiable {
    /// Public ID, e.g. `inv_12`.
    public var id: String
    /// The canonical ID of the organization it invites to.
    public var organizationID: String
    /// The organization's display name, so the invitee knows who invites them.
    public var organizationName: String
    /// As the Admin typed it; matched case-insensitively.
    public var email: String
    /// The role the invitee gets on acceptance.
    public var role: Role
    /// Team IDs to join on acceptance (Team Contributors only).
    public var teams: [String]
    /// Username of the Admin who sent (or last resent) it.
    public var invitedBy: String
    /// When it was sent or last resent.
    public var sentAt: Date
    /// When it stops being acceptable.
    public var expiresAt: Date
    /// `.expired` when pending and past `expiresAt` by the service's clock.
    public var state: InvitationState
    /// When it was accepted, declined or rescinded.
    public var respondedAt: Date?

    /// Creates an invitation value.
    public init(id: String, organizationID: String, organizationName: String, email: String, role: Role,
                teams: [String], invitedBy: String, sentAt: Date, expiresAt: Date, state: InvitationState,
                respondedAt: Date?) {
        self.id = id; self.organizationID = organizationID; self.organizationName = organizationName
        self.email = email; self.role = role; self.teams = teams; self.invitedBy = invitedBy
        self.sentAt = sentAt; self.expiresAt = expiresAt; self.state = state; self.respondedAt = respondedAt
    }
}

extension Invitation {
    /// Why it cannot be rescinded in its state (nil: it can); the service enforces the same.
    public var refusalToRescind: String? {
        state == .pending ? nil : "only a pending invitation can be rescinded; \(id) is \(state.rawValue)"
    }

    /// Why it cannot be resent in its state (nil: it can); the service enforces the same.
    public var refusalToResend: String? {
        state == .pending || state == .expired ? nil
            : "only a pending or expired invitation can be resent; \(id) is \(state.rawValue)"
    }
}
