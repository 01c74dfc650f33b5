import Foundation

/// A billable operation (PRODUCT.md §7): what the rate card prices, per unit.
public enum UsageOperation: String, CaseIterable, Sendable, Codable {
    /// One model run on one text (a workflow run counts each node).
    case predict
    /// One training input processed by a training run that finished.
    case trainInput = "train_input"
    /// One input search query.
    case search
    /// One input added by an upload.
    case upload
    /// One input held for one day (the daily snapshot).
    case storageInputDay = "storage_input_day"

    /// What one unit is, for tables and invoices.
    public var unit: String {
        switch self {
        case .predict: return "prediction"
        case .trainInput: return "training input"
        case .search: return "search query"
        case .upload: return "input uploaded"
        case .storageInputDay: return "input-day stored"
        }
    }

    /// The operation named by `name` (`train_input`), or an error listing the names.
    public static func named(_ name: String) throws -> UsageOperation {
        guard let operation = UsageOperation(rawValue: name.lowercased()) else {
            throw CoreError.invalid("operation", "no operation \(Validation.visible(name)): use one of "
                                        + allCases.map(\.rawValue).joined(separator: ", "))
        }
        return operation
    }
}

/// A price on the rate card: from `effectiveFrom` on, one unit of `operation` costs `unitPriceMicros`.
public struct Rate: Equatable, Sendable {
    public var operation: UsageOperation
    public var unitPriceMicros: Int64
    public var effectiveFrom: Date
    /// Whether it is the platform's default rather than the organization's own.
    public var isDefault: Bool
}

/// What a billing figure covers: an Admin's view of the whole organization, a member's own
/// usage in it, or a user's personal account.
public enum BillingScope: String, Sendable, Equatable {
    case organization
    case member
    case personal
}

/// How a breakdown groups the month's charges.
public enum BillingDimension: String, CaseIterable, Sendable {
    case member, app, operation

    /// The dimension named by `name`, or an error listing the names.
    public static func named(_ name: String) throws -> BillingDimension {
        guard let dimension = BillingDimension(rawValue: name.lowercased()) else {
            throw CoreError.invalid("by", "cannot break down by \(Validation.visible(name)): use member, app or operation")
        }
        return dimension
    }
}

/// One row of a breakdown: a member's username, an app ID or an operation, with its totals.
public struct BreakdownLine: Equatable, Sendable {
    public var key: String
    public var quantity: Int64
    public var amountMicros: Int64

    public init(key: String, quantity: Int64, amountMicros: Int64) {
        self.key = key; self.quantity = quantity; self.amountMicros = amountMicros
    }
}

/// A budget for each month and the shares of it that raise an alert.
public struct Budget: Equatable, Sendable {
    public var amountMicros: Int64
    /// Percentages, ascending (default 50, 80, 100).
    public var thresholds: [Int]

    public static let defaultThresholds = [50, 80, 100]

    public init(amountMicros: Int64, thresholds: [Int] = Budget.defaultThresholds) {
        self.amountMicros = amountMicros; self.thresholds = thresholds
    }

    /// The thresholds `spent` has reached, compared exactly (`spent × 100 ≥ budget × percent`).
    public func reached(by spent: Int64) -> [Int] {
        thresholds.filter { spent.multipliedReportingOverflow(by: 100).partialValue >= amountMicros * Int64($0) }
    }

    /// Parses `50,80,100`: one to ten whole percentages from 1 to 1000, no repeats.
    public static func thresholds(_ text: String) throws -> [Int] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        let values = parts.compactMap(Int.init)
        guard values.count == parts.count, (1...10).contains(values.count), values.allSatisfy({ (1...1000).contains($0) }) else {
            throw CoreError.invalid("alerts", "alerts are 1 to 10 percentages from 1 to 1000, like 50,80,100")
        }
        guard Set(values).count == values.count else { throw CoreError.invalid("alerts", "an alert threshold is given twice") }
        return values.sorted()
    }
}
