import Foundation
import OrgdeckCore
import OrgdeckTerminal
import OrgdeckViewModels

/// The Activity section's table: the audit log, newest first, with the filter in the title.
enum ActivityTable {
    static let columns = [
        TableColumn("When", min: 16, max: 16, priority: 10),
        // Usernames and targets are what a reader looks for and types into the filter: cut last.
        TableColumn("Who", min: 6, max: 24, priority: 9, identifier: true),
        TableColumn("Action", min: 16, max: 24, priority: 10),
        TableColumn("Target", min: 8, max: 40, priority: 7, identifier: true),
        TableColumn("Outcome", min: 7, max: 7, priority: 5),
        TableColumn("Source", min: 6, max: 6, priority: 3),
        // What the entry says in words: the room a wide terminal has left.
        TableColumn("Details", min: 12, priority: 2, muted: true),
    ]

    static func draw(_ painter: inout Painter, _ area: Rect, state: ActivityState, now: Date) {
        let shown = state.list.rows.count < state.total ? "\(state.list.rows.count) of \(state.total)" : "\(state.total)"
        var y = AccountView.title(&painter, area, "Activity (\(shown))")
        painter.text(filterLine(state.search, ownOnly: state.ownOnly), x: area.x + 1, y: y, width: area.width - 2, .muted)
        y += 1
        if let error = state.error { painter.text(error, x: area.x + 2, y: y + 1, width: area.width - 3, .error); return }
        let rows = state.list.rows.map { entry -> [String] in
            [String(entry.at.utcMinute.dropLast(4)), entry.actor ?? "system", entry.action, entry.target, entry.outcome,
             entry.source.rawValue, entry.details]
        }
        TableView.draw(&painter, Rect(x: area.x, y: y, width: area.width, height: area.maxY - y), columns: columns, rows: rows,
                       cursor: state.list.cursor, scrollTop: state.list.scrollTop,
                       empty: !state.search.isEmpty ? "No entry matches the filter (/ changes it)."
                           : state.ownOnly ? "Nothing of yours recorded here yet; only Admins see everyone's." : "Nothing recorded yet.")
    }

    /// "all entries · / filter" (or "your entries", for a reader of their own only) or the filter in words.
    static func filterLine(_ search: AuditSearch, ownOnly: Bool = false) -> String {
        var parts: [String] = ownOnly ? ["your entries"] : []
        if let member = search.member { parts.append("member \(member)") }
        if let action = search.action { parts.append("action \(action)") }
        if let target = search.target { parts.append("target \(target)") }
        if let outcome = search.outcome { parts.append(outcome == "ok" ? "succeeded" : outcome) }
        if let since = search.since { parts.append("since \(since.utcDay)") }
        if let until = search.until { parts.append("before \(until.utcDay)") }
        return (parts.isEmpty ? "all entries" : parts.joined(separator: " · ")) + " · / filter · X export · C check chain"
    }
}
