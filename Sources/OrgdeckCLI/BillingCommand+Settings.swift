import ArgumentParser
import Foundation
import OrgdeckCore

extension BillingCommand {
    /// `orgdeck billing budget set|clear`.
    struct BudgetCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "budget", abstract: "Set or remove the monthly budget and its alerts (Admins).",
            subcommands: [Set.self, Clear.self])

        static func json(_ budget: Budget?) -> JSONValue {
            guard let budget else { return .object([("budget_micros", .null), ("alerts", .array([]))]) }
            return .object([("budget_micros", .int(budget.amountMicros)), ("currency", .string(Money.currency)),
                            ("alerts", .array(budget.thresholds.map { .int(Int64($0)) }))])
        }

        struct Set: ParsableCommand, GlobalOptionsCarrying {
            static let configuration = CommandConfiguration(
                commandName: "set",
                abstract: "Set the monthly budget: AMOUNT in the currency (12.50), alerts as percentages.")

            @OptionGroup var global: GlobalOptions
            @Argument(help: "The budget for each month, like 500 or 1250.50.") var amount: String
            @Option(name: .long, help: "Percentages of the budget that raise an alert, like 50,80,100.") var alerts = "50,80,100"

            func run() throws {
                let budget = Budget(amountMicros: try Money.parse(amount, field: "amount"), thresholds: try Budget.thresholds(alerts))
                let (service, session) = try global.authenticated(.membersWrite)
                try service.setBudget(session, in: global.context, budget)
                Output.emit(json: global.json, BudgetCommand.json(budget)) {
                    "budget \(BillingCommand.money(budget.amountMicros)) a month, alerts at "
                        + budget.thresholds.map { "\($0)%" }.joined(separator: ", ") + "\n"
                }
            }
        }

        struct Clear: ParsableCommand, GlobalOptionsCarrying {
            static let configuration = CommandConfiguration(commandName: "clear", abstract: "Remove the monthly budget.")

            @OptionGroup var global: GlobalOptions

            func run() throws {
                let (service, session) = try global.authenticated(.membersWrite)
                try service.setBudget(session, in: global.context, nil)
                Output.emit(json: global.json, BudgetCommand.json(nil)) { "budget removed\n" }
            }
        }
    }

    /// `orgdeck billing rates [set OPERATION PRICE]`.
    struct RatesCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rates", abstract: "The rate card in force: the price of one unit of each operation (Admins).",
            subcommands: [List.self, Set.self], defaultSubcommand: List.self)

        static func json(_ rate: Rate) -> JSONValue {
            .object([("operation", .string(rate.operation.rawValue)), ("unit_price_micros", .int(rate.unitPriceMicros)),
                     ("effective_from", .date(rate.effectiveFrom))])
        }

        struct List: ParsableCommand, GlobalOptionsCarrying {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "List the rates in force.")

            @OptionGroup var global: GlobalOptions

            func run() throws {
                let (service, session) = try global.authenticated(.billingRead)
                let rates = try service.billingRates(session, in: global.context)
                Output.emit(json: global.json, .array(rates.map(RatesCommand.json))) {
                    Format.table(["OPERATION", "UNIT", "PRICE", "SINCE"], rates.map {
                        [$0.operation.rawValue, $0.operation.unit, "\(Money.exact($0.unitPriceMicros)) \(Money.currency)",
                         $0.isDefault ? "default" : Format.short($0.effectiveFrom)]
                    })
                }
            }
        }

        struct Set: ParsableCommand, GlobalOptionsCarrying {
            static let configuration = CommandConfiguration(
                commandName: "set",
                abstract: "Price one unit of OPERATION at PRICE from now on (usage already metered keeps its price).")

            @OptionGroup var global: GlobalOptions
            @Argument(help: "predict, train_input, search, upload or storage_input_day.") var operation: String
            @Argument(help: "The price of one unit in the currency, like 0.0012.") var price: String

            func run() throws {
                let operation = try UsageOperation.named(operation)
                let micros = try Money.parse(price, field: "price")
                let (service, session) = try global.authenticated(.membersWrite)
                let rate = try service.setRate(session, in: global.context, operation: operation, priceMicros: micros)
                Output.emit(json: global.json, RatesCommand.json(rate)) {
                    "\(operation.rawValue) costs \(Money.exact(micros)) \(Money.currency) per \(operation.unit) from now on\n"
                }
            }
        }
    }
}
