import Foundation

/// The month-to-date picture the Billing pane opens on and `billing summary` prints.
public struct BillingSummary: Equatable, Sendable {
    public var month: BillingMonth
    public var scope: BillingScope
    public var totalMicros: Int64
    /// The month's total if spending goes on as it has (see `Forecast`).
    public var forecastMicros: Int64
    public var budget: Budget?
    /// The thresholds already crossed this month, ascending.
    public var alertsFired: [Int]
    /// By operation, every operation listed (zero when unused), in the rate card's order.
    public var byOperation: [BreakdownLine]
    /// Spend per day of the month, index 0 the 1st.
    public var daily: [Int64]
    /// The twelve months up to this one, oldest first.
    public var trend: [MonthTotal]
}

/// A month and what was spent in it.
public struct MonthTotal: Equatable, Sendable {
    public var month: BillingMonth
    public var amountMicros: Int64
}

/// A closed month's bill, written once when the month closed and never changed.
public struct Invoice: Equatable, Sendable {
    public var month: BillingMonth
    public var totalMicros: Int64
    public var closedAt: Date
    public var lines: [BreakdownLine]
}

/// A quantity and what it cost.
public struct UsageTotals: Equatable, Sendable {
    public var quantity: Int64
    public var amountMicros: Int64
}

/// A roll-up row that disagrees with the raw events: what each side holds (nil: no row).
public struct BillingDifference: Equatable, Sendable {
    public var account: String
    public var dimension: String
    public var period: String
    public var userID: Int64
    public var appID: String
    public var operation: String
    public var rollup: UsageTotals?
    public var events: UsageTotals?
}

/// What `billing verify` found: how much it compared, and each difference (at most a page).
public struct BillingVerification: Equatable, Sendable {
    public var events: Int64
    public var rollups: Int64
    public var differences: [BillingDifference]
    public var isConsistent: Bool { differences.isEmpty }
}
