import Foundation

/// The role a team holds on one of its apps (PRODUCT.md §5).
public enum TeamAppRole: String, Sendable, Codable, CaseIterable {
    /// See the app and predict.
    case viewer
    /// Also edit the app's content, train, change model and workflow visibility.
    case contributor

    /// The name shown to users.
    public var title: String {
        switch self {
        case .viewer: return "Viewer"
        case .contributor: return "Contributor"
        }
    }
}

/// A group of organization members that reaches a set of the organization's apps.
public struct Team: Equatable, Sendable, Identifiable {
    /// ID unique within the organization (same rules as app IDs).
    public var id: String
    /// The canonical ID of the organization the team belongs to.
    public var organizationID: String
    /// Display name.
    public var name: String
    /// Siloed-access policy: only apps labelled with all of these may join the team; empty for none.
    public var requiredLabels: [String]
    /// How many members the team has.
    public var memberCount: Int
    /// How many apps the team has.
    public var appCount: Int
    /// When the team was created.
    public var createdAt: Date
    /// Optimistic-concurrency version, bumped on rename and policy changes.
    public var version: Int

    /// Creates a team value.
    public init(id: String, organizationID: String, name: String, requiredLabels: [String], memberCount: Int,
                appCount: Int, createdAt: Date, version: Int) {
        self.id = id; self.organizationID = organizationID; self.name = name; self.requiredLabels = requiredLabels
        self.memberCount = memberCount; self.appCount = appCount; self.createdAt = createdAt; self.version = version
    }
}

/// One app of a team, with the role the team holds on it.
public struct TeamApp: Equatable, Sendable, Identifiable {
    /// The app as the reading session sees it.
    public var app: App
    /// What the team's members may do with it.
    public var role: TeamAppRole
    /// The app's ID.
    public var id: String { app.id }

    /// Creates a team–app pair.
    public init(app: App, role: TeamAppRole) { self.app = app; self.role = role }
}
