import Foundation

/// A company account that owns apps and has members with roles.
public struct Organization: Equatable, Hashable, Sendable, Identifiable {
    /// The slug that appears in commands (`--org acme`).
    public var id: String
    public var name: String
    public var billingEmail: String
    public var createdAt: Date
    public var version: Int

    public init(id: String, name: String, billingEmail: String, createdAt: Date, version: Int) {
        self.id = id; self.name = name; self.billingEmail = billingEmail
        self.createdAt = createdAt; self.version = version
    }
}

/// A user's organization together with the role they hold in it.
public struct OrganizationMembership: Equatable, Hashable, Sendable {
    public var organization: Organization
    public var role: Role
    public var joinedAt: Date

    public init(organization: Organization, role: Role, joinedAt: Date) {
        self.organization = organization; self.role = role; self.joinedAt = joinedAt
    }
}

/// A member row as the members table shows it.
public struct Member: Equatable, Hashable, Sendable, Identifiable {
    public var user: User
    public var role: Role
    public var joinedAt: Date
    /// Last sign-in or change in the organization, if any.
    public var lastActiveAt: Date?
    /// IDs of the organization's teams the member belongs to, sorted.
    public var teams: [String]
    public var id: Int64 { user.id }

    /// Creates a member row.
    public init(user: User, role: Role, joinedAt: Date, lastActiveAt: Date?, teams: [String] = []) {
        self.user = user; self.role = role; self.joinedAt = joinedAt; self.lastActiveAt = lastActiveAt
        self.teams = teams
    }
}
