import Foundation
import OrgdeckCore
import OrgdeckTerminal
import OrgdeckViewModels

/// The Billing Overview: the month's figures, the budget as a bar, spend per day and over
/// twelve months as column charts of block characters (readable in `mono`: the figures are
/// printed beside them), then the operations while there is room.
enum BillingOverviewView {
    static func draw(_ painter: inout Painter, _ area: Rect, state: BillingOverviewState, now: Date) {
        if let error = state.error {
            painter.text(error, x: area.x + 1, y: area.y + 1, width: area.width - 2, .error)
            return
        }
        guard let summary = state.summary, area.width > 10 else { return }
        let money = BillingView.money
        let closed = summary.month < BillingMonth(containing: now)
        var y = AccountView.title(&painter, area, summary.month.label + (closed ? " · closed" : " · month to date"))
        var x = area.x + 1
        x += painter.text("Spent ", x: x, y: y, .muted)
        x += painter.text(money(summary.totalMicros), x: x, y: y, .title) + 3
        if !closed {
            x += painter.text("Forecast ", x: x, y: y, .muted)
            x += painter.text(money(summary.forecastMicros), x: x, y: y, .base)
            painter.text(" at this month's pace", x: x, y: y, width: area.maxX - x, .muted)
        }
        y += 1
        drawBudget(&painter, area, y: y, summary: summary, closed: closed)
        y += 2
        // Two charts, each a heading, its columns and an axis, with a blank row between them.
        let chartHeight = min(8, max(2, (area.maxY - y - 5) / 2))
        y = drawDaily(&painter, area, y: y, summary: summary, height: chartHeight)
        guard y + chartHeight + 2 <= area.maxY else { return }
        y = drawTrend(&painter, area, y: y + 1, summary: summary, height: chartHeight)
        drawOperations(&painter, area, y: y + 1, summary: summary)
    }

    /// `closed`: a past month, measured against the budget as it stands now (the one in force
    /// then is not kept), and said so.
    static func drawBudget(_ painter: inout Painter, _ area: Rect, y: Int, summary: BillingSummary, closed: Bool = false) {
        guard summary.scope != .member else {
            painter.text("Your own usage: the organization's bill and budget are for its Admins.", x: area.x + 1, y: y,
                         width: area.width - 2, .muted)
            return
        }
        guard let budget = summary.budget else {
            painter.text("No monthly budget · e sets one, with alerts", x: area.x + 1, y: y, width: area.width - 2, .muted)
            return
        }
        var x = area.x + 1
        x += painter.text(closed ? "Today's budget " : "Budget ", x: x, y: y, .muted)
        x += painter.text(BillingView.money(budget.amountMicros) + " ", x: x, y: y, .base)
        let share = Money.permille(summary.totalMicros, of: budget.amountMicros)
        let barWidth = max(0, min(20, area.maxX - x - 30))
        if barWidth >= 5 { x += painter.text(Bars.progress(Double(share) / 1000, width: barWidth) + " ", x: x, y: y, .badge) }
        x += painter.text(Money.percent(permille: share), x: x, y: y, summary.alertsFired.isEmpty ? .base : .flashWarn)
        let alerts = " · alerts at " + budget.thresholds.map(String.init).joined(separator: " ") + "%"
            + (summary.alertsFired.isEmpty ? "" : " · reached " + summary.alertsFired.map(String.init).joined(separator: " ") + "%")
        painter.text(alerts, x: x, y: y, width: area.maxX - x, .muted)
    }

    /// Spend per day: one column per day, the largest day named above, days marked below weekly.
    static func drawDaily(_ painter: inout Painter, _ area: Rect, y: Int, summary: BillingSummary, height: Int) -> Int {
        let days = summary.daily
        let per = max(1, min(3, (area.width - 3) / max(1, days.count)))
        let top = days.enumerated().max { $0.element < $1.element }
        var heading = "Spend per day"
        if let top, top.element > 0 { heading += " · most \(BillingView.money(top.element)) on the \(ordinal(top.offset + 1))" }
        painter.text(heading, x: area.x + 1, y: y, width: area.width - 2, .title)
        let rows = Bars.columns(days, height: height, width: per)
        for (index, row) in rows.enumerated() { painter.text(row, x: area.x + 2, y: y + 1 + index, width: area.width - 3, .badge) }
        var axis = ""
        for day in stride(from: 1, through: days.count, by: 7) {
            let label = String(day)
            let position = (day - 1) * per
            axis += String(repeating: " ", count: max(0, position - axis.count)) + label
        }
        painter.text(axis, x: area.x + 2, y: y + 1 + height, width: area.width - 3, .muted)
        return y + height + 2
    }

    /// The twelve months to this one, one labelled column each.
    static func drawTrend(_ painter: inout Painter, _ area: Rect, y: Int, summary: BillingSummary, height: Int) -> Int {
        let per = max(1, min(5, (area.width - 3) / 12))
        let largest = summary.trend.max { $0.amountMicros < $1.amountMicros }
        var heading = "Last 12 months"
        if let largest, largest.amountMicros > 0 { heading += " · most \(BillingView.money(largest.amountMicros)) in \(largest.month.label)" }
        painter.text(heading, x: area.x + 1, y: y, width: area.width - 2, .title)
        let bar = max(1, per - 1)
        let rows = Bars.columns(summary.trend.map(\.amountMicros), height: height, width: bar)
        for (index, row) in rows.enumerated() {
            // One blank column between months.
            var spaced = ""
            var characters = Array(row)
            while !characters.isEmpty {
                spaced += String(characters.prefix(bar)) + (per > bar ? " " : "")
                characters.removeFirst(min(bar, characters.count))
            }
            painter.text(spaced, x: area.x + 2, y: y + 1 + index, width: area.width - 3, .badge)
        }
        let labels = summary.trend.map { String($0.month.label.prefix(per >= 4 ? 3 : 1)).padding(toLength: per, withPad: " ", startingAt: 0) }
        painter.text(labels.joined(), x: area.x + 2, y: y + 1 + height, width: area.width - 3, .muted)
        return y + height + 2
    }

    /// The operations with their quantities and amounts, as many as fit.
    static func drawOperations(_ painter: inout Painter, _ area: Rect, y: Int, summary: BillingSummary) {
        guard y + 1 < area.maxY else { return }
        painter.text("By operation", x: area.x + 1, y: y, width: area.width - 2, .title)
        for (index, line) in summary.byOperation.enumerated() where y + 1 + index < area.maxY {
            let row = y + 1 + index
            painter.text(line.key, x: area.x + 2, y: row, width: 18, .base)
            painter.text(String(line.quantity), x: area.x + 20, y: row, width: 12, .muted)
            painter.text(BillingView.money(line.amountMicros), x: area.x + 33, y: row, width: max(0, area.maxX - area.x - 34), .base)
        }
    }

    static func ordinal(_ day: Int) -> String {
        let suffix = (11...13).contains(day % 100) ? "th" : ["th", "st", "nd", "rd", "th", "th", "th", "th", "th", "th"][day % 10]
        return "\(day)\(suffix)"
    }
}
