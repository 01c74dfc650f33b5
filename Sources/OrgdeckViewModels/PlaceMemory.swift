/// Where a user was when they left: the context, the pane and its section, restored at the
/// next sign-in (k9s restores the last context and view).
public struct Place: Codable, Equatable, Sendable {
    /// `personal`, or an organization's ID.
    public var context: String
    /// The pane's number (1–6).
    public var pane: Int
    /// The title of the pane's section in front (Account's Members, Billing's Invoices), when
    /// the pane has sections: a title, as roles see different sections at the same index.
    public var section: String?
    /// My Apps as a grid or a list (`AppLayout`'s raw value), the user's choice in every context.
    public var layout: String?
    /// The item under the pane's cursor (an app's ID, a member's username) when the user quit
    /// or signed out: written on leaving only, so moving the cursor writes nothing.
    public var item: String?

    public init(context: String, pane: Int, section: String? = nil, layout: String? = nil, item: String? = nil) {
        self.context = context; self.pane = pane; self.section = section; self.layout = layout; self.item = item
    }
}

/// Remembers each user's last place; the console runtime keeps it in a state file.
public protocol PlaceMemory: AnyObject {
    func place(for username: String) -> Place?
    func remember(_ place: Place, for username: String)
}
