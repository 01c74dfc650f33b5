import OrgdeckCore

extension Invoice: ListItem {
    public var listID: String { month.description }
}

/// The closed months' invoices, newest first: Enter shows an invoice's lines, `X` writes it as
/// CSV. An invoice is written when its month ends and never changes afterwards.
public final class InvoicesSection: ListSection<Invoice, InvoicesSection.Purpose> {
    public enum Purpose: Equatable, Sendable { case details, export(BillingMonth) }

    init(env: PaneEnvironment) {
        super.init(env: env, title: "Invoices", screen: .pane(.billing), searchable: false, chrome: 3)
    }

    override func load() throws -> [Invoice] { try env.service.invoices(env.session, in: env.context) }

    /// An amount as a bill states it, in cents, with the exact figure beside it when the cents
    /// round it: every line reads alike ("76.20 USD (76.1986 exactly)").
    static func amount(_ micros: Int64) -> String {
        // Whole cents need no exact figure beside them.
        "\(Money.cents(micros)) \(Money.currency)" + (micros % (Money.microsPerUnit / 100) == 0 ? "" : " (\(Money.exact(micros)) exactly)")
    }

    override func handle(_ event: ConsoleEvent, selected: Invoice?) -> [Reaction]? {
        guard let invoice = selected else { return [.open, .export].contains(event) ? refused("no invoice selected") : nil }
        switch event {
        case .open:
            var rows = [InfoRow("Closed", invoice.closedAt.utcMinute)]
            rows += invoice.lines.map { line in
                let unit = (try? UsageOperation.named(line.key))?.unit ?? line.key
                return InfoRow(line.key, "\(line.quantity) × \(unit): \(Self.amount(line.amountMicros))")
            }
            rows.append(InfoRow("Total due", Self.amount(invoice.totalMicros)))
            return present(.info(InfoState(title: "Invoice \(invoice.month.label)", rows: rows)), for: .details)
        case .export:
            if let reason = env.refusalOfFiles { return refused(reason) }
            return present(.form(FormState(title: "Export the \(invoice.month.label) invoice as CSV", fields: [
                FormField(key: "path", label: "Write to", value: "invoice-\(invoice.month).csv", hint: "Tab completes; " + PathCompletion.relativeTo,
                          maxLength: 4_000, completesPaths: true),
            ], submitLabel: "Export")), for: .export(invoice.month))
        default: return nil
        }
    }

    override func carryOut(_ purpose: Purpose, _ dialog: Dialog) throws -> [Reaction] {
        guard case .export(let month) = purpose, case .form(let form) = dialog else { return [] }
        let path = try PathCompletion.exportTarget(form)
        let rows = try env.service.exportBilling(env.session, in: env.context, month: month, to: path)
        return [.flash(.info("wrote \(counted(rows, "row")) to \(path)"))]
    }

    override var listCommands: [PaneCommand] {
        let none = needsItem("invoice")
        return [PaneCommand(.open, "lines", refusal: none), PaneCommand(.export, "export CSV", refusal: none ?? env.refusalOfFiles)]
    }
}
