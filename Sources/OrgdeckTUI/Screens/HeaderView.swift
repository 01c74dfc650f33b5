import OrgdeckTerminal
import OrgdeckViewModels

/// The top two rows: context and user (like k9s's context line), then the pane tabs.
enum HeaderView {
    static func draw(_ painter: inout Painter, _ area: Rect, state: ConsoleState) {
        guard area.height >= 1 else { return }
        let y = area.y
        painter.fill(Rect(x: area.x, y: y, width: area.width, height: 1), .header)
        var x = area.x + 1
        x += painter.text("orgdeck", x: x, y: y, .header) + 1
        x += painter.text("▸", x: x, y: y, .header) + 1
        let role = state.role.map { " · \($0.title)" } ?? " · personal"
        let contextStart = x
        // A long name is cut before the role is: the role says what every key here may do.
        let roleWidth = TextWidth.columns(role)
        x += painter.text(state.contextTitle, x: x, y: y, width: max(0, area.maxX - x - 26 - roleWidth), .headerContext)
        x += painter.text(role, x: x, y: y, width: max(0, area.maxX - x - 26), .header)
        painter.hit(Rect(x: contextStart, y: y, width: x - contextStart, height: 1), .profileMenu)
        // Right side: badges, the lock, the user.
        var right: [(String, UIElement, ConsoleEvent?)] = []
        if state.invitationCount > 0 {
            right.append(("✉ \(state.invitationCount) invitation\(state.invitationCount == 1 ? "" : "s")", .badge, .inbox))
        }
        if let percent = state.budgetAlert { right.append(("⚠ budget \(percent)%", .badge, .selectPane(.billing))) }
        if state.readOnly { right.append(("[read-only]", .lock, nil)) }
        if let user = state.session?.user { right.append(("\(user.username) ▾", .headerUser, .profileMenu)) }
        var rx = area.maxX - 1
        for (text, element, event) in right.reversed() {
            let width = TextWidth.columns(text)
            rx -= width
            guard rx > x else { break }
            painter.text(text, x: rx, y: y, element)
            if let event { painter.hit(Rect(x: rx, y: y, width: width, height: 1), event) }
            rx -= 1
        }
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
