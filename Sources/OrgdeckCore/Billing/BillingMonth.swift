import Foundation

/// A calendar month in UTC, `2026-12`: what budgets, invoices and summaries are about.
public struct BillingMonth: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init(year: Int, month: Int) {
        self.year = year; self.month = month
    }

    /// The month that holds `date` (UTC).
    public init(containing date: Date) {
        let fields = date.utcFields
        self.init(year: fields.year, month: fields.month)
    }

    /// Parses `YYYY-MM`, or says how to write it.
    public static func parse(_ text: String) throws -> BillingMonth {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), (1970...9999).contains(year), (1...12).contains(month) else {
            throw CoreError.invalid("month", "\(Validation.visible(text)) is not a month: write it like 2026-11")
        }
        return BillingMonth(year: year, month: month)
    }

    /// `2026-12`.
    public var description: String { "\(zeroPadded(year, 4))-\(zeroPadded(month, 2))" }

    /// `Dec 2026`, for charts and headings.
    public var label: String {
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][month - 1] + " \(year)"
    }

    public var next: BillingMonth { month == 12 ? BillingMonth(year: year + 1, month: 1) : BillingMonth(year: year, month: month + 1) }
    public var previous: BillingMonth { month == 1 ? BillingMonth(year: year - 1, month: 12) : BillingMonth(year: year, month: month - 1) }

    public var days: Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `2026-12-05`: the stored form of one of its days.
    public func day(_ number: Int) -> String { "\(description)-\(zeroPadded(number, 2))" }

    /// Midnight UTC of its first day.
    public var start: Date {
        var parts = tm()
        parts.tm_year = Int32(year - 1900); parts.tm_mon = Int32(month - 1); parts.tm_mday = 1
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }

    public static func < (lhs: BillingMonth, rhs: BillingMonth) -> Bool {
        (lhs.year, lhs.month) < (rhs.year, rhs.month)
    }
}

/// How the month's total is forecast: what was spent so far, spread over the days that have
/// begun (today counts whole) and carried to the month's last day, rounded half up to the
/// micro-unit. A month that has ended forecasts its total; one that has not begun, zero.
public enum Forecast {
    public static func micros(spent: Int64, month: BillingMonth, now: Date) -> Int64 {
        let current = BillingMonth(containing: now)
        if month < current { return spent }
        if current < month { return 0 }
        let elapsed = Int64(now.utcFields.day), days = Int64(month.days)
        return (spent * days * 2 + elapsed) / (elapsed * 2)
    }
}
