import OrgdeckCore

/// My Apps: the apps of the current context as a grid or a list, with filter-as-you-type,
/// sort, pin and the app operations. Reads windows of the list, never the whole table.
public final class MyAppsViewModel {
    public internal(set) var state: MyAppsState
    let service: OrgService
    let session: Session

    /// Apps loaded per window; a few screens' worth so cursor moves rarely hit the database.
    static let windowSize = 150

    /// `like` carries the layout and order over from the previous context, so switching context
    /// does not undo the user's choice of grid or list.
    public init(service: OrgService, session: Session, context: Context, like previous: MyAppsState? = nil) {
        self.service = service
        self.session = session
        self.state = MyAppsState(context: context)
        if let previous {
            state.layout = previous.layout
            state.sort = previous.sort
            state.ascending = previous.ascending
            state.viewportRows = previous.viewportRows
            state.gridColumns = previous.gridColumns
        }
        reload()
    }

    // MARK: Loading

    /// Reloads the window around the cursor, keeping the selected app under the cursor when it is
    /// still in the list (used after edits and after changes made by other sessions).
    public func reload(keeping appID: String? = nil) {
        let keep = appID ?? state.selected?.id
        load(around: state.cursor)
        if let keep, let local = state.window.firstIndex(where: { $0.id == keep }) {
            state.cursor = state.windowOffset + local
        }
        clampCursor()
    }

    func load(around index: Int) {
        // Big terminals show more than a fixed window: read three screens' worth at least.
        let perRow = state.layout == .grid ? state.gridColumns : 1
        let size = max(Self.windowSize, 3 * state.viewportRows * perRow)
        let offset = max(0, index - size / 2)
        let query = AppQuery(filter: state.filter.text, sort: state.sort, ascending: state.ascending,
                             offset: offset, limit: size)
        do {
            let page = try service.apps(session, in: state.context, query: query)
            state.window = page.items
            state.windowOffset = page.offset
            state.total = page.total
            state.error = nil
            // The filter may have shrunk the list below the window's start: read from the top again.
            if page.items.isEmpty && page.total > 0 && offset > 0 {
                state.cursor = min(state.cursor, page.total - 1)
                load(around: state.cursor)
            }
        } catch {
            state.window = []
            state.windowOffset = 0
            state.total = 0
            state.error = error.userMessage
        }
    }

    func clampCursor() {
        state.cursor = state.total == 0 ? 0 : min(max(0, state.cursor), state.total - 1)
        scrollToCursor()
        ensureLoaded()
    }

    /// Keeps the cursor's row inside the visible rows, moving the view as little as possible.
    func scrollToCursor() {
        let perRow = state.layout == .grid ? state.gridColumns : 1
        let row = state.cursor / perRow
        if row < state.scrollTop { state.scrollTop = row }
        if row >= state.scrollTop + state.viewportRows { state.scrollTop = row - state.viewportRows + 1 }
        let lastRow = max(0, (state.total - 1) / perRow)
        state.scrollTop = max(0, min(state.scrollTop, max(0, lastRow - state.viewportRows + 1)))
    }

    /// Loads a new window when the cursor left the loaded one.
    func ensureLoaded() {
        guard state.total > 0 else { return }
        let perRow = state.layout == .grid ? state.gridColumns : 1
        let first = state.scrollTop * perRow
        let last = min(state.total, first + state.viewportRows * perRow) - 1
        let loaded = state.windowOffset..<(state.windowOffset + state.window.count)
        if !loaded.contains(state.cursor) || !loaded.contains(first) || !loaded.contains(max(first, last)) {
            load(around: state.cursor)
        }
    }

    // MARK: Movement

    /// Tells the model how many rows and grid columns the screen shows (for paging and grid moves).
    public func setViewport(rows: Int, gridColumns: Int) {
        state.viewportRows = max(1, rows)
        state.gridColumns = max(1, gridColumns)
        scrollToCursor()
    }

    public func move(_ direction: Direction) {
        let step = state.layout == .grid ? state.gridColumns : 1
        switch direction {
        case .up: state.cursor -= step
        case .down:
            // In a grid, moving down from the last row's gap lands on the last app.
            state.cursor = min(state.cursor + step, max(0, state.total - 1))
        case .left: if state.layout == .grid { state.cursor -= 1 }
        case .right: if state.layout == .grid { state.cursor += 1 }
        }
        clampCursor()
    }

    public func moveToTop() { state.cursor = 0; clampCursor() }
    public func moveToBottom() { state.cursor = state.total - 1; clampCursor() }

    public func page(_ forward: Bool) {
        let per = state.viewportRows * (state.layout == .grid ? state.gridColumns : 1)
        state.cursor += forward ? per : -per
        clampCursor()
    }

    /// Puts the cursor on absolute index `index` (mouse click).
    public func select(index: Int) { state.cursor = index; clampCursor() }

    // MARK: Filter, sort, layout

    public func startFilter() { state.filtering = true }

    /// Applies an edit to the filter text and re-queries from the top.
    public func editFilter(_ apply: (inout TextField) -> Void) {
        let before = state.filter.text
        apply(&state.filter)
        guard state.filter.text != before else { return }
        state.cursor = 0
        load(around: 0)
        clampCursor()
    }

    /// Enter: keep the filter, give the keys back to the list.
    public func commitFilter() { state.filtering = false }

    /// Esc while filtering, or on a filtered list: clear the filter.
    public func clearFilter() {
        state.filtering = false
        guard !state.filter.isEmpty else { return }
        let keep = state.selected?.id
        state.filter.clear()
        state.cursor = 0
        reload(keeping: keep)
    }

    /// `o`: updated ↓ → updated ↑ → name ↑ → name ↓ → updated ↓.
    public func cycleSort() {
        switch (state.sort, state.ascending) {
        case (.updated, false): state.ascending = true
        case (.updated, true): state.sort = .name; state.ascending = true
        case (.name, true): state.ascending = false
        case (.name, false): state.sort = .updated; state.ascending = false
        }
        let keep = state.selected?.id
        state.cursor = 0
        reload(keeping: keep)
    }

    public func toggleLayout() {
        state.layout = state.layout == .grid ? .list : .grid
        scrollToCursor()
    }
}
