import Foundation

/// An application: the container of inputs, concepts, models and workflows.
public struct App: Equatable, Hashable, Sendable, Identifiable {
    /// Public ID, unique within its owner.
    public var id: String
    public var name: String
    public var description: String
    public var owner: Owner
    public var createdBy: Int64
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int
    /// Whether the reading user pinned it (per user).
    public var pinned: Bool
    /// Compliance labels (e.g. `hipaa`), sorted and lower-case. They are part of the app's
    /// version: changing them bumps `version`, so an edit based on old labels is stale.
    public var labels: [String]
    /// For a reader who reaches the app only through their teams (a Team Contributor), the
    /// highest team–app role they hold on it; nil when their organization role reaches it.
    public var teamRole: TeamAppRole?
    /// The reader's scopes when the app is shared with them (a collaborator); nil otherwise.
    public var collaboration: Set<CollaboratorScope>?

    /// Creates an app value.
    public init(id: String, name: String, description: String, owner: Owner, createdBy: Int64,
                createdAt: Date, updatedAt: Date, version: Int, pinned: Bool, labels: [String] = [],
                teamRole: TeamAppRole? = nil) {
        self.id = id; self.name = name; self.description = description; self.owner = owner
        self.createdBy = createdBy; self.createdAt = createdAt; self.updatedAt = updatedAt
        self.version = version; self.pinned = pinned; self.labels = labels; self.teamRole = teamRole
    }
}

/// How a list of apps is ordered. Pinned apps always come first.
public enum AppSort: String, CaseIterable, Sendable {
    case updated
    case name
}

/// A window onto the apps of a context: filter, order, offset and limit.
public struct AppQuery: Equatable, Sendable {
    /// Case-insensitive substring of the name or ID; empty for all.
    public var filter: String
    public var sort: AppSort
    public var ascending: Bool
    public var offset: Int
    public var limit: Int
    /// Count every matching app when the window does not reach the end of the list. False
    /// leaves the total a lower bound (`Page.isExact` false): the first frame must not wait
    /// for a count that grows with the data.
    public var countTotal: Bool

    public init(filter: String = "", sort: AppSort = .updated, ascending: Bool = false, offset: Int = 0, limit: Int = 100,
                countTotal: Bool = true) {
        self.filter = filter; self.sort = sort; self.ascending = ascending; self.offset = offset; self.limit = limit
        self.countTotal = countTotal
    }
}

/// One window of a list plus the total count that matches the filter.
public struct Page<Item: Equatable & Sendable>: Equatable, Sendable {
    public var items: [Item]
    public var total: Int
    public var offset: Int
    /// False when `total` is only a lower bound (the query asked not to count).
    public var isExact: Bool

    public init(items: [Item], total: Int, offset: Int, isExact: Bool = true) {
        self.items = items; self.total = total; self.offset = offset; self.isExact = isExact
    }
}
