/// Where a user was when they left: the context and the pane, restored at the next sign-in
/// (k9s restores the last context and view).
public struct Place: Codable, Equatable, Sendable {
    /// `personal`, or an organization's ID.
    public var context: String
    /// The pane's number (1–6).
    public var pane: Int

    public init(context: String, pane: Int) { self.context = context; self.pane = pane }
}

/// Remembers each user's last place; the console runtime keeps it in a state file.
public protocol PlaceMemory: AnyObject {
    func place(for username: String) -> Place?
    func remember(_ place: Place, for username: String)
}
