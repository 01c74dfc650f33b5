import Foundation

/// The demo's labelled support tickets: sentences built from templates and fillers with a fixed
/// seed, so every demo database holds the same few thousand texts in four concepts, with some
/// overlap between concepts (a refund for a broken device) so that a model has something to get
/// wrong.
enum DemoSnippets {
    static let concepts = ["billing", "hardware", "software", "shipping"]

    private static let templates: [String: [String]] = [
        "billing": [
            "I was charged twice for my {plan} subscription this {month}",
            "Please refund the {amount} payment from {month}",
            "My invoice {order} shows the wrong VAT number",
            "Why was my card declined when I upgraded to {plan}?",
            "Can I switch the {plan} plan from monthly to annual billing?",
            "The receipt for {order} lists {amount} but I paid less",
            "Cancel my {plan} subscription and stop charging my card",
            "I need a copy of the invoice for {month} for my accountant",
            "There is an unknown charge of {amount} on my statement",
            "Refund request: I returned the {device} but was still billed {amount}",
        ],
        "hardware": [
            "The {device} will not power on after the update",
            "The screen of my {device} flickers when it gets warm",
            "The battery of the {device} drains in two hours",
            "The charging port on my {device} is loose",
            "My {device} makes a clicking noise and then restarts",
            "The fan in the {device} is very loud since {month}",
            "One key on the {device} keyboard stopped working",
            "The {device} overheats and shuts down after {n} minutes",
            "Water got into the {device} and the speaker crackles",
            "The {device} arrived with a cracked screen, I want a refund",
        ],
        "software": [
            "The app crashes when I open {feature}",
            "Sync fails with error {code} since version {version}",
            "I cannot log in after resetting my password",
            "{feature} is very slow since version {version}",
            "The export to CSV in {feature} produces an empty file",
            "Notifications stopped after updating to version {version}",
            "Error {code} appears every time I save in {feature}",
            "The {feature} screen is blank on my {device}",
            "Two-factor codes are rejected as invalid",
            "Dark mode resets itself after every restart of {feature}",
        ],
        "shipping": [
            "My order {order} has not arrived yet",
            "The parcel was delivered to the wrong address",
            "Tracking for {order} has not updated in {n} days",
            "Can you ship order {order} to a different address?",
            "The courier left my {device} at the door and it was stolen",
            "Order {order} arrived with a missing power adapter",
            "How long does delivery to Norway take for {order}?",
            "The box for {order} was damaged in transit",
            "I was charged for express shipping but {order} came late",
            "Please send the replacement {device} with tracking",
        ],
    ]

    private static let fillers: [String: [String]] = [
        "plan": ["Starter", "Team", "Business", "Enterprise", "Pro"],
        "month": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"],
        "amount": ["€19.00", "€49.90", "$120", "£35", "$9.99", "€240"],
        "device": ["laptop", "tablet", "scanner", "router", "headset", "dock", "camera", "phone"],
        "feature": ["Reports", "the dashboard", "Calendar", "Projects", "Settings", "the editor", "Search"],
        "code": ["E1042", "E2210", "503", "SYNC-17", "AUTH-3", "E0007"],
        "version": ["4.2", "4.3.1", "5.0", "5.0.2", "3.9"],
        "n": ["3", "5", "10", "12", "20"],
    ]

    /// The `number`th ticket of a bulk load: a template of concept `number % 4` with fillers drawn
    /// from `number` alone (no memory of earlier tickets, so a million cost nothing to hold) and
    /// a reference that makes every ticket distinct from every other and from the demo's.
    static func bulkTicket(_ number: Int) -> (text: String, concept: String) {
        var generator = SplitMix64(seed: UInt64(number) &* 0x9E37_79B9 &+ 17)
        let concept = concepts[number % concepts.count]
        let choices = templates[concept] ?? []
        var text = choices.isEmpty ? concept : choices[Int(generator.next() % UInt64(choices.count))]
        for (slot, values) in fillers.sorted(by: { $0.key < $1.key }) where text.contains("{\(slot)}") {
            text = text.replacingOccurrences(of: "{\(slot)}", with: values[Int(generator.next() % UInt64(values.count))])
        }
        text = text.replacingOccurrences(of: "{order}", with: "#\(100_000 + Int(generator.next() % 900_000))")
        return (text + " (ref B\(number))", concept)
    }

    /// `perConcept` distinct texts for each concept, in a fixed order, each with its concept.
    static func generate(perConcept: Int, seed: UInt64 = 20261202) -> [(text: String, concept: String)] {
        var generator = SplitMix64(seed: seed)
        var seen = Set<String>()
        var result: [(String, String)] = []
        for round in 0..<perConcept {
            for concept in concepts {
                let list = templates[concept] ?? []
                var attempt = 0
                while attempt < 20 {
                    attempt += 1
                    // One ticket in eleven reads like another concept's (a mislabelled or mixed ticket),
                    // so a model trained here is not perfect.
                    let source = round % 11 == 5 ? concepts[(concepts.firstIndex(of: concept)! + 1) % concepts.count] : concept
                    let choices = templates[source] ?? list
                    var text = choices[Int(generator.next() % UInt64(choices.count))]
                    for (slot, values) in fillers.sorted(by: { $0.key < $1.key }) where text.contains("{\(slot)}") {
                        text = text.replacingOccurrences(of: "{\(slot)}", with: values[Int(generator.next() % UInt64(values.count))])
                    }
                    text = text.replacingOccurrences(of: "{order}", with: "#\(100_000 + Int(generator.next() % 900_000))")
                    if round % 7 == 3 || attempt > 3 { text += " — ticket \(round)" }
                    if seen.insert(text).inserted {
                        result.append((text, concept))
                        break
                    }
                }
            }
        }
        return result
    }
}
