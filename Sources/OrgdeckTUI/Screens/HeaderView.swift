import OrgdeckTerminal
import OrgdeckViewModels

/// The top two rows: context and user (like k9s's context line), then the pane tabs.
enum HeaderView {
    /// The columns of the organization's name kept before a badge gives way.
    static let minimumContext = 16

    /// What the right of the first row shows in `room` columns, each with the columns it takes:
    /// the user and the read-only mark always; the badges while they fit with the username cut
    /// to `minimumUser` at most, the budget's giving way first (the inbox badge is the only sign
    /// of an invitation; the budget also shows on Billing). The username takes what is left.
    static func rightItems(_ state: ConsoleState, room: Int) -> [(text: String, element: UIElement, event: ConsoleEvent?, width: Int)] {
        var badges: [(String, UIElement, ConsoleEvent?)] = []
        if state.invitationCount > 0 {
            badges.append(("✉ \(state.invitationCount) invitation\(state.invitationCount == 1 ? "" : "s")", .badge, .inbox))
        }
        if let percent = state.budgetAlert { badges.append(("⚠ budget \(percent)%", .badge, .selectPane(.billing))) }
        let lock: [(String, UIElement, ConsoleEvent?)] = state.readOnly ? [("[read-only]", .lock, nil)] : []
        let user = state.session.map { "\($0.user.username) ▾" }
        let userFull = user.map(TextWidth.columns) ?? 0
        func width(_ items: [(String, UIElement, ConsoleEvent?)]) -> Int { items.reduce(0) { $0 + TextWidth.columns($1.0) + 1 } }
        while !badges.isEmpty && width(badges + lock) + min(userFull, minimumUser) + 1 > room { badges.removeLast() }
        let fixed = badges + lock
        var items = fixed.map { (text: $0.0, element: $0.1, event: $0.2, width: TextWidth.columns($0.0)) }
        if let user {
            let userWidth = min(userFull, max(min(userFull, minimumUser), room - width(fixed) - 1))
            // A cut username keeps its ▾: it is the menu's handle.
            let text = userWidth < userFull ? TextWidth.truncate(String(user.dropLast(2)), to: max(1, userWidth - 2)) + " ▾" : user
            items.append((text, .headerUser, .profileMenu, TextWidth.columns(text)))
        }
        return items
    }

    /// The fewest columns a username is cut to before a badge gives way.
    static let minimumUser = 12

    static func draw(_ painter: inout Painter, _ area: Rect, state: ConsoleState) {
        guard area.height >= 1 else { return }
        let y = area.y
        painter.fill(Rect(x: area.x, y: y, width: area.width, height: 1), .header)
        var x = area.x + 1
        x += painter.text("orgdeck", x: x, y: y, .header) + 1
        x += painter.text("▸", x: x, y: y, .header) + 1
        // Where the user acts: the context, or the owner of a page opened from another one.
        let visiting = state.visiting
        let title = visiting?.title ?? state.contextTitle
        let role = " · " + (visiting?.standing ?? state.role?.title ?? "personal")
        let roleWidth = TextWidth.columns(role)
        let leftNeeds = min(TextWidth.columns(title), minimumContext) + roleWidth
        // Right side: badges, the lock, the user, drawn from the right edge; what does not fit
        // (a terminal narrower than the essentials) is cut from the left.
        var rx = area.maxX - 1
        for item in rightItems(state, room: area.maxX - 1 - x - leftNeeds).reversed() {
            let width = min(item.width, max(0, rx - x - 1))
            guard width > 0 else { break }
            rx -= width
            painter.text(item.text, x: rx, y: y, width: width, item.element)
            if let event = item.event { painter.hit(Rect(x: rx, y: y, width: width, height: 1), event) }
            rx -= 1
        }
        // The context takes what is left; a long name is cut before the role is: the role says
        // what every key here may do.
        let contextStart = x
        x += painter.text(title, x: x, y: y, width: max(0, rx - x - roleWidth), .headerContext)
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
