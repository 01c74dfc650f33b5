import OrgdeckCore

/// One choice of a picker.
public struct PickerOption: Equatable, Sendable {
    /// What the choice carries (a role's raw value, a team ID, a username).
    public var value: String
    public var label: String
    /// A line on what it means.
    public var detail: String
    /// Why it cannot be chosen, or nil (a member already in the team, an organization where
    /// your role may not create apps).
    public var refusal: String?
    /// An answer that excludes the others ("no team"): marking it unmarks the rest, and marking
    /// another unmarks it, so the marks never contradict each other.
    public var exclusive = false

    public init(value: String, label: String, detail: String = "", refusal: String? = nil, exclusive: Bool = false) {
        self.value = value; self.label = label; self.detail = detail; self.refusal = refusal; self.exclusive = exclusive
    }
}

/// A filterable list in an overlay, like k9s's `:` completion: type to narrow, ↑↓ to move,
/// Enter to choose; in a multiple picker Space marks options and Enter takes the marked ones
/// (or the highlighted one when none is marked).
public struct PickerState: Equatable, Sendable {
    public var title: String
    public var options: [PickerOption]
    public var filter: TextField
    /// Index into `visible`.
    public var cursor: Int
    public var multiple: Bool
    /// Values marked in a multiple picker.
    public var marked: [String]
    public var error: String?
    /// What Esc does, as the footer says it: "back" on a later step of a sequence.
    public var cancelLabel = "cancel"
    /// What the empty list says.
    public var empty: String
    /// The options were read for the filter already (a picker over a long list): show them all.
    public var filteredByOwner: Bool

    public init(title: String, options: [PickerOption], selected: String? = nil, multiple: Bool = false,
                marked: [String] = [], empty: String = "nothing to choose") {
        self.title = title; self.options = options; self.multiple = multiple; self.marked = marked
        self.filter = TextField("", maxLength: 100); self.error = nil; self.empty = empty
        self.filteredByOwner = false
        self.cursor = options.firstIndex { $0.value == selected } ?? 0
        self.anchor = selected
    }

    /// The option the user last put the cursor on (or the preselected one): the cursor stays on
    /// it while the filter shows it, and comes back to it when the filter is cleared.
    public private(set) var anchor: String?

    /// The options whose value or label contains the filter, case-insensitively.
    public var visible: [PickerOption] {
        let text = filter.text.lowercased()
        guard !text.isEmpty, !filteredByOwner else { return options }
        return options.filter { $0.value.lowercased().contains(text) || $0.label.lowercased().contains(text) }
    }

    public var highlighted: PickerOption? {
        let visible = self.visible
        return visible.indices.contains(cursor) ? visible[cursor] : nil
    }

    /// What Enter takes in a multiple picker: the marked options, or with none marked the
    /// highlighted one, as in a single picker (the footer's "Enter choose" means the same
    /// everywhere). A list whose "none" is an answer offers it as a row of its own.
    public var chosen: [String] {
        marked.isEmpty ? highlighted.map { [$0.value] } ?? [] : marked
    }

    /// Whether the user has marked or unmarked anything: then Enter with nothing marked is
    /// refused (`unmarkedAll`) instead of taking the highlighted option the user just unmarked.
    public internal(set) var marking = false

    /// Why Enter takes nothing: every mark was taken off again.
    public var unmarkedAll: String? {
        multiple && marking && marked.isEmpty ? "nothing is marked: Space marks an option, or Esc" : nil
    }

    public mutating func move(_ delta: Int) { point(at: cursor + delta) }

    /// Puts the cursor on the visible option at `index` (clamped) and anchors it there.
    public mutating func point(at index: Int) {
        cursor = min(max(0, index), max(0, visible.count - 1))
        if let value = highlighted?.value { anchor = value }
    }

    /// After the filter or the options changed: back on the anchored option when it is shown,
    /// else on the first.
    public mutating func followAnchor() {
        let visible = self.visible
        cursor = anchor.flatMap { anchor in visible.firstIndex { $0.value == anchor } } ?? 0
    }

    /// Marks or unmarks the highlighted option (multiple pickers); a refused one says why.
    public mutating func toggle() {
        guard let option = highlighted else { return }
        if let refusal = option.refusal { error = refusal; return }
        error = nil
        marking = true
        if let index = marked.firstIndex(of: option.value) { marked.remove(at: index); return }
        let exclusive = Set(options.filter(\.exclusive).map(\.value))
        if option.exclusive { marked.removeAll() } else { marked.removeAll { exclusive.contains($0) } }
        marked.append(option.value)
    }

    /// Applies a filter edit and keeps the cursor on a visible option.
    public mutating func edit(_ event: ConsoleEvent) {
        let before = filter.text
        filter.apply(event)
        if filter.text != before { followAnchor(); error = nil }
    }
}

extension Role {
    /// A name short enough for table columns (at most 16 characters).
    public var shortTitle: String {
        switch self {
        case .admin: return "Admin"
        case .orgContributor: return "Org Contributor"
        case .orgUser: return "Org User"
        case .teamContributor: return "Team Contributor"
        }
    }

    /// One line on what the role may do (PRODUCT.md §5).
    public var summary: String {
        switch self {
        case .admin: return "everything, including members, billing and security"
        case .orgContributor: return "works on every app and manages teams"
        case .orgUser: return "sees every app and predicts; changes nothing"
        case .teamContributor: return "only the apps of their teams"
        }
    }

    /// The four roles as picker options.
    public static var options: [PickerOption] {
        allCases.map { PickerOption(value: $0.rawValue, label: $0.title, detail: $0.summary) }
    }
}

extension TeamAppRole {
    /// One line on what the team–app role may do (PRODUCT.md §5).
    public var summary: String {
        switch self {
        case .viewer: return "sees the app and predicts"
        case .contributor: return "also edits its content, trains, sets model visibility"
        }
    }

    /// The two team–app roles as picker options.
    public static var options: [PickerOption] {
        allCases.map { PickerOption(value: $0.rawValue, label: $0.rawValue, detail: $0.summary) }
    }
}

extension PickerState {
    /// The picker as the user left it, refused because someone changed the thing meanwhile: it
    /// stays open with the choice kept, saying what Enter now does and what the other session
    /// set (`now`). The caller bases the next Enter on what it read `now` from.
    func keptOverStale(now: String) -> PickerState {
        var picker = self
        picker.error = "Changed elsewhere to \(now): Enter sets yours, Esc keeps theirs"
        return picker
    }
}
