import OrgdeckCore

/// My Apps: the apps of the current context as a grid or a list, with filter-as-you-type,
/// sort, pin and the app operations. Reads windows of the list, never the whole table; the
/// cursor follows its app (by ID) across re-sorts, reloads and changes made elsewhere.
public final class MyAppsViewModel: PaneModel, DialogOwner, ItemSelecting {
    public internal(set) var state: MyAppsState
    let env: PaneEnvironment
    var open: DialogSlot<AppPurpose>?

    /// Apps loaded per window; a few screens' worth so cursor moves rarely hit the database.
    static let windowSize = 150

    /// `like` carries the layout and order over from the previous context, so switching context
    /// does not undo the user's choice of grid or list; `viewport`, the body it will be drawn in,
    /// sizes the first read (without it, the previous one's or a default, then `setViewport`).
    public init(env: PaneEnvironment, like previous: MyAppsState? = nil, countNow: Bool = true,
                viewport: (rows: Int, columns: Int)? = nil) {
        self.env = env
        self.state = MyAppsState(context: env.context)
        if let previous {
            state.layout = previous.layout
            state.sort = previous.sort
            state.ascending = previous.ascending
            state.bodyRows = previous.bodyRows
            state.bodyColumns = previous.bodyColumns
        }
        if let viewport { size(rows: viewport.rows, columns: viewport.columns) }
        load(around: 0, count: countNow)
        clampCursor()
    }

    public var screen: Screen { .pane(.myApps) }
    public var dialog: Dialog? { openDialog }
    public var acceptsText: Bool { dialog?.acceptsText ?? state.filtering }
    var actions: AppActions { AppActions(env: env) }

    // MARK: Loading

    /// Reads the window again with the cursor on its app, wherever the app now stands in the
    /// order. When it is gone (deleted, or moved out of reach by another session), the cursor
    /// keeps its row, on the neighbour, and says so.
    @discardableResult
    public func reload() -> [Reaction] {
        let before = state.selectedID
        guard !reload(keeping: nil), let before else { return [] }
        return [.flash(.note("\(before) is no longer in My Apps: changed elsewhere"))]
    }

    /// Reads the window again with the cursor on `appID` (else the app under the cursor); false
    /// when that app is gone. One only hidden by the filter is not gone: it stays the app an
    /// erased filter returns to. One gone is forgotten, so that it is said gone once, and not
    /// after the user's own delete or transfer when the next change is noticed.
    @discardableResult
    public func reload(keeping appID: String?) -> Bool {
        let keep = appID ?? state.selectedID
        var gone = false
        if let keep {
            if let position = position(of: keep, filtered: true) {
                state.cursor = position
            } else {
                gone = state.filter.isEmpty || position(of: keep, filtered: false) == nil
            }
        }
        load(around: state.cursor, count: true)
        clampCursor()
        if gone { state.selectedID = state.selected?.id }
        return !gone
    }

    /// Where app `id` stands in the list (or in the whole context, unfiltered); nil when it is
    /// not there.
    private func position(of id: String, filtered: Bool) -> Int? {
        var query = query(offset: 0, limit: 0)
        if !filtered { query.filter = "" }
        return (try? env.service.appPosition(env.session, in: env.context, query: query, appID: id)) ?? nil
    }

    var selectedItemID: String? { state.selectedID }

    /// Puts the cursor on app `id` when it is listed.
    func selectItem(_ id: String) { _ = reload(keeping: id) }

    /// Takes over the filter and the app under the cursor of the same list built for another
    /// role (the role changed elsewhere), so the rebuild leaves the user where they were.
    func carryOver(_ previous: MyAppsState) {
        state.filter = previous.filter
        reload(keeping: previous.selectedID)
    }

    public var isSettled: Bool { state.totalIsExact }

    /// After the first frame, or when typing in the filter rests: the count the window skipped.
    public func settle() {
        guard !state.totalIsExact else { return }
        load(around: state.cursor, count: true)
        clampCursor()
    }

    func query(offset: Int, limit: Int, count: Bool = true) -> AppQuery {
        AppQuery(filter: state.filter.text, sort: state.sort, ascending: state.ascending, offset: offset, limit: limit,
                 countTotal: count)
    }

    /// Reads the window around `index`. Without `count` (before the first frame is painted, and
    /// while the filter is being typed) only the screens on either side of `index` are read —
    /// every view that shows it — so what a first frame or a keystroke reads is bounded by the
    /// terminal, not the data; `settle()` then reads the whole window.
    func load(around index: Int, count: Bool = true) {
        // Big terminals show more than a fixed window: read three screens' worth at least.
        let screenful = state.viewportRows * perRow
        let size = count ? max(Self.windowSize, 3 * screenful) : 2 * screenful
        let offset = max(0, index - size / 2)
        do {
            let page = try env.service.apps(env.session, in: env.context, query: query(offset: offset, limit: size, count: count))
            state.window = page.items
            state.windowOffset = page.offset
            state.total = page.total
            state.totalIsExact = page.isExact
            state.error = nil
            // The filter may have shrunk the list below the window's start: read from the top again.
            if page.items.isEmpty && page.total > 0 && offset > 0 {
                state.cursor = min(state.cursor, page.total - 1)
                load(around: state.cursor, count: count)
            }
        } catch {
            state.window = []
            state.windowOffset = 0
            state.total = 0
            state.error = error.userMessage
        }
    }

    var perRow: Int { state.layout == .grid ? state.gridColumns : 1 }


    func clampCursor() {
        state.cursor = state.total == 0 ? 0 : min(max(0, state.cursor), state.total - 1)
        scrollToCursor()
        ensureLoaded()
        if let id = state.selected?.id { state.selectedID = id } else if state.total > 0 { state.selectedID = nil }
    }

    /// Keeps the cursor's row inside the visible rows, moving the view as little as possible.
    func scrollToCursor() {
        let row = state.cursor / perRow
        if row < state.scrollTop { state.scrollTop = row }
        if row >= state.scrollTop + state.viewportRows { state.scrollTop = row - state.viewportRows + 1 }
        let lastRow = max(0, (state.total - 1) / perRow)
        state.scrollTop = max(0, min(state.scrollTop, max(0, lastRow - state.viewportRows + 1)))
    }

    /// Loads a new window when the cursor left the loaded one.
    func ensureLoaded() {
        guard state.total > 0 else { return }
        let first = state.scrollTop * perRow
        let last = min(state.total, first + state.viewportRows * perRow) - 1
        let loaded = state.windowOffset..<(state.windowOffset + state.window.count)
        if !loaded.contains(state.cursor) || !loaded.contains(first) || !loaded.contains(max(first, last)) {
            load(around: state.cursor, count: state.totalIsExact)
        }
    }

    // MARK: Movement

    /// The body's size, from which the list rows, or the card rows and cards per row, follow.
    public func setViewport(rows: Int, columns: Int) {
        size(rows: rows, columns: columns)
        scrollToCursor()
        ensureLoaded()
    }

    private func size(rows: Int, columns: Int) {
        state.bodyRows = max(1, rows)
        state.bodyColumns = max(1, columns)
    }

    /// The cursor was put on an app by the user: the app an erased filter returns to.
    private func chosen() { state.anchorID = state.selectedID }

    public func move(_ direction: Direction) {
        switch direction {
        case .up: state.cursor -= perRow
        case .down:
            // In a grid, moving down from the last row's gap lands on the last app.
            state.cursor = min(state.cursor + perRow, max(0, state.total - 1))
        case .left: if state.layout == .grid { state.cursor -= 1 }
        case .right: if state.layout == .grid { state.cursor += 1 }
        }
        clampCursor()
        chosen()
    }

    public func moveToTop() { state.cursor = 0; clampCursor(); chosen() }
    public func moveToBottom() { state.cursor = state.total - 1; clampCursor(); chosen() }

    public func page(_ forward: Bool) {
        let per = state.viewportRows * perRow
        state.cursor += forward ? per : -per
        clampCursor()
        chosen()
    }

    /// Puts the cursor on absolute index `index` (mouse click).
    public func select(index: Int) { state.cursor = index; clampCursor(); chosen() }

    // MARK: Filter, sort, layout

    /// Applies an edit to the filter text and re-queries from the top. The exact count waits
    /// until typing rests (`.idle`): counting every match of a short filter among 100k apps
    /// takes longer than a keystroke may. The cursor stays on its app when the screens read
    /// show it (finding it further down would be that count again), and when the filter is
    /// erased it returns to its app wherever it stands, as Esc does.
    func editFilter(_ event: ConsoleEvent) {
        let before = state.filter.text
        state.filter.apply(event)
        guard state.filter.text != before else { return }
        if before.isEmpty { state.anchorID = state.selectedID }
        let keep = state.anchorID ?? state.selectedID
        if state.filter.isEmpty { reload(keeping: keep); return }
        state.cursor = 0
        load(around: 0, count: false)
        if let keep, let index = state.window.firstIndex(where: { $0.id == keep }) {
            state.cursor = state.windowOffset + index
        }
        clampCursor()
    }

    /// Esc while filtering, or on a filtered list: clear the filter, keeping the selected app.
    func clearFilter() {
        state.filtering = false
        guard !state.filter.isEmpty else { return }
        let keep = state.selectedID
        state.filter.clear()
        reload(keeping: keep)
    }

    /// `o`: updated ↓ → updated ↑ → name ↑ → name ↓ → updated ↓; the cursor stays on its app.
    public func cycleSort() {
        switch (state.sort, state.ascending) {
        case (.updated, false): state.ascending = true
        case (.updated, true): state.sort = .name; state.ascending = true
        case (.name, true): state.ascending = false
        case (.name, false): state.sort = .updated; state.ascending = false
        }
        reload(keeping: state.selectedID)
    }

    public func toggleLayout() {
        state.layout = state.layout == .grid ? .list : .grid
        scrollToCursor()
        ensureLoaded()
    }
}
