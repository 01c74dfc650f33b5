import OrgdeckCore

/// The six panes of the profile drop-down, in the order of their number keys.
public enum Pane: Int, CaseIterable, Sendable {
    case myApps = 1, collaborations, starred, account, billing, security

    public var title: String {
        switch self {
        case .myApps: return "My Apps"
        case .collaborations: return "Collaborations"
        case .starred: return "Starred"
        case .account: return "Account"
        case .billing: return "Billing"
        case .security: return "Security"
        }
    }

    /// The palette command that opens it (`:apps`).
    public var command: String {
        switch self {
        case .myApps: return "apps"
        case .collaborations: return "collaborations"
        case .starred: return "starred"
        case .account: return "account"
        case .billing: return "billing"
        case .security: return "security"
        }
    }
}

/// One place in the navigation stack; Esc pops back to the previous one.
public enum Screen: Equatable, Sendable {
    case pane(Pane)
    /// An app's page, by app ID in the current context.
    case app(String)
    /// A team's page (members and apps), by team ID in the current organization.
    case team(String)
    /// A model's page (overview and prediction, versions, concepts), wherever it lives.
    case model(ModelRef)
    /// An app's page in its owner's context: an app shared with the user, opened from Collaborations.
    case sharedApp(AppRef)
    /// A workflow's page (its graph and its runs), wherever it lives.
    case workflow(WorkflowRef)
}

/// An app in its owner's context (an organization the user may not belong to, or another
/// user's personal account).
public struct AppRef: Equatable, Sendable {
    public var context: Context
    public var appID: String
    public init(context: Context, appID: String) { self.context = context; self.appID = appID }
}

/// Where a workflow lives: its app's owner, the app and the workflow.
public struct WorkflowRef: Equatable, Sendable {
    public var context: Context
    public var appID: String
    public var workflowID: String
    public init(context: Context, appID: String, workflowID: String) {
        self.context = context; self.appID = appID; self.workflowID = workflowID
    }
}

/// Where a model lives: the context of its app's owner (which may be an organization the user
/// is not a member of, for a public model), the app and the model.
public struct ModelRef: Equatable, Sendable {
    public var context: Context
    public var appID: String
    public var modelID: String
    public init(context: Context, appID: String, modelID: String) {
        self.context = context; self.appID = appID; self.modelID = modelID
    }
}

/// A direction of cursor movement.
public enum Direction: Equatable, Sendable { case up, down, left, right }
