/// One thing a key does where the focus is: the event it sends, a short label, and — when the
/// role or read-only mode forbids it right now — the reason, which greys its hint and is what
/// the key answers. The screen finds the keys of an event in the key map.
public struct PaneCommand: Equatable, Sendable {
    public var event: ConsoleEvent
    public var label: String
    public var refusal: String?
    /// Shown in the footer; the others appear in `?` only.
    public var inFooter: Bool

    public init(_ event: ConsoleEvent, _ label: String, refusal: String? = nil, inFooter: Bool = true) {
        self.event = event; self.label = label; self.refusal = refusal; self.inFooter = inFooter
    }

    public var isEnabled: Bool { refusal == nil }
}

extension Array where Element == PaneCommand {
    /// Whether `event` is offered here and not refused: what an empty list may suggest pressing.
    public func allows(_ event: ConsoleEvent) -> Bool { contains { $0.event == event && $0.isEnabled } }

    /// The commands with `event` refused for `reason` (when there is one) where nothing refused
    /// it already: a refusal the command's owner cannot know itself.
    func refusing(_ event: ConsoleEvent, _ reason: String?) -> [PaneCommand] {
        guard let reason else { return self }
        return map { command in
            guard command.event == event, command.refusal == nil else { return command }
            var refused = command
            refused.refusal = reason
            return refused
        }
    }
}
