import OrgdeckCore

/// A section whose cursor can be handed over to the same section built again (for another role).
protocol ItemSelecting: AnyObject {
    var selectedItemID: String? { get }
    func selectItem(_ id: String)
}

/// What a list section shows: the rows as listed (filtered by the search), all that was read,
/// and why reading failed.
public struct ListSectionState<Item: ListItem>: Equatable, Sendable {
    public var list = ListState<Item>()
    public var all: [Item] = []
    public var error: String?
}

/// A section that is one list (members, teams, invitations, tokens): the list keys, the search
/// line, the reload that keeps the cursor on its item, and the dialogs of its own purposes.
/// Subclasses say what to read, what a search matches, what the keys do on the selected item,
/// and how their dialogs are carried out.
public class ListSection<Item: ListItem, Purpose: Equatable & Sendable>: SectionModel, DialogOwner, ItemSelecting {
    public internal(set) var state = ListSectionState<Item>()
    let env: PaneEnvironment
    var open: DialogSlot<Purpose>?
    public let title: String
    public let screen: Screen
    let searchable: Bool
    /// Rows the section's screen draws above the table (its title and hint lines) and the
    /// table's header: the list scrolls within what is left of the section's rows (the page's
    /// own rows are already taken off, `SectionedPage.headerRows`).
    let chrome: Int

    init(env: PaneEnvironment, title: String, screen: Screen, searchable: Bool, chrome: Int) {
        self.env = env; self.title = title; self.screen = screen; self.searchable = searchable; self.chrome = chrome
    }

    // MARK: What subclasses provide

    /// Reads the items (the search text is in `state.list.search` for a search the core runs).
    func load() throws -> [Item] { [] }
    /// Whether an item matches the search text (lower-cased); false when the core searches.
    func matches(_ item: Item, _ text: String) -> Bool { true }
    /// The search is run by the core (`load` reads again) rather than over what is loaded.
    var searchesInCore: Bool { false }
    /// What a key does here (with the item under the cursor, if any); nil when it means nothing.
    func handle(_ event: ConsoleEvent, selected: Item?) -> [Reaction]? { nil }
    func carryOut(_ purpose: Purpose, _ dialog: Dialog) throws -> [Reaction] { [] }
    func options(for purpose: Purpose, filter: String) -> [PickerOption]? { nil }
    func abandoned(_ purpose: Purpose) -> String? { nil }
    /// The section's commands when the list has focus.
    var listCommands: [PaneCommand] { [] }

    // MARK: SectionModel

    var organizationID: String { env.context.organizationID ?? "" }
    public var dialog: Dialog? { openDialog }
    public var acceptsText: Bool { dialog?.acceptsText ?? state.list.searching }

    /// Reads the items again; the cursor stays on its item. When that item is gone (deleted or
    /// moved out of reach by another session), the cursor takes its neighbour and says so: the
    /// next key must not act on a row the user did not choose without being told.
    public func reload() -> [Reaction] {
        let before = state.list.selected?.listID
        do {
            state.all = try load()
            state.error = nil
        } catch { state.error = error.userMessage }
        refilter()
        // A search the core runs leaves out what no longer matches: that item is not gone.
        guard let before, state.error == nil, !searchesInCore || state.list.search.isEmpty,
              !state.all.contains(where: { $0.listID == before }) else { return [] }
        return [.flash(.note("\(before) is no longer in \(title): changed elsewhere"))]
    }

    func refilter() {
        let text = state.list.search.text.lowercased()
        state.list.show(text.isEmpty || searchesInCore ? state.all : state.all.filter { matches($0, text) })
    }

    public func setViewport(rows: Int, columns: Int) { state.list.setViewport(rows: rows - chrome) }

    public func send(_ event: ConsoleEvent) -> [Reaction]? {
        if let reactions = routeDialog(event) { return reactions }
        if event == .filter, !state.list.searching, let reason = searchRefusal { return refused(reason) }
        switch state.list.handle(event, searchable: searchable) {
        case .handled: return []
        case .searchChanged: return searchesInCore ? reload() : { refilter(); return [] }()
        case .notHandled:
            let reactions = handle(event, selected: state.list.selected)
            // A key that did nothing at all (one that needs a row, on an empty list): its greyed
            // hint's reason, not silence.
            if reactions?.isEmpty == true, dialog == nil, let reason = listCommands.first(where: { $0.event == event })?.refusal {
                return refused(reason)
            }
            return reactions
        }
    }

    public var commands: [PaneCommand] {
        if let dialog { return dialog.commands }
        if state.list.searching { return state.list.searchCommands }
        // A kept search is cleared by Esc, first in line: the rows shown are not all there are.
        return ((state.list.search.isEmpty ? [] : [PaneCommand(.back, "clear search")]) + listCommands).refusing(.filter, searchRefusal)
    }

    /// Why `/` has nothing to search: the list could not be read (the reason, such as a role's),
    /// or it is empty and no search is kept that could be changed.
    var searchRefusal: String? {
        if let error = state.error { return error }
        return state.all.isEmpty && state.list.search.isEmpty ? "nothing to search: the list is empty" : nil
    }

    /// Reads again and puts the cursor on `id` (the item just made or changed).
    func reload(selecting id: String) {
        _ = reload()
        state.list.select(id: id)
    }

    /// The ID of the item under the cursor, to hand to the same section built again.
    var selectedItemID: String? { state.list.selected?.listID }

    /// Puts the cursor on item `id` when it is listed.
    func selectItem(_ id: String) { state.list.select(id: id) }

    /// Item `id` as it is now, read again after an edit of it was refused as stale (the list
    /// is reloaded, so the user sees it too); `gone` is the refusal when it is no longer there.
    func reloaded(_ id: String, gone: String) throws -> Item {
        _ = reload()
        guard let item = state.all.first(where: { $0.listID == id }) else { throw CoreError.notFound(gone) }
        return item
    }

    /// "no member selected" when the list is empty, for the commands that need an item.
    func needsItem(_ noun: String) -> String? { state.list.selected == nil ? "no \(noun) selected" : nil }
}
