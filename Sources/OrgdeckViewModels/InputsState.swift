import OrgdeckCore

/// Which inputs the Inputs section lists besides the search.
public enum InputFilter: Equatable, Sendable {
    case all
    case unlabelled
    case concept(String)

    public var label: String {
        switch self {
        case .all: return "all"
        case .unlabelled: return "unlabelled"
        case .concept(let id): return "concept \(id)"
        }
    }
}

/// What the Inputs section shows: one window of the app's inputs (never the whole table),
/// the cursor and scroll as absolute positions, the search, the filter and the marked inputs.
public struct InputsState: Equatable, Sendable {
    /// The inputs read, starting at `windowOffset`.
    public var window: [Input] = []
    public var windowOffset = 0
    /// How many inputs match; a lower bound while `exact` is false (typing in the search).
    public var total = 0
    public var exact = true
    public var cursor = 0
    public var scrollTop = 0
    public var viewportRows = 10
    public var search = TextField("", maxLength: 200)
    public var searching = false
    /// The search last metered: a query is billed once, when Enter keeps it.
    public var meteredSearch = ""
    public var filter: InputFilter = .all
    /// Input IDs marked with Space, in the order marked.
    public var marked: [String] = []
    public var concepts: [Concept] = []
    public var error: String?

    /// The input at absolute position `index`, when it is in the window.
    public func input(at index: Int) -> Input? {
        let local = index - windowOffset
        return window.indices.contains(local) ? window[local] : nil
    }

    public var selected: Input? { input(at: cursor) }

    /// What an operation on "the selection" applies to: the marked inputs, else the one under the cursor.
    public var targets: [String] {
        if !marked.isEmpty { return marked }
        return selected.map { [$0.id] } ?? []
    }

    /// Whether the rows on screen are all in the window.
    var windowCoversView: Bool {
        let end = min(total, scrollTop + viewportRows)
        return scrollTop >= windowOffset && end <= windowOffset + window.count
    }

    mutating func clamp() {
        cursor = min(max(0, cursor), max(0, total - 1))
        if cursor < scrollTop { scrollTop = cursor }
        if cursor >= scrollTop + viewportRows { scrollTop = cursor - viewportRows + 1 }
        scrollTop = max(0, min(scrollTop, max(0, total - viewportRows)))
    }
}
