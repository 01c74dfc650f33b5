import OrgdeckCore

/// Something a list shows, identified by a stable ID (an app ID, a username, a team ID).
public protocol ListItem: Equatable, Sendable {
    var listID: String { get }
}

/// A list's rows with a cursor that follows its item (ratatui's `TableState`): after a reload,
/// a re-sort or a change made elsewhere, the cursor is on the same item wherever it moved, and
/// only when that item is gone does it stay at the same row. Also the scroll position and the
/// search line.
public struct ListState<Item: ListItem>: Equatable, Sendable {
    public private(set) var rows: [Item]
    public private(set) var cursor: Int
    /// The ID of the item under the cursor.
    public private(set) var selectedID: String?
    /// The first visible row.
    public private(set) var scrollTop: Int
    public private(set) var viewportRows: Int
    public var search: TextField
    /// Whether keys go to the search line.
    public var searching: Bool

    public init(rows: [Item] = []) {
        self.rows = []; cursor = 0; selectedID = nil; scrollTop = 0; viewportRows = 10
        search = TextField("", maxLength: 100); searching = false
        show(rows)
    }

    public var selected: Item? { rows.indices.contains(cursor) ? rows[cursor] : nil }
    public var isEmpty: Bool { rows.isEmpty }

    /// Replaces the rows, keeping the cursor on its item when it is still there.
    public mutating func show(_ newRows: [Item]) {
        rows = newRows
        if let selectedID, let index = rows.firstIndex(where: { $0.listID == selectedID }) {
            cursor = index
        }
        clamp()
    }

    /// Puts the cursor on the item with `id`, if shown.
    public mutating func select(id: String) {
        if let index = rows.firstIndex(where: { $0.listID == id }) { cursor = index; clamp() }
    }

    public mutating func select(index: Int) { cursor = index; clamp() }

    public mutating func setViewport(rows: Int) {
        viewportRows = max(1, rows)
        scrollToCursor()
    }

    /// Cursor moves and clicks; false for any other event.
    public mutating func navigate(_ event: ConsoleEvent) -> Bool {
        switch event {
        case .move(.down): cursor += 1
        case .move(.up): cursor -= 1
        case .top: cursor = 0
        case .bottom: cursor = rows.count - 1
        case .pageDown: cursor += viewportRows
        case .pageUp: cursor -= viewportRows
        case .selectIndex(let index): cursor = index
        default: return false
        }
        clamp()
        return true
    }

    /// Applies a search-line edit; true when the text changed (the pane then filters again).
    public mutating func editSearch(_ event: ConsoleEvent) -> Bool {
        let before = search.text
        search.apply(event)
        return search.text != before
    }

    private mutating func clamp() {
        cursor = rows.isEmpty ? 0 : min(max(0, cursor), rows.count - 1)
        selectedID = selected?.listID
        scrollToCursor()
    }

    private mutating func scrollToCursor() {
        if cursor < scrollTop { scrollTop = cursor }
        if cursor >= scrollTop + viewportRows { scrollTop = cursor - viewportRows + 1 }
        scrollTop = max(0, min(scrollTop, max(0, rows.count - viewportRows)))
    }
}

extension Member: ListItem { public var listID: String { user.username } }
extension Team: ListItem { public var listID: String { id } }
extension Invitation: ListItem { public var listID: String { id } }
extension TokenInfo: ListItem { public var listID: String { id } }
extension Concept: ListItem { public var listID: String { id } }
extension AppModel: ListItem { public var listID: String { id } }
extension ModelVersion: ListItem { public var listID: String { id } }
extension StarredModel: ListItem { public var listID: String { "\(context)/\(model.appID)/\(model.id)" } }
extension TeamApp: ListItem { public var listID: String { app.id } }
extension OrganizationMembership: ListItem { public var listID: String { organization.id } }

/// What a list made of an event.
public enum ListEventResult: Equatable, Sendable {
    /// A cursor move or a search-line key, done.
    case handled
    /// The search text changed: the owner filters again and calls `show`.
    case searchChanged
    /// Not a list key: the owner's to handle.
    case notHandled
}

extension ListState {
    /// The keys every list shares: while searching, ↑↓ move, Enter keeps the search, Esc clears
    /// it and the rest edits it; otherwise cursor keys move and (when `searchable`) `/` starts a
    /// search and Esc clears a kept one.
    public mutating func handle(_ event: ConsoleEvent, searchable: Bool) -> ListEventResult {
        if searching {
            switch event {
            case .move, .pageUp, .pageDown, .selectIndex: _ = navigate(event); return .handled
            case .submit: searching = false; return .handled
            case .cancel, .back:
                searching = false
                guard !search.isEmpty else { return .handled }
                search.clear()
                return .searchChanged
            default: return editSearch(event) ? .searchChanged : .handled
            }
        }
        if navigate(event) { return .handled }
        switch event {
        case .filter where searchable: searching = true; return .handled
        case .back where !search.isEmpty, .cancel where !search.isEmpty:
            search.clear()
            return .searchChanged
        default: return .notHandled
        }
    }

    /// The search line's commands, when it has the keys.
    public var searchCommands: [PaneCommand] {
        [PaneCommand(.submit, "keep search"), PaneCommand(.cancel, "clear"), PaneCommand(.move(.down), "move")]
    }
}
