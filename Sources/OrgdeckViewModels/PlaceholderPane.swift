import OrgdeckCore

/// A pane whose feature is not built yet (Collaborations, Starred, Billing): the screen says
/// what it will hold; it shows no invented data and offers no keys.
public final class PlaceholderPane: PaneModel {
    public let pane: Pane
    init(pane: Pane) { self.pane = pane }
    public var screen: Screen { .pane(pane) }
    public var dialog: Dialog? { nil }
    public var acceptsText: Bool { false }
    public func send(_ event: ConsoleEvent) -> [Reaction]? { nil }
    public func reload() -> [Reaction] { [] }
    public var commands: [PaneCommand] { [] }
}
