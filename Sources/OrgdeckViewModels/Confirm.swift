import OrgdeckCore

/// A confirm dialog for an irreversible action. When `requiredText` is set the user must type it
/// (the ID) before Enter does anything — the k9s lesson: deletes are never one keystroke.
public struct ConfirmState: Equatable, Sendable {
    public var title: String
    public var message: String
    public var requiredText: String?
    public var typed: TextField
    public var error: String?
    /// What Esc does, as the footer says it: "back" on a later step of a sequence.
    public var cancelLabel = "cancel"
    /// The verb on the Enter hint ("delete", "decline").
    public var verb: String

    public init(title: String, message: String, requiredText: String?, verb: String = "confirm") {
        self.title = title; self.message = message; self.verb = verb
        self.requiredText = requiredText; self.typed = TextField("", maxLength: 200); self.error = nil
    }

    /// Whether Enter may carry out the action.
    public var isSatisfied: Bool { requiredText == nil || typed.text == requiredText }
}

/// Lines to read, closed with Enter or Esc: the details of an item.
public struct InfoState: Equatable, Sendable {
    public var title: String
    /// (label, value) rows.
    public var rows: [InfoRow]
    /// The first row shown, when there are more rows than the screen holds (↑↓ scroll).
    public var top = 0

    public init(title: String, rows: [InfoRow]) { self.title = title; self.rows = rows }

    /// Scrolls by `delta` lines; the screen, which wraps long values, clamps what it cannot
    /// show. The bound counts a line more for every 40 characters of a value, the narrowest a
    /// value column gets, and for every line break, so scrolling can reach the last line.
    public mutating func scroll(_ delta: Int) {
        top = min(max(0, top + delta), max(0, lineCount - 1))
    }

    /// The most lines the rows can take: one each, a line more for every 40 characters of a
    /// value and for every line break in it.
    public var lineCount: Int {
        rows.reduce(0) { $0 + 1 + $1.value.count / 40 + $1.value.reduce(0) { $0 + ($1.isNewline ? 1 : 0) } }
    }
}

/// One row of an `InfoState`.
public struct InfoRow: Equatable, Sendable {
    public var label: String
    public var value: String
    public init(_ label: String, _ value: String) { self.label = label; self.value = value }
}

extension ConfirmState {
    /// Leaving `organization`, confirmed by typing its ID (from the organization itself or
    /// from the personal account's list of organizations).
    static func leave(_ organization: Organization) -> ConfirmState {
        ConfirmState(title: "Leave organization",
                     message: "Leave \(organization.name) (\(organization.id))? You lose access to its apps; your personal apps "
                         + "stay yours. Type the organization ID to confirm.",
                     requiredText: organization.id, verb: "leave")
    }
}
