import OrgdeckCore

/// An app's inputs: paged through windows, searched in the core (FTS5, prefix on the last word),
/// filtered by concept or unlabelled; Space marks inputs, `+`/`-` label and unlabel the marked
/// ones (or the one under the cursor), `d` deletes them, `u` uploads files in the background
/// and `x` cancels the upload.
public final class InputsSection: SectionModel, DialogOwner, ItemSelecting {
    /// What a dialog is for; a change names the inputs it was opened on, so that what the
    /// user confirms is what changes, wherever the cursor or a refresh has moved since.
    public enum Purpose: Equatable, Sendable {
        case upload, filter, details
        case label([String]), unlabel([String]), delete([String])
    }

    public internal(set) var state = InputsState()
    let env: PaneEnvironment
    public let appID: String
    private let app: () -> App?
    var open: DialogSlot<Purpose>?
    public let screen: Screen
    public var title: String { "Inputs" }
    /// Rows above the table (title, status line) and its header.
    static let chrome = 3

    init(env: PaneEnvironment, appID: String, app: @escaping () -> App?) {
        self.env = env; self.appID = appID; self.app = app; self.screen = .app(appID)
    }

    public var dialog: Dialog? { openDialog }
    public var acceptsText: Bool { dialog?.acceptsText ?? state.searching }
    public var isSettled: Bool { state.exact }
    private var editRefusal: String? { env.refusal(.editAppContent, app: app(), scopes: [.inputsWrite]) }

    // MARK: Reading

    public func reload() -> [Reaction] {
        state.concepts = (try? env.service.concepts(env.session, in: env.context, appID: appID)) ?? state.concepts
        if case .concept(let id) = state.filter, !state.concepts.contains(where: { $0.id == id }) { state.filter = .all }
        let focused = state.selected?.id, row = state.cursor - state.scrollTop
        load(count: true)
        if let focused, !follow(focused, row: row) {
            return [.flash(.note("input \(focused) is no longer in Inputs: changed elsewhere"))]
        }
        return []
    }

    /// Puts the cursor back on input `id` when a reload moved it (inputs added or deleted above
    /// it, here or elsewhere), on the same screen row when it can: the position a list keeps is
    /// the input's, not the row number's. The core says where it went when the window no longer
    /// holds it; an input gone leaves the cursor on the row, at its neighbour (false).
    private func follow(_ id: String, row: Int) -> Bool {
        guard state.selected?.id != id else { return true }
        let position: Int?
        if let local = state.window.firstIndex(where: { $0.id == id }) {
            position = state.windowOffset + local
        } else {
            position = try? env.service.inputPosition(env.session, in: env.context, appID: appID,
                                                      query: query(offset: 0, limit: 0, count: false), inputID: id)
        }
        guard let position else { return false }
        state.cursor = position
        state.scrollTop = max(0, position - row)
        state.clamp()
        if !state.windowCoversView { loadWindow() }
        return true
    }

    public func settle() { if !state.exact { load(count: true) } }

    public func setViewport(rows: Int, columns: Int) {
        state.viewportRows = max(1, rows - Self.chrome)
        state.clamp()
        if !state.windowCoversView { loadWindow() }
    }

    /// Reads the window around the scroll position when only the position changed: a total
    /// already counted is kept (recounting a million inputs on every page would cost more than
    /// the window), and refreshed by `reload` when the data changes.
    private func loadWindow() {
        let known = state.exact ? state.total : nil
        load(count: false)
        if let known, !state.exact, state.error == nil {
            state.total = max(known, state.windowOffset + state.window.count)
            state.exact = true
            state.clamp()
        }
    }

    /// Reads the window around the scroll position; `meter`: the search on screen is one the
    /// user has committed to (Enter), billed once.
    func load(count: Bool, meter: Bool = false) {
        let rows = state.viewportRows
        let query = query(offset: max(0, state.scrollTop - rows), limit: max(60, rows * 3), count: count)
        do {
            // A search is billed once, when Enter keeps it: what shows while it is typed is a
            // preview (pauses between keystrokes are no commitment), and paging through it or
            // reading it again after a change elsewhere is not another search.
            let search = query.search.trimmingCharacters(in: .whitespaces)
            let metered = meter && !search.isEmpty && search != state.meteredSearch
            let page = try env.service.inputs(env.session, in: env.context, appID: appID, query: query, metered: metered)
            if metered { state.meteredSearch = search }
            state.window = page.items; state.windowOffset = page.offset
            state.total = page.total; state.exact = page.isExact
            state.error = nil
        } catch {
            state.window = []; state.total = 0; state.exact = true
            state.error = error.userMessage
        }
        state.clamp()
    }

    var selectedItemID: String? { state.selected?.id }

    /// Puts the cursor on input `id` (a section built again for another role takes over the
    /// cursor of the one it replaces), wherever the input now stands.
    func selectItem(_ id: String) { _ = follow(id, row: min(state.cursor - state.scrollTop, state.viewportRows / 2)) }

    /// The search and filter on screen as a query for the core.
    private func query(offset: Int, limit: Int, count: Bool) -> InputQuery {
        var query = InputQuery(search: state.search.text, offset: offset, limit: limit, countTotal: count)
        switch state.filter {
        case .all: break
        case .unlabelled: query.unlabelled = true
        case .concept(let id): query.concept = id
        }
        return query
    }

    private func move(to index: Int) {
        state.cursor = index
        state.clamp()
        if !state.windowCoversView { loadWindow() }
    }

    // MARK: Events

    public func send(_ event: ConsoleEvent) -> [Reaction]? {
        if let reactions = routeDialog(event) { return reactions }
        if state.searching { return searchSend(event) }
        if navigate(event) { return [] }
        switch event {
        case .top: move(to: 0)
        case .bottom:
            if !state.exact { load(count: true) }
            move(to: state.total - 1)
        case .filter: state.searching = true
        // A kept search, then a concept filter, is cleared before Esc leaves the page, as a kept
        // filter is in My Apps.
        case .back where !state.search.isEmpty, .cancel where !state.search.isEmpty: clearSearch()
        case .back where state.filter != .all, .cancel where state.filter != .all:
            state.filter = .all
            restart(count: true)
        case .mark:
            guard let input = state.selected else { return [] }
            if let at = state.marked.firstIndex(of: input.id) { state.marked.remove(at: at) } else { state.marked.append(input.id) }
            move(to: state.cursor + 1)
        case .toggleView: return chooseFilter()
        case .open:
            guard let input = state.selected else { return [] }
            return present(.info(InfoState(title: "Input \(input.id)", rows: Self.details(input))), for: .details)
        case .copyID: return state.selected.map { [.effect(.copy($0.id))] } ?? []
        case .upload:
            if let reason = editRefusal ?? env.refusalOfFiles { return refused(reason) }
            return present(.form(FormState(title: "Upload to \(appID)", fields: [
                FormField(key: "paths", label: "Files or folders", hint: "Tab completes; several separated by spaces",
                          maxLength: 4_000, completesPaths: true),
                FormField(key: "concepts", label: "Concepts for all", hint: "optional, comma separated", maxLength: 500),
            ], submitLabel: "Upload")), for: .upload)
        case .cancelJob: return [.effect(.job(.cancelUpload))]
        case .label, .unlabel, .delete: return changeSelection(event)
        default: return nil
        }
        return []
    }

    /// ↑↓, PgUp/PgDn and a click: the keys that move the cursor both over the list and while a
    /// search is typed (as in every list's search). False for any other key.
    private func navigate(_ event: ConsoleEvent) -> Bool {
        let page = max(1, state.viewportRows - 1)
        switch event {
        case .move(.up): move(to: state.cursor - 1)
        case .move(.down): move(to: state.cursor + 1)
        case .pageUp: move(to: state.cursor - page)
        case .pageDown: move(to: state.cursor + page)
        case .selectIndex(let index): move(to: index)
        default: return false
        }
        return true
    }

    private func searchSend(_ event: ConsoleEvent) -> [Reaction] {
        if navigate(event) { return [] }
        switch event {
        case .submit:
            state.searching = false
            load(count: true, meter: true)
        case .cancel, .back:
            state.searching = false
            if !state.search.isEmpty { clearSearch() }
        default:
            let before = state.search.text
            _ = state.search.apply(event)
            // Typing: the window only; the count waits until the keys rest (`settle`).
            if state.search.text != before { restart(count: false) }
        }
        return []
    }

    private func clearSearch() {
        state.search = TextField("", maxLength: 200)
        restart(count: true)
    }

    private func restart(count: Bool) {
        state.cursor = 0; state.scrollTop = 0; state.marked = []
        load(count: count)
    }

    private func chooseFilter() -> [Reaction] {
        var options = [PickerOption(value: "", label: "All inputs"), PickerOption(value: "-", label: "Unlabelled only")]
        options += state.concepts.map {
            PickerOption(value: "c:" + $0.id, label: $0.id, detail: "\($0.name), \(counted($0.inputCount, "input"))")
        }
        let current: String
        switch state.filter {
        case .all: current = ""
        case .unlabelled: current = "-"
        case .concept(let id): current = "c:" + id
        }
        return present(.picker(PickerState(title: "Show inputs", options: options, selected: current)), for: .filter)
    }

    private func changeSelection(_ event: ConsoleEvent) -> [Reaction] {
        if let editRefusal { return refused(editRefusal) }
        let targets = state.targets
        guard !targets.isEmpty else { return refused("no input selected") }
        let what = targets.count == 1 ? "input \(targets[0])" : "\(targets.count) marked inputs"
        switch event {
        case .label:
            // The app's concepts to mark; a new one only as a row of its own, named as typed, so
            // a typo does not make a concept unnoticed.
            var picker = PickerState(title: "Label \(what) (Space marks several; type a new name to create it)",
                                     options: labelOptions(filter: ""), multiple: true, empty: "type a concept ID to create it")
            picker.filteredByOwner = true
            return present(.picker(picker), for: .label(targets))
        case .unlabel:
            let carried = Set(state.window.filter { targets.contains($0.id) }.flatMap(\.concepts))
            let options = state.concepts.filter { carried.contains($0.id) }.map { PickerOption(value: $0.id, label: $0.id, detail: $0.name) }
            guard !options.isEmpty else { return refused("\(what) carries no concept") }
            return present(.picker(PickerState(title: "Remove from \(what)", options: options, multiple: true)), for: .unlabel(targets))
        default:
            let whose = targets.count == 1 ? "Its" : "Their"
            return present(.confirm(ConfirmState(title: "Delete inputs", message: "Delete \(what)? \(whose) content and labels go. "
                + "Type delete to confirm.", requiredText: "delete", verb: "delete")), for: .delete(targets))
        }
    }

    func carryOut(_ purpose: Purpose, _ dialog: Dialog) throws -> [Reaction] {
        switch (purpose, dialog) {
        case (.upload, .form(let form)):
            let paths = PathCompletion.paths(form.rawValue("paths"))
            guard !paths.isEmpty else { throw CoreError.invalid("paths", "name at least one file or folder") }
            let request = UploadRequest(context: env.context, appID: appID, paths: paths, concepts: AppActions.list(form.value("concepts")))
            return [.effect(.job(.upload(request)))]
        case (.label(let targets), .picker(let picker)):
            let chosen = picker.chosen
            guard !chosen.isEmpty else { throw CoreError.invalid("concepts", "mark a concept with Space, or type a new one's ID") }
            let concepts = chosen.map { $0.hasPrefix(Self.newConcept) ? String($0.dropFirst(Self.newConcept.count)) : $0 }
            let known = Set(state.concepts.map(\.id))
            let created = concepts.filter { !known.contains($0) }
            let added = try env.service.labelInputs(env.session, in: env.context, appID: appID, inputIDs: targets, concepts: concepts)
            state.marked = []
            _ = reload()
            return [.flash(.info("\(added) label\(added == 1 ? "" : "s") added"
                                 + (created.isEmpty ? "" : "; created concept\(created.count == 1 ? "" : "s") " + created.joined(separator: ", "))))]
        case (.unlabel(let targets), .picker(let picker)):
            let chosen = picker.chosen
            let removed = try env.service.unlabelInputs(env.session, in: env.context, appID: appID, inputIDs: targets, concepts: chosen)
            state.marked = []
            _ = reload()
            return [.flash(.info("\(removed) label\(removed == 1 ? "" : "s") removed"))]
        case (.delete(let targets), .confirm):
            let deleted = try env.service.deleteInputs(env.session, in: env.context, appID: appID, inputIDs: targets)
            state.marked = []
            _ = reload()
            return [.flash(.info("deleted \(deleted) input\(deleted == 1 ? "" : "s")"))]
        case (.filter, .picker(let picker)):
            let value = picker.highlighted?.value ?? ""
            state.filter = value.isEmpty ? .all : value == "-" ? .unlabelled : .concept(String(value.dropFirst(2)))
            restart(count: true)
            return []
        case (.upload, _), (.label, _), (.unlabel, _), (.delete, _), (.filter, _), (.details, _):
            return []
        }
    }

    func options(for purpose: Purpose, filter: String) -> [PickerOption]? {
        if case .label = purpose { return labelOptions(filter: filter) }
        return nil
    }

    /// The value of the picker's row that creates the concept typed.
    static let newConcept = "+new:"

    /// The app's concepts that contain `filter`; when no concept is named `filter` exactly, a
    /// last row to create it (last: typing the start of `billing` must not put "new concept
    /// bill" under the cursor).
    func labelOptions(filter: String) -> [PickerOption] {
        let text = filter.trimmingCharacters(in: .whitespaces).lowercased()
        let known = state.concepts.filter { text.isEmpty || $0.id.lowercased().contains(text) || $0.name.lowercased().contains(text) }
            .map { PickerOption(value: $0.id, label: $0.id, detail: $0.name == $0.id ? "" : $0.name) }
        guard !text.isEmpty, !state.concepts.contains(where: { $0.id.lowercased() == text }) else { return known }
        return known + [PickerOption(value: Self.newConcept + text, label: "new concept \"\(text)\"",
                                     detail: "created when you press Enter")]
    }

    /// How much of a text input its details show.
    static let textShown = 20_000

    static func details(_ input: Input) -> [InfoRow] {
        var rows = [InfoRow("ID", input.id), InfoRow("Kind", input.mediaType), InfoRow("Size", "\(input.size) bytes")]
        if let width = input.width, let height = input.height { rows.append(InfoRow("Pixels", "\(width) × \(height)")) }
        rows += [InfoRow("Concepts", input.concepts.isEmpty ? "none" : input.concepts.joined(separator: ", ")),
                 InfoRow("Source", input.source), InfoRow("SHA-256", input.sha256)]
        if let text = input.text {
            // Whole up to a length a reader scrolls through; past it, what is left out is said.
            let shown = text.prefix(Self.textShown)
            let rest = text.count - shown.count
            rows.append(InfoRow("Text", String(shown) + (rest > 0 ? "\n… and \(rest) more characters" : "")))
        }
        return rows
    }

    public var commands: [PaneCommand] {
        if let dialog { return dialog.commands }
        if state.searching {
            return [PaneCommand(.submit, "keep search"), PaneCommand(.cancel, "clear"), PaneCommand(.move(.down), "move")]
        }
        let none = state.targets.isEmpty ? "no input selected" : nil
        // Esc clears a kept search, then a concept filter, before it leaves the page: one Esc
        // hint, saying so.
        let clears = !state.search.isEmpty ? [PaneCommand(.back, "clear search")]
            : state.filter != .all ? [PaneCommand(.back, "clear filter")] : []
        return clears
            + [PaneCommand(.upload, "upload", refusal: editRefusal ?? env.refusalOfFiles),
                PaneCommand(.filter, "search"), PaneCommand(.toggleView, "filter"),
                PaneCommand(.mark, "mark", refusal: state.selected == nil ? "no input selected" : nil),
                PaneCommand(.label, "label", refusal: none ?? editRefusal),
                PaneCommand(.unlabel, "unlabel", refusal: none ?? editRefusal),
                PaneCommand(.delete, "delete", refusal: none ?? editRefusal),
                PaneCommand(.open, "details", refusal: state.selected == nil ? "no input selected" : nil),
                PaneCommand(.cancelJob, "cancel upload", inFooter: false), PaneCommand(.copyID, "copy ID", refusal: none)]
    }
}
