import OrgdeckTerminal
import OrgdeckViewModels

/// The left sidebar of a page's sections, as in the seed; a click picks a section.
enum SidebarView {
    static func draw(_ painter: inout Painter, _ area: Rect, titles: [String], selected: Int) {
        painter.fill(area, .sidebar)
        for (index, title) in titles.enumerated() where index + 1 < area.height {
            let active = index == selected
            let line = Rect(x: area.x, y: area.y + 1 + index, width: area.width, height: 1)
            painter.fill(line, active ? .sidebarActive : .sidebar)
            painter.text((active ? "▸ " : "  ") + title, x: line.x + 1, y: line.y, width: line.width - 2, active ? .sidebarActive : .sidebar)
            painter.hit(line, .selectSection(index))
        }
    }

    /// A page of sections under a title row: the sidebar as wide as the longest title needs
    /// ("▸ " before it, at most 23), and the area left for the section in front.
    static func page(_ painter: inout Painter, _ area: Rect, title: String, page: SectionedPage) -> Rect {
        let (titleRow, rest) = area.splitTop(1)
        painter.text(title, x: titleRow.x + 1, y: titleRow.y, width: titleRow.width - 2, .title)
        let width = min(23, (page.sections.map(\.title.count).max() ?? 8) + 5)
        let (sidebar, content) = rest.splitLeft(width)
        draw(&painter, sidebar, titles: page.sections.map(\.title), selected: page.selected)
        return Rect(x: content.x + 1, y: content.y, width: content.width - 1, height: content.height)
    }

    /// Tabs in a row (a team's Members and Apps); returns the column after the last tab.
    @discardableResult
    static func tabs(_ painter: inout Painter, x: Int, y: Int, titles: [String], selected: Int) -> Int {
        var x = x
        for (index, title) in titles.enumerated() {
            let label = " \(title) "
            let width = painter.text(label, x: x, y: y, index == selected ? .tabActive : .tab)
            painter.hit(Rect(x: x, y: y, width: width, height: 1), .selectSection(index))
            x += width + 1
        }
        return x
    }

    /// The search line beside a list's title, while searching or when a search is kept.
    static func search(_ painter: inout Painter, x: Int, y: Int, maxX: Int, search: TextField, searching: Bool) {
        guard searching || !search.isEmpty else { return }
        let used = painter.text("  /", x: x, y: y, .footerKey)
        painter.text(searching ? search.markedAtCursor : search.text, x: x + used, y: y, width: maxX - x - used, searching ? .inputFocus : .input)
    }
}
