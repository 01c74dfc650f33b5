import Foundation

/// A workflow of an app: a graph of its models, run as one (PRODUCT.md §6).
public struct Workflow: Equatable, Sendable {
    public var id: String
    public var name: String
    public var visibility: ModelVisibility
    public var appID: String
    public var appName: String
    public var graph: WorkflowGraph
    /// Bumped by every edit: an edit based on an older version is refused as stale.
    public var version: Int
    /// Whether the reading user starred it.
    public var starred: Bool
    public var createdBy: String?
    public var createdAt: Date
    public var updatedAt: Date
}

/// A starred workflow, wherever it lives.
public struct StarredWorkflow: Equatable, Sendable {
    public var context: Context
    public var ownerLabel: String
    public var workflow: Workflow
    public var starredAt: Date
}
