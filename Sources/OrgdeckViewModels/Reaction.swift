import OrgdeckCore

/// What a pane asks of the console after handling an event.
public enum Reaction: Equatable, Sendable {
    case flash(Flash)
    case effect(Effect)
    /// Open a page on top of the current one (an app, a team).
    case push(Screen)
    /// Leave the current page (after its subject was deleted or moved away).
    case pop
    /// Show a secret once (a new token).
    case secret(title: String, value: String)
    /// The user's organizations changed (joined, left, renamed, deleted): read them again, and
    /// switch to `context` when given (the pane stays).
    case membershipsChanged(switchTo: Context?)
    /// Show a pane (after leaving an organization: My Apps).
    case showPane(Pane)
    /// What the header's badges count may have changed (a budget was set): read them again.
    case badgesChanged
}
