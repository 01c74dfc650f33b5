import OrgdeckCore

/// One section of a page: an app's Overview, an organization's Members, a team's Apps tab.
public protocol SectionModel: PaneModel {
    /// The sidebar or tab label.
    var title: String { get }
}

/// A page whose sections sit in a sidebar (an app, an organization's settings) or in tabs (a
/// team): Tab and Shift-Tab (going round) and ←→ switch sections; every other event goes to the
/// section in front, and what the section leaves unhandled to the page itself (`pageSend`),
/// whose own commands follow the section's. A section is read when it comes to the front.
public class SectionedPage: PaneModel {
    public let screen: Screen
    public internal(set) var sections: [any SectionModel]
    public internal(set) var selected: Int
    private var viewport = (rows: 20, columns: 1)

    init(screen: Screen, sections: [any SectionModel], selected: Int = 0) {
        self.screen = screen
        self.sections = sections
        self.selected = min(max(0, selected), max(0, sections.count - 1))
    }

    /// The section in front.
    public var section: any SectionModel { sections[selected] }

    // MARK: What subclasses provide

    /// The page's own dialog, if it has one open.
    var pageDialog: Dialog? { nil }
    /// Events the section did not handle (and every event while the page's dialog is open).
    func pageSend(_ event: ConsoleEvent) -> [Reaction]? { nil }
    /// The page's own commands, listed after the section's.
    var pageCommands: [PaneCommand] { [] }
    /// Reads the page's own data (its subject); `.pop` when it is gone.
    func reloadPage() -> [Reaction] { [] }

    // MARK: PaneModel

    public var dialog: Dialog? { pageDialog ?? section.dialog }
    public var acceptsText: Bool { pageDialog?.acceptsText ?? section.acceptsText }

    public func send(_ event: ConsoleEvent) -> [Reaction]? {
        if pageDialog != nil { return pageSend(event) }
        if section.dialog != nil || section.acceptsText { return section.send(event) }
        switch event {
        // Tab cycles, as it does through a form's fields; the arrows stop at the ends, where
        // the sidebar or the tab bar visibly ends.
        case .nextFocus: return show((selected + 1) % sections.count)
        case .previousFocus: return show((selected + sections.count - 1) % sections.count)
        case .move(.right): return show(selected + 1)
        case .move(.left): return show(selected - 1)
        case .selectSection(let index): return show(index)
        default: break
        }
        // ↑↓ move within a section only: were they to move the sidebar where a section has no
        // list, ↓ from an overview would land in a list that ↑ cannot leave again.
        return section.send(event) ?? pageSend(event)
    }

    /// Brings the section titled `title` to the front, when the page has one (titles, not
    /// indexes, name a section across roles, which see different sidebars).
    @discardableResult
    public func show(titled title: String) -> [Reaction] {
        sections.firstIndex { $0.title == title }.map { show($0) } ?? []
    }

    /// Brings section `index` to the front and reads it: sections out of sight are not kept fresh.
    @discardableResult
    public func show(_ index: Int) -> [Reaction] {
        let index = min(max(0, index), sections.count - 1)
        guard index != selected else { return [] }
        selected = index
        section.setViewport(rows: sectionRows, columns: viewport.columns)
        return section.reload()
    }

    /// Puts `fresh` in the sidebar, keeping the models (and their state) of the sections whose
    /// titles stay; the one in front stays in front while it is there, else the first comes to
    /// the front.
    func replaceSections(with fresh: [any SectionModel]) {
        let front = section.title
        let kept = Dictionary(sections.map { ($0.title, $0) }, uniquingKeysWith: { first, _ in first })
        sections = fresh.map { kept[$0.title] ?? $0 }
        selected = sections.firstIndex { $0.title == front } ?? 0
        section.setViewport(rows: sectionRows, columns: viewport.columns)
    }

    public func reload() -> [Reaction] {
        let page = reloadPage()
        if page.contains(.pop) { return page }
        return page + section.reload()
    }

    public func settle() { section.settle() }
    public var isSettled: Bool { section.isSettled }

    public var commands: [PaneCommand] {
        if let dialog { return dialog.commands }
        var commands = section.commands
        if !section.acceptsText && sections.count > 1 {
            commands.insert(PaneCommand(.nextFocus, "sections"), at: 0)
        }
        // A key the section uses is the section's: the page's meaning of it is not offered.
        let taken = commands.map(\.event)
        let page = section.acceptsText ? [] : pageCommands.filter { !taken.contains($0.event) }
        // The way out comes with the way round, before the section's keys: a narrow footer
        // drops hints from its end, and Esc is the one key every page needs shown. Esc clears
        // a section's kept search before it leaves the page, and says so then.
        let back = (commands + page).first { $0.event == .back }
        commands.removeAll { $0.event == .back }
        commands.insert(contentsOf: back.map { [$0] } ?? [], at: commands.first?.event == .nextFocus ? 1 : 0)
        return commands + page.filter { $0.event != .back }
    }

    public func setViewport(rows: Int, columns: Int) {
        viewport = (rows, columns)
        section.setViewport(rows: sectionRows, columns: columns)
    }

    /// Rows the page's screen draws above its sections: its title, and on a page with tabs
    /// (a model's, a team's) what sits over them. A section counts only its own rows.
    var headerRows: Int { 1 }

    /// The rows a section is drawn in.
    private var sectionRows: Int { max(1, viewport.rows - headerRows) }
}
