import Foundation
import OrgdeckCore
import OrgdeckTerminal
import OrgdeckViewModels

/// The Billing pane: a sidebar of its sections and the section in front.
enum BillingView {
    static func draw(_ painter: inout Painter, _ area: Rect, page: BillingPage, context: String, now: Date) {
        let whose = page.scope == .member ? "your usage in \(context)" : context
        let body = SidebarView.page(&painter, area, title: "Billing · \(whose)", page: page)
        switch page.section {
        case let overview as BillingOverviewSection: BillingOverviewView.draw(&painter, body, state: overview.state, now: now)
        case let breakdown as BreakdownSection: BreakdownTable.draw(&painter, body, section: breakdown)
        case let invoices as InvoicesSection: InvoicesTable.draw(&painter, body, state: invoices.state)
        case let settings as BillingSettingsSection: BillingSettingsTable.draw(&painter, body, state: settings.state)
        case let activity as ActivitySection: ActivityTable.draw(&painter, body, state: activity.state, now: now)
        default: painter.text("no view for \(page.section.title)", x: body.x + 1, y: body.y + 1, width: body.width - 2, .error)
        }
    }

    /// "12.50 USD".
    static func money(_ micros: Int64) -> String { "\(Money.cents(micros)) \(Money.currency)" }
}

/// A breakdown's table: each line with its share of the total, as a figure and a bar.
enum BreakdownTable {
    static func columns(_ dimension: BillingDimension) -> [TableColumn] {
        [TableColumn(dimension == .operation ? "Operation" : dimension == .app ? "App" : "Member", min: 8, priority: 10, identifier: true),
         TableColumn("Quantity", min: 8, max: 14, priority: 7, alignRight: true),
         TableColumn("Amount", min: 10, max: 18, priority: 9, alignRight: true),
         TableColumn("Share", min: 6, max: 6, priority: 8, alignRight: true),
         TableColumn("", min: 10, max: 20, priority: 3, bar: true)]
    }

    static func draw(_ painter: inout Painter, _ area: Rect, section: BreakdownSection) {
        let state = section.state
        let total = section.total
        let y = AccountView.title(&painter, area, "\(section.title) · \(section.shownMonth.label) · \(BillingView.money(total))",
                                  search: state.list.search, searching: state.list.searching)
        painter.text("ordered by \(section.order.rawValue) · [ ] month · o order · X export", x: area.x + 1, y: y,
                     width: area.width - 2, .muted)
        if let error = state.error { painter.text(error, x: area.x + 2, y: y + 2, width: area.width - 3, .error); return }
        // Only the rows in sight are formatted: a month may have tens of thousands of members.
        let table = Rect(x: area.x, y: y + 1, width: area.width, height: area.maxY - y - 1)
        let first = min(state.list.scrollTop, state.list.rows.count)
        let rows = state.list.rows[first..<min(state.list.rows.count, first + max(0, table.height - 1))].map { line -> [String] in
            let share = Money.permille(line.amountMicros, of: total)
            return [line.key, String(line.quantity), BillingView.money(line.amountMicros), Money.percent(permille: share),
                    String(Double(share) / 1000)]
        }
        // The order is marked on its column, as in every sorted table: largest first but by name.
        let sorted: (column: Int, ascending: Bool) = switch section.order {
        case .amount: (2, false)
        case .key: (0, true)
        case .quantity: (1, false)
        }
        TableView.draw(&painter, table, columns: columns(section.dimension), rows: rows, cursor: state.list.cursor,
                       scrollTop: state.list.scrollTop,
                       empty: state.all.isEmpty ? "No usage in \(section.shownMonth.label)." : "Nothing matches the search.",
                       sortColumn: sorted.column, ascending: sorted.ascending, firstIndex: first)
    }
}

/// The closed months' invoices.
enum InvoicesTable {
    static let columns = [
        TableColumn("Month", min: 8, max: 8, priority: 10, identifier: true),
        TableColumn("Total", min: 10, max: 18, priority: 9, alignRight: true),
        TableColumn("Lines", min: 5, max: 5, priority: 4, alignRight: true),
        TableColumn("Closed", min: 10, max: 20, priority: 6),
    ]

    static func draw(_ painter: inout Painter, _ area: Rect, state: ListSectionState<Invoice>) {
        let y = AccountView.title(&painter, area, "Invoices")
        painter.text("written when a month ends, never changed · Enter lines · X export", x: area.x + 1, y: y,
                     width: area.width - 2, .muted)
        if let error = state.error { painter.text(error, x: area.x + 2, y: y + 2, width: area.width - 3, .error); return }
        let rows = state.list.rows.map { invoice -> [String] in
            [invoice.month.description, BillingView.money(invoice.totalMicros), String(invoice.lines.count), invoice.closedAt.utcMinute]
        }
        TableView.draw(&painter, Rect(x: area.x, y: y + 1, width: area.width, height: area.maxY - y - 1), columns: columns,
                       rows: rows, cursor: state.list.cursor, scrollTop: state.list.scrollTop,
                       empty: "No invoices yet: a month's invoice is written when it ends.")
    }
}

/// The billing settings: email, budget, rate card.
enum BillingSettingsTable {
    static let columns = [
        TableColumn("Setting", min: 10, max: 20, priority: 10, identifier: true),
        TableColumn("Value", min: 12, priority: 9),
        TableColumn("", min: 10, priority: 4, muted: true),
    ]

    static func draw(_ painter: inout Painter, _ area: Rect, state: ListSectionState<BillingSetting>) {
        let y = AccountView.title(&painter, area, "Settings")
        painter.text("e changes the selected line", x: area.x + 1, y: y, width: area.width - 2, .muted)
        if let error = state.error { painter.text(error, x: area.x + 2, y: y + 2, width: area.width - 3, .error); return }
        let rows = state.list.rows.map { [$0.name, $0.value, $0.note] }
        TableView.draw(&painter, Rect(x: area.x, y: y + 1, width: area.width, height: area.maxY - y - 1), columns: columns,
                       rows: rows, cursor: state.list.cursor, scrollTop: state.list.scrollTop, empty: "")
    }
}
