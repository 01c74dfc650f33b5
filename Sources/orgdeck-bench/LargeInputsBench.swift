import Foundation
import OrgdeckCore
import OrgdeckTerminal
import OrgdeckTUI
import OrgdeckViewModels

/// The Support Triage app of the large database (a million inputs): keystrokes in its Inputs
/// section as the console handles and draws them, and full-text search as the core answers it.
@MainActor
enum LargeInputsBench {
    static let words = ["refund", "invoice", "laptop", "tracking", "crash", "parcel", "battery", "subscription",
                        "charged", "courier", "screen", "login", "sync", "damaged", "receipt", "update"]

    static func run(runtime: ConsoleRuntime, model: ConsoleViewModel, service: OrgService, session: Session) throws {
        // Open the app from My Apps as a user would: filter by its ID, open it, choose Inputs.
        for key in [KeyEvent.escape, .escape, .char("/")] { runtime.handle(key) }
        for character in "support-triage" { runtime.handle(.char(character)) }
        runtime.handle(.enter)
        runtime.handle(.enter)
        model.send(.selectSection(1))
        runtime.render()
        guard let inputs = model.appDetail?.section as? InputsSection else {
            say("")
            say("inputs (large database): Support Triage's Inputs did not open; skipped")
            return
        }
        model.send(.idle)
        let total = inputs.state.total
        var moves: [Double] = []
        for _ in 0..<2 {
            moves += keystrokes(runtime, Array(repeating: .char("j"), count: 250))
            moves += keystrokes(runtime, Array(repeating: .pageDown, count: 50))
            moves += keystrokes(runtime, Array(repeating: .char("k"), count: 250))
        }
        moves += keystrokes(runtime, [.char("G"), .char("g")])
        runtime.handle(.char("/"))
        var typed: [Double] = []
        for word in words.prefix(6) {
            typed += keystrokes(runtime, word.map { .char($0) })
            typed += keystrokes(runtime, Array(repeating: .backspace, count: word.count))
        }
        runtime.handle(.escape)

        // The core's answer to a search, as the console asks for it (a window of 100, the count
        // left for when typing rests), and with the exact count.
        var generator = SplitMix64(seed: 5)
        var windows: [Double] = [], counted: [Double] = []
        for round in 0..<200 {
            let word = words[Int(generator.next() % UInt64(words.count))]
            let prefix = String(word.prefix(2 + Int(generator.next() % UInt64(word.count - 1))))
            let query = InputQuery(search: prefix, limit: 100, countTotal: round % 4 == 0)
            let time = try seconds { _ = try service.inputs(session, in: .organization(DemoAccounts.organizationID),
                                                             appID: "support-triage", query: query) }
            if query.countTotal { counted.append(time) } else { windows.append(time) }
        }
        say("")
        say("inputs of Support Triage, large database (\(total) inputs)")
        say("  move, page, top/end  p50 \(ms(percentile(moves, 0.5)))   p99 \(ms(percentile(moves, 0.99)))   (\(moves.count) keys, handled and drawn)")
        say("  search key           p50 \(ms(percentile(typed, 0.5)))   p99 \(ms(percentile(typed, 0.99)))   (\(typed.count) keys, handled and drawn)")
        say("  full-text search     p50 \(ms(percentile(windows, 0.5)))   p99 \(ms(percentile(windows, 0.99)))   (\(windows.count) prefixes, a window of 100)")
        say("    with exact count   p50 \(ms(percentile(counted, 0.5)))   p99 \(ms(percentile(counted, 0.99)))   (\(counted.count) prefixes, when typing rests)")
    }
}
