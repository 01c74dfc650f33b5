import ArgumentParser
import Foundation
import OrgdeckCore

/// `orgdeck billing …`: consolidated billing (PRODUCT.md §7). Amounts in `--json` are integer
/// micro-units; people read them rounded to the cent.
struct BillingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "billing",
        abstract: "Usage, charges, invoices, budget and rates of an organization or your personal account.",
        subcommands: [Summary.self, Breakdown.self, Invoices.self, Export.self, BudgetCommand.self, RatesCommand.self,
                      Email.self, Verify.self])

    /// `2026-11`, or the current month when not given.
    static func month(_ text: String?) throws -> BillingMonth? {
        try text.map(BillingMonth.parse)
    }

    /// "12.50 USD".
    static func money(_ micros: Int64) -> String { "\(Money.cents(micros)) \(Money.currency)" }

    /// The first storage snapshot of the day, and any month that has closed, before a figure is read.
    static func settle(_ service: OrgService) {
        do { try service.meterStorageIfDue(source: .cli) } catch { Log.warning("storage metering: \(error)") }
    }
}

extension BillingCommand {
    struct Summary: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(
            commandName: "summary",
            abstract: "The month to date (or --month): total, forecast, budget and alerts; a member sees their own usage.")

        @OptionGroup var global: GlobalOptions
        @Option(name: .long, help: ArgumentHelp("A month, YYYY-MM.", valueName: "month")) var month: String?

        func run() throws {
            let (service, session) = try global.authenticated(.billingRead)
            BillingCommand.settle(service)
            let summary = try service.billingSummary(session, in: global.context, month: try BillingCommand.month(month))
            Output.emit(json: global.json, .object([
                ("month", .string(summary.month.description)), ("total_micros", .int(summary.totalMicros)),
                ("forecast_micros", .int(summary.forecastMicros)), ("currency", .string(Money.currency)),
                ("budget_micros", summary.budget.map { .int($0.amountMicros) } ?? .null),
                ("alerts_fired", .array(summary.alertsFired.map { .int(Int64($0)) })),
                ("scope", .string(summary.scope.rawValue)),
            ])) {
                var pairs = [("month", summary.month.description), ("scope", summary.scope.rawValue),
                             ("total", BillingCommand.money(summary.totalMicros)),
                             ("forecast", BillingCommand.money(summary.forecastMicros))]
                if let budget = summary.budget {
                    pairs.append(("budget", BillingCommand.money(budget.amountMicros) + " (alerts at "
                                  + budget.thresholds.map { "\($0)%" }.joined(separator: ", ") + ")"))
                    pairs.append(("alerts fired", summary.alertsFired.isEmpty ? "none" : summary.alertsFired.map { "\($0)%" }.joined(separator: ", ")))
                }
                let lines = summary.byOperation.map { [$0.key, String($0.quantity), BillingCommand.money($0.amountMicros)] }
                return Format.fields(pairs) + "\n" + Format.table(["OPERATION", "QUANTITY", "AMOUNT"], lines)
            }
        }
    }

    struct Breakdown: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(
            commandName: "breakdown",
            abstract: "The month's charges by member, app (Admins) or operation, largest first.")

        @OptionGroup var global: GlobalOptions
        @Option(name: .long, help: "member, app or operation.") var by: String
        @Option(name: .long, help: ArgumentHelp("A month, YYYY-MM.", valueName: "month")) var month: String?

        func run() throws {
            let dimension = try BillingDimension.named(by)
            let (service, session) = try global.authenticated(.billingRead)
            BillingCommand.settle(service)
            let lines = try service.billingBreakdown(session, in: global.context, by: dimension, month: try BillingCommand.month(month))
            Output.emit(json: global.json, .array(lines.map {
                .object([("key", .string($0.key)), ("quantity", .int($0.quantity)), ("amount_micros", .int($0.amountMicros))])
            })) {
                if lines.isEmpty { return "no usage\n" }
                let total = lines.reduce(0) { $0 + $1.amountMicros }
                return Format.table([dimension.rawValue.uppercased(), "QUANTITY", "AMOUNT", "SHARE"], lines.map {
                    [$0.key, String($0.quantity), BillingCommand.money($0.amountMicros),
                     Money.percent(permille: Money.permille($0.amountMicros, of: total))]
                })
            }
        }
    }

    struct Invoices: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "invoices",
            abstract: "The closed months' invoices, newest first (Admins).")

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let (service, session) = try global.authenticated(.billingRead)
            BillingCommand.settle(service)
            let invoices = try service.invoices(session, in: global.context)
            Output.emit(json: global.json, .array(invoices.map { invoice in
                .object([("month", .string(invoice.month.description)), ("total_micros", .int(invoice.totalMicros)),
                         ("currency", .string(Money.currency)), ("closed_at", .date(invoice.closedAt)),
                         ("lines", .array(invoice.lines.map {
                             .object([("operation", .string($0.key)), ("quantity", .int($0.quantity)),
                                      ("amount_micros", .int($0.amountMicros))])
                         }))])
            })) {
                if invoices.isEmpty { return "no invoices yet: a month's invoice is written when it ends\n" }
                return Format.table(["MONTH", "TOTAL", "LINES", "CLOSED"], invoices.map {
                    [$0.month.description, BillingCommand.money($0.totalMicros), String($0.lines.count), Format.short($0.closedAt)]
                })
            }
        }
    }

    struct Export: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write a month's invoice (or, with --by, its breakdown) as CSV (Admins).")

        @OptionGroup var global: GlobalOptions
        @Option(name: .long, help: ArgumentHelp("The month, YYYY-MM.", valueName: "month")) var month: String
        @Option(name: .long, help: "Where to write the CSV (- for standard output).") var csv: String
        @Option(name: .long, help: "member, app or operation: the breakdown instead of the invoice.") var by: String?

        func run() throws {
            let month = try BillingMonth.parse(month)
            let dimension = try by.map(BillingDimension.named)
            let (service, session) = try global.authenticated(.billingRead)
            BillingCommand.settle(service)
            try Remote.serverFile(csv, "the CSV to write")
            let rows = try service.exportBilling(session, in: global.context, month: month, by: dimension, to: csv)
            if csv == "-" { return }
            Output.emit(json: global.json, .object([("path", .string(csv)), ("rows", .int(Int64(rows)))])) {
                "wrote \(rows) rows to \(Format.sanitize(csv))\n"
            }
        }
    }

    struct Email: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "email",
            abstract: "Set where the organization's invoices go (Admins).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The billing email.") var email: String

        func run() throws {
            let (service, session) = try global.authenticated(.membersWrite)
            let organization = try service.setBillingEmail(session, in: global.context, email: email)
            Output.emit(json: global.json, .object([("organization_id", .string(organization.id)),
                                                     ("billing_email", .string(organization.billingEmail))])) {
                "billing email of \(organization.id) is \(Format.sanitize(organization.billingEmail))\n"
            }
        }
    }

    /// Recomputes the roll-ups from the raw events; exit 1 when they differ. Like `audit verify`,
    /// it needs no token: it reads the file as its owner would.
    struct Verify: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Check that every billing total agrees with the usage events it sums; exit 1 when one does not.")

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let service = try global.openService(create: false, readOnly: true)
            let result = try service.verifyBilling()
            Output.emit(json: global.json, .object([
                ("consistent", .bool(result.isConsistent)), ("events", .int(result.events)), ("rollups", .int(result.rollups)),
                ("differences", .array(result.differences.map { difference in
                    .object([("account", .string(difference.account)), ("dimension", .string(difference.dimension)),
                             ("period", .string(difference.period)), ("user_id", .int(difference.userID)),
                             ("app_id", .string(difference.appID)), ("operation", .string(difference.operation)),
                             ("rollup_amount_micros", difference.rollup.map { .int($0.amountMicros) } ?? .null),
                             ("events_amount_micros", difference.events.map { .int($0.amountMicros) } ?? .null)])
                })),
            ])) {
                if result.isConsistent {
                    return "billing consistent: \(result.rollups) totals agree with \(result.events) usage events\n"
                }
                return "billing INCONSISTENT: \(result.differences.count) totals differ from the usage events\n"
                    + Format.table(["ACCOUNT", "TOTAL", "PERIOD", "KEY", "STORED", "FROM EVENTS"], result.differences.map {
                        [$0.account, $0.dimension, $0.period, [$0.userID == 0 ? "" : "user \($0.userID)", $0.appID, $0.operation]
                            .filter { !$0.isEmpty }.joined(separator: " "),
                         $0.rollup.map { Money.exact($0.amountMicros) } ?? "missing", $0.events.map { Money.exact($0.amountMicros) } ?? "missing"]
                    })
            }
            if !result.isConsistent { throw ExitCode(1) }
        }
    }
}
