import OrgdeckCore

extension BreakdownLine: ListItem {
    public var listID: String { key }
}

/// How a breakdown is ordered (`o` cycles).
public enum BreakdownOrder: String, CaseIterable, Equatable, Sendable {
    case amount, key, quantity

    var next: BreakdownOrder {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}

/// The month's charges by member, app or operation: a table with each line's share of the
/// total, `/` to search it, `o` to order it by amount, name or quantity, `X` to export it as CSV,
/// Enter for a line's details.
public final class BreakdownSection: ListSection<BreakdownLine, BreakdownSection.Purpose>, MonthlySection {
    public enum Purpose: Equatable, Sendable { case details, export }

    public let dimension: BillingDimension
    public private(set) var order = BreakdownOrder.amount
    var month: () -> BillingMonth

    init(env: PaneEnvironment, dimension: BillingDimension, month: @escaping () -> BillingMonth) {
        self.dimension = dimension
        self.month = month
        let title: String
        switch dimension {
        case .member: title = "By member"
        case .app: title = "By app"
        case .operation: title = "By operation"
        }
        super.init(env: env, title: title, screen: .pane(.billing), searchable: true, chrome: 3)
    }

    /// The month shown, for the title.
    public var shownMonth: BillingMonth { month() }

    /// What every line adds up to (the search does not change the shares).
    public var total: Int64 { state.all.reduce(0) { $0 + $1.amountMicros } }

    override func load() throws -> [BreakdownLine] {
        sorted(try env.service.billingBreakdown(env.session, in: env.context, by: dimension, month: month()))
    }

    private func sorted(_ lines: [BreakdownLine]) -> [BreakdownLine] {
        switch order {
        case .amount: return lines.sorted { ($0.amountMicros, $1.key) > ($1.amountMicros, $0.key) }
        case .key: return lines.sorted { $0.key < $1.key }
        case .quantity: return lines.sorted { ($0.quantity, $1.key) > ($1.quantity, $0.key) }
        }
    }

    override func matches(_ line: BreakdownLine, _ text: String) -> Bool { line.key.lowercased().contains(text) }

    override func handle(_ event: ConsoleEvent, selected: BreakdownLine?) -> [Reaction]? {
        switch event {
        case .cycleSort:
            order = order.next
            state.all = sorted(state.all)
            refilter()
            return [.flash(.info("ordered by \(order.rawValue)"))]
        case .open:
            guard let line = selected else { return [] }
            return present(.info(InfoState(title: line.key, rows: [
                InfoRow("Month", month().label), InfoRow("Quantity", String(line.quantity)),
                InfoRow("Amount", "\(Money.exact(line.amountMicros)) \(Money.currency)"),
                InfoRow("Share", Money.percent(permille: Money.permille(line.amountMicros, of: total))),
            ])), for: .details)
        case .export:
            if let reason = env.refusalOfFiles { return refused(reason) }
            let name = "billing-\(month())-by-\(dimension.rawValue).csv"
            return present(.form(FormState(title: "Export \(title.lowercased()) as CSV", fields: [
                FormField(key: "path", label: "Write to", value: name, hint: "Tab completes; " + PathCompletion.relativeTo, maxLength: 4_000, completesPaths: true),
            ], submitLabel: "Export")), for: .export)
        default: return nil
        }
    }

    override func carryOut(_ purpose: Purpose, _ dialog: Dialog) throws -> [Reaction] {
        guard case .form(let form) = dialog, purpose == .export else { return [] }
        let path = try PathCompletion.exportTarget(form)
        let rows = try env.service.exportBilling(env.session, in: env.context, month: month(), by: dimension, to: path)
        return [.flash(.info("wrote \(counted(rows, "row")) to \(path)"))]
    }

    override var listCommands: [PaneCommand] {
        let none = needsItem("line")
        return [PaneCommand(.open, "details", refusal: none), PaneCommand(.filter, "search"),
                PaneCommand(.cycleSort, "order"), PaneCommand(.export, "export CSV", refusal: env.refusalOfFiles)]
    }
}
