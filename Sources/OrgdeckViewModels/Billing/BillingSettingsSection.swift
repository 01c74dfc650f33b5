import OrgdeckCore

/// One line of the billing settings: the billing email, the budget, or an operation's price.
public struct BillingSetting: ListItem {
    public enum Kind: Equatable, Sendable {
        case email, budget
        case rate(UsageOperation)
    }

    public var kind: Kind
    public var name: String
    public var value: String
    /// Since when the value holds, or how it applies.
    public var note: String

    public var listID: String {
        switch kind {
        case .email: return "email"
        case .budget: return "budget"
        case .rate(let operation): return "rate:" + operation.rawValue
        }
    }
}

/// The billing settings: where invoices go, the monthly budget and the rate card. Enter or `e`
/// edits the selected line (an organization's Admins; in a personal account, the budget).
public final class BillingSettingsSection: ListSection<BillingSetting, BillingSettingsSection.Purpose> {
    public enum Purpose: Equatable, Sendable { case email, budget, removeBudget, rate(UsageOperation) }

    init(env: PaneEnvironment) {
        super.init(env: env, title: "Settings", screen: .pane(.billing), searchable: false, chrome: 3)
    }

    override func load() throws -> [BillingSetting] {
        var settings: [BillingSetting] = []
        if let organizationID = env.context.organizationID {
            let organization = try env.service.organization(env.session, id: organizationID)
            settings.append(BillingSetting(kind: .email, name: "Billing email", value: organization.billingEmail,
                                           note: "where invoices go"))
        }
        let budget = try env.service.billingSummary(env.session, in: env.context).budget
        settings.append(BillingSetting(kind: .budget, name: "Monthly budget",
                                       value: budget.map { "\(Money.cents($0.amountMicros)) \(Money.currency)" } ?? "none",
                                       note: budget.map { "alerts at " + $0.thresholds.map { "\($0)%" }.joined(separator: ", ") } ?? ""))
        for rate in try env.service.billingRates(env.session, in: env.context) {
            settings.append(BillingSetting(kind: .rate(rate.operation), name: rate.operation.rawValue,
                                           value: "\(Money.exact(rate.unitPriceMicros)) \(Money.currency) per \(rate.operation.unit)",
                                           note: rate.isDefault ? "platform default" : "since \(rate.effectiveFrom.utcDay)"))
        }
        return settings
    }

    /// Why `setting` cannot be changed here now.
    func refusal(_ setting: BillingSetting?) -> String? {
        guard let setting else { return "no setting selected" }
        if case .rate = setting.kind, env.context.organizationID == nil {
            return "a personal account is billed at the platform's rates"
        }
        return env.refusal(.manageBilling) ?? env.refusalToChange
    }

    override func handle(_ event: ConsoleEvent, selected: BillingSetting?) -> [Reaction]? {
        guard event == .edit || event == .open else { return nil }
        if let reason = refusal(selected) { return refused(reason) }
        guard let setting = selected else { return [] }
        switch setting.kind {
        case .email:
            return present(.form(FormState(title: "Billing email", fields: [
                // Keyed as the core names the field, so a refusal marks it.
                FormField(key: "billing_email", label: "Email", value: setting.value, hint: "where invoices go", maxLength: 254),
            ])), for: .email)
        case .budget:
            let budget = try? env.service.billingSummary(env.session, in: env.context).budget
            return present(.form(BillingOverviewSection.budgetForm(budget ?? nil)), for: .budget)
        case .rate(let operation):
            let current = setting.value.split(separator: " ").first.map(String.init) ?? ""
            return present(.form(FormState(title: "Price of \(operation.rawValue)", fields: [
                FormField(key: "price", label: "Price", value: current,
                          hint: "\(Money.currency) per \(operation.unit), from now on; metered usage keeps its price", maxLength: 20),
            ])), for: .rate(operation))
        }
    }

    override func carryOut(_ purpose: Purpose, _ dialog: Dialog) throws -> [Reaction] {
        let message: String
        switch (purpose, dialog) {
        case (.email, .form(let form)):
            let organization = try env.service.setBillingEmail(env.session, in: env.context, email: form.value("billing_email"))
            message = "invoices go to \(organization.billingEmail)"
        case (.budget, .form(let form)):
            let budget = try BillingOverviewSection.budget(from: form)
            if let question = try BillingOverviewSection.removal(asking: budget, env: env) {
                return present(.confirm(question), for: .removeBudget)
            }
            message = try BillingOverviewSection.save(budget, env: env)
        case (.removeBudget, _):
            message = try BillingOverviewSection.save(nil, env: env)
        case (.rate(let operation), .form(let form)):
            let rate = try env.service.setRate(env.session, in: env.context, operation: operation,
                                               priceMicros: try Money.parse(form.value("price"), field: "price"))
            message = "\(operation.rawValue) now costs \(Money.exact(rate.unitPriceMicros)) \(Money.currency)"
        default:
            return []
        }
        _ = reload()
        return [.flash(.info(message)), .badgesChanged]
    }

    override var listCommands: [PaneCommand] {
        [PaneCommand(.edit, "change", refusal: refusal(state.list.selected))]
    }
}
