import OrgdeckCore

/// What the Overview shows: the month's summary (for a member, their own usage).
public struct BillingOverviewState: Equatable, Sendable {
    public var summary: BillingSummary?
    public var error: String?
}

/// The month at a glance: spent so far and the forecast, the budget and the alerts it raised,
/// spend per day and over twelve months, and the operations. `e` sets the budget.
public final class BillingOverviewSection: SectionModel, DialogOwner, MonthlySection {
    enum Purpose: Equatable, Sendable { case budget, removeBudget }

    public internal(set) var state = BillingOverviewState()
    let env: PaneEnvironment
    var month: () -> BillingMonth
    var open: DialogSlot<Purpose>?

    init(env: PaneEnvironment, month: @escaping () -> BillingMonth) { self.env = env; self.month = month }

    public var title: String { "Overview" }
    public var screen: Screen { .pane(.billing) }
    public var dialog: Dialog? { openDialog }
    public var acceptsText: Bool { dialog?.acceptsText ?? false }

    public func reload() -> [Reaction] {
        do {
            state.summary = try env.service.billingSummary(env.session, in: env.context, month: month())
            state.error = nil
        } catch {
            state.summary = nil
            state.error = error.userMessage
        }
        return []
    }

    /// Why the budget cannot be set here: a member's view has none; the role; read-only.
    var budgetRefusal: String? {
        if state.summary?.scope == .member { return "the budget is the organization's: only Admins see and set it" }
        return env.refusal(.manageBilling) ?? env.refusalToChange
    }

    public func send(_ event: ConsoleEvent) -> [Reaction]? {
        if let reactions = routeDialog(event) { return reactions }
        switch event {
        case .edit:
            if let reason = budgetRefusal { return refused(reason) }
            return present(.form(Self.budgetForm(state.summary?.budget)), for: .budget)
        default: return nil
        }
    }

    static func budgetForm(_ budget: Budget?) -> FormState {
        FormState(title: "Monthly budget", fields: [
            FormField(key: "amount", label: "Amount", value: budget.map { Money.exact($0.amountMicros) } ?? "",
                      hint: "in \(Money.currency) a month, like 500 or 1250.50" + (budget == nil ? "" : "; empty removes the budget"),
                      maxLength: 20),
            FormField(key: "alerts", label: "Alerts at",
                      value: (budget?.thresholds ?? Budget.defaultThresholds).map(String.init).joined(separator: ","),
                      hint: "percentages of the budget, like 50,80,100", maxLength: 60),
        ], submitLabel: "Save")
    }

    /// The budget a filled-in `budgetForm` asks for; nil when the amount was emptied.
    static func budget(from form: FormState) throws -> Budget? {
        let amount = form.value("amount")
        guard !amount.isEmpty else { return nil }
        return Budget(amountMicros: try Money.parse(amount, field: "amount"), thresholds: try Budget.thresholds(form.value("alerts")))
    }

    /// Emptying the amount removes the budget and its alerts: asked first, as every removal is.
    /// The question for a form asking for `budget`, nil when there is nothing to ask (a budget
    /// is set, or there is none to remove); the budget in force is read now, not as shown.
    static func removal(asking budget: Budget?, env: PaneEnvironment) throws -> ConfirmState? {
        guard budget == nil, let current = try env.service.billingSummary(env.session, in: env.context).budget else { return nil }
        return ConfirmState(title: "Remove the budget",
                            message: "Remove the monthly budget of \(Money.cents(current.amountMicros)) \(Money.currency)? Its alerts at "
                                + current.thresholds.map { "\($0)%" }.joined(separator: ", ") + " stop; the spending itself is unchanged.",
                            requiredText: nil, verb: "remove")
    }

    /// Sets `budget` (nil removes it) and says what was done; an empty amount with no budget
    /// set is refused in the form rather than written as a removal of nothing.
    static func save(_ budget: Budget?, env: PaneEnvironment) throws -> String {
        if budget == nil, try env.service.billingSummary(env.session, in: env.context).budget == nil {
            throw CoreError.invalid("amount", "there is no budget to remove: type an amount to set one, or Esc")
        }
        try env.service.setBudget(env.session, in: env.context, budget)
        return budget.map { "budget set: \(Money.cents($0.amountMicros)) \(Money.currency) a month" } ?? "budget removed"
    }

    func carryOut(_ purpose: Purpose, _ dialog: Dialog) throws -> [Reaction] {
        let budget: Budget?
        switch (purpose, dialog) {
        case (.budget, .form(let form)):
            budget = try Self.budget(from: form)
            if let question = try Self.removal(asking: budget, env: env) { return present(.confirm(question), for: .removeBudget) }
        case (.removeBudget, _): budget = nil
        default: return []
        }
        let message = try Self.save(budget, env: env)
        _ = reload()
        return [.flash(.info(message)), .badgesChanged]
    }

    public var commands: [PaneCommand] {
        if let dialog { return dialog.commands }
        // A member's view has no budget; the key is still listed, greyed with why, as every
        // refused key is.
        return [PaneCommand(.edit, "budget", refusal: budgetRefusal)]
    }
}
