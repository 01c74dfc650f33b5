import OrgdeckTerminal
import OrgdeckViewModels

/// The top two rows: context and user (like k9s's context line), then the pane tabs.
enum HeaderView {
    /// The columns of the organization's name kept before a badge gives way.
    static let minimumContext = 16

    /// What the right of the first row shows in `room` columns: the user and the read-only mark
    /// always; the badges while they fit, the budget's giving way first (the inbox badge is
    /// the only sign of an invitation, the budget also shows on Billing).
    static func rightItems(_ state: ConsoleState, room: Int) -> [(String, UIElement, ConsoleEvent?)] {
        var badges: [(String, UIElement, ConsoleEvent?)] = []
        if state.invitationCount > 0 {
            badges.append(("✉ \(state.invitationCount) invitation\(state.invitationCount == 1 ? "" : "s")", .badge, .inbox))
        }
        if let percent = state.budgetAlert { badges.append(("⚠ budget \(percent)%", .badge, .selectPane(.billing))) }
        var essential: [(String, UIElement, ConsoleEvent?)] = []
        if state.readOnly { essential.append(("[read-only]", .lock, nil)) }
        if let user = state.session?.user { essential.append(("\(user.username) ▾", .headerUser, .profileMenu)) }
        func width(_ items: [(String, UIElement, ConsoleEvent?)]) -> Int {
            items.reduce(0) { $0 + TextWidth.columns($1.0) + 1 }
        }
        while !badges.isEmpty && width(badges + essential) + 1 > room { badges.removeLast() }
        return badges + essential
    }

    static func draw(_ painter: inout Painter, _ area: Rect, state: ConsoleState) {
        guard area.height >= 1 else { return }
        let y = area.y
        painter.fill(Rect(x: area.x, y: y, width: area.width, height: 1), .header)
        var x = area.x + 1
        x += painter.text("orgdeck", x: x, y: y, .header) + 1
        x += painter.text("▸", x: x, y: y, .header) + 1
        let role = state.role.map { " · \($0.title)" } ?? " · personal"
        let roleWidth = TextWidth.columns(role)
        let leftNeeds = min(TextWidth.columns(state.contextTitle), minimumContext) + roleWidth
        let right = rightItems(state, room: area.maxX - 1 - x - leftNeeds)
        // Right side: badges, the lock, the user, drawn from the right edge. A long username is
        // cut (to no less than 12 columns) before the context and the role are.
        var rx = area.maxX - 1
        for (text, element, event) in right.reversed() {
            let full = TextWidth.columns(text)
            let width = min(full, max(min(full, 12), rx - x - 1 - leftNeeds), max(0, rx - x - 1))
            guard width > 0 else { break }
            rx -= width
            painter.text(text, x: rx, y: y, width: width, element)
            if let event { painter.hit(Rect(x: rx, y: y, width: width, height: 1), event) }
            rx -= 1
        }
        // The context takes what is left; a long name is cut before the role is: the role says
        // what every key here may do.
        let contextStart = x
        x += painter.text(state.contextTitle, x: x, y: y, width: max(0, rx - x - roleWidth), .headerContext)
        x += painter.text(role, x: x, y: y, width: max(0, rx - x), .header)
        painter.hit(Rect(x: contextStart, y: y, width: x - contextStart, height: 1), .profileMenu)
        guard area.height >= 2 else { return }
        let ty = y + 1
        painter.fill(Rect(x: area.x, y: ty, width: area.width, height: 1), .tab)
        var tx = area.x + 1
        // When the six titles do not fit, the others shrink to their numbers and the pane in
        // front keeps its title: it is never the one that falls off.
        let full = Pane.allCases.map { " \($0.rawValue) \($0.title) " }
        let fits = full.reduce(0) { $0 + TextWidth.columns($1) + 1 } <= area.width
        for (pane, fullLabel) in zip(Pane.allCases, full) {
            let label = fits || pane == state.pane ? fullLabel : " \(pane.rawValue) "
            let width = TextWidth.columns(label)
            guard tx + width <= area.maxX else { break }
            painter.text(label, x: tx, y: ty, pane == state.pane ? .tabActive : .tab)
            painter.hit(Rect(x: tx, y: ty, width: width, height: 1), .selectPane(pane))
            tx += width + 1
        }
    }
}
