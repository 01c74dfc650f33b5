import Foundation
import OrgdeckCore
import OrgdeckTerminal
import OrgdeckTUI
import OrgdeckViewModels

/// Billing and Activity on the large database (millions of usage events, a million audit
/// entries): opening the pane and moving in it as the console handles and draws it, the Activity
/// filter as the core answers it, and what metering adds to a prediction and a search.
@MainActor
enum BillingBench {
    static func run(runtime: ConsoleRuntime, model: ConsoleViewModel, service: OrgService, session: Session) throws {
        let acme = Context.organization(DemoAccounts.organizationID)
        var check: BillingVerification?
        let verifying = try seconds { check = try service.verifyBilling() }
        for key in [KeyEvent.escape, .escape, .escape, .char("1")] { runtime.handle(key) }
        // Opening Billing from My Apps (its Overview: the month, the days, twelve months).
        var opens: [Double] = []
        for _ in 0..<20 {
            opens += keystrokes(runtime, [.char("5")])
            runtime.handle(.char("1"))
        }
        runtime.handle(.char("5"))
        // By member: the section opened, moved in, reordered.
        let toMembers = keystrokes(runtime, [.tab])
        let members = (model.front as? BillingPage)?.section as? BreakdownSection
        var moves = keystrokes(runtime, Array(repeating: .char("j"), count: 200))
        moves += keystrokes(runtime, [.char("G"), .char("g")])
        let reorders = keystrokes(runtime, [.char("o"), .char("o"), .char("o")])
        say("")
        say("billing, large database (\(check?.events ?? 0) usage events, \(check?.rollups ?? 0) roll-ups)")
        say("  open Billing     p50 \(ms(percentile(opens, 0.5)))   p99 \(ms(percentile(opens, 0.99)))   (month, days and 12 months; handled and drawn)")
        say("  by member        \(ms(toMembers.first ?? 0))   (\(members?.state.all.count ?? 0) members this month; handled and drawn)")
        say("  billing verify   \(ms(verifying))   (every roll-up recomputed from the events: \(check?.isConsistent == true ? "consistent" : "DIFFERENT"))")
        say("  move, reorder    p50 \(ms(percentile(moves, 0.5)))   p99 \(ms(percentile(moves + reorders, 0.99)))")

        // The Activity filter on the whole log, as the section asks the core (a window of 200).
        var generator = SplitMix64(seed: 11)
        let entries = try service.auditEntries(session, in: acme, search: AuditSearch(), offset: 0, limit: 1).total
        var filtered: [Double] = []
        for round in 0..<60 {
            var search = AuditSearch()
            switch round % 4 {
            case 0: search.member = "u\(generator.next() % 20_000)"
            case 1: search.action = ["app", "model.train", "member", "inputs.upload"][Int(generator.next() % 4)]
            case 2: search.outcome = "denied"
            default:
                search.since = Date().addingTimeInterval(-Double(generator.next() % 300) * 86_400)
                search.until = search.since?.addingTimeInterval(7 * 86_400)
            }
            filtered.append(try seconds { _ = try service.auditEntries(session, in: acme, search: search, offset: 0, limit: 200) })
        }
        say("  activity filter  p50 \(ms(percentile(filtered, 0.5)))   p99 \(ms(percentile(filtered, 0.99)))   (\(entries) entries of the organization; member, action, outcome, dates)")

        // What metering adds: the same prediction and search, metered and not.
        var predicted = (metered: [Double](), plain: [Double]())
        var searched = (metered: [Double](), plain: [Double]())
        for round in 0..<200 {
            let text = "my refund for the broken screen \(round)"
            predicted.metered.append(try seconds { _ = try service.predict(session, in: acme, appID: "support-triage",
                                                                           modelID: "ticket-router", texts: [text]) })
            predicted.plain.append(try seconds { _ = try service.predict(session, in: acme, appID: "support-triage",
                                                                         modelID: "ticket-router", texts: [text], metered: false) })
            let query = InputQuery(search: ["refund", "parcel", "battery", "login"][round % 4], limit: 100, countTotal: false)
            searched.metered.append(try seconds { _ = try service.inputs(session, in: acme, appID: "support-triage", query: query) })
            searched.plain.append(try seconds { _ = try service.inputs(session, in: acme, appID: "support-triage", query: query, metered: false) })
        }
        say("  metering adds   predict p50 \(ms(percentile(predicted.metered, 0.5) - percentile(predicted.plain, 0.5)))"
            + "   search p50 \(ms(percentile(searched.metered, 0.5) - percentile(searched.plain, 0.5)))"
            + "   (one event, five roll-ups and the budget check, in the operation's transaction)")
    }
}
