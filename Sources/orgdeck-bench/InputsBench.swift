import Foundation
import OrgdeckCore

/// Inputs on a database of their own: the rate of a 100k-line CSV upload, full-text search
/// latency over those inputs, and naive Bayes training time on them.
enum InputsBench {
    static let topics = [
        "billing": ["invoice", "refund", "charge", "payment", "card", "receipt", "billing", "price", "discount", "tax"],
        "shipping": ["parcel", "courier", "delivery", "tracking", "address", "late", "package", "shipment", "label", "depot"],
        "account": ["password", "login", "email", "reset", "profile", "locked", "username", "verify", "account", "security"],
    ]
    static let filler = ["the", "my", "is", "please", "help", "and", "it", "was", "today", "again", "still", "not", "we", "our"]

    /// Generated tickets: each topic's words among common ones, one concept each, deterministic.
    static func tickets(_ count: Int) -> [(text: String, concept: String)] {
        var generator = SplitMix64(seed: 7)
        let names = topics.keys.sorted()
        return (0..<count).map { i in
            let topic = names[i % names.count]
            var words = (0..<3).map { _ in topics[topic]!.randomElement(using: &generator)! }
            words += (0..<6).map { _ in filler.randomElement(using: &generator)! }
            words.append("n\(i)")   // every ticket distinct
            return (words.shuffled(using: &generator).joined(separator: " "), topic)
        }
    }

    static func run(folder: String, count: Int = 100_000) throws {
        let tickets = tickets(count)
        let csv = folder + "/tickets.csv"
        try ("text,concepts\n" + tickets.map { "\($0.text),\($0.concept)" }.joined(separator: "\n") + "\n")
            .write(toFile: csv, atomically: true, encoding: .utf8)
        let service = try OrgService.open(path: folder + "/inputs.sqlite", options: .init(passwordRounds: 1_000))
        _ = try service.signUp(username: "bench", displayName: "Bench", email: "bench@example.com",
                               password: "correct horse battery staple 9", source: .cli)
        let session = try service.signIn(login: "bench", password: "correct horse battery staple 9", source: .cli)
        _ = try service.createApp(session, in: .personal, id: "tickets", name: "Tickets", description: "")
        var report: UploadReport?
        let upload = try seconds {
            report = try service.uploadInputs(session, in: .personal, appID: "tickets", paths: [csv])
        }
        var generator = SplitMix64(seed: 11)
        let words = topics.values.flatMap { $0 } + filler
        var searches: [Double] = []
        for _ in 0..<200 {
            let word = words.randomElement(using: &generator)!
            let prefix = String(word.prefix(Int.random(in: 2...max(2, word.count), using: &generator)))
            searches.append(try seconds {
                _ = try service.inputs(session, in: .personal, appID: "tickets", query: InputQuery(search: prefix, limit: 100, countTotal: false))
            })
        }
        let examples = tickets.map { TextClassifierTraining.Example(text: $0.text, concepts: [$0.concept]) }
        var accuracy = 0.0
        let training = try seconds { accuracy = try TextClassifierTraining.train(examples).metrics.accuracy }
        say("")
        say("inputs (\(count) CSV lines, a database of their own)")
        say(String(format: "  upload                       %9.0f inputs/s   (%d added in %.2f s)",
                   Double(report?.added ?? 0) / upload, report?.added ?? 0, upload))
        say("  full-text search  p50 \(ms(percentile(searches, 0.5)))   p99 \(ms(percentile(searches, 0.99)))   (200 prefixes, a window of 100 as the console reads it)")
        say(String(format: "  naive Bayes training          %8.2f s   (held-out accuracy %.3f)", training, accuracy))
    }
}
