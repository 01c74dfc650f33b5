import Foundation

/// The concept thresholder's settings: a concept is kept when its score is at least its own
/// threshold, or the default one (0.5 unless set). It takes concepts, not text: in a workflow
/// it filters what the models before it found.
public struct ConceptThresholds: Codable, Equatable, Sendable {
    public var defaultThreshold: Double
    /// Concept ID → its own threshold.
    public var perConcept: [String: Double]

    public static let standard = ConceptThresholds(defaultThreshold: 0.5, perConcept: [:])

    public init(defaultThreshold: Double = 0.5, perConcept: [String: Double] = [:]) {
        self.defaultThreshold = defaultThreshold; self.perConcept = perConcept
    }

    /// The threshold `concept` must reach.
    public func threshold(for concept: String) -> Double { perConcept[concept] ?? defaultThreshold }

    /// The scores that reach their threshold, in the order given.
    public func apply(_ scores: [ConceptScore]) -> [ConceptScore] {
        scores.filter { $0.score >= threshold(for: $0.concept) }
    }

    /// Reads `0.6` (one for all), `billing=0.7,shipping=0.4` (per concept) or both together
    /// (`0.5,billing=0.7`): thresholds from 0 to 1, concepts as IDs, none given twice.
    public static func parse(_ text: String) throws -> ConceptThresholds {
        var result = ConceptThresholds.standard
        var sawDefault = false
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let item = part.trimmingCharacters(in: .whitespaces)
            let pieces = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            let number = pieces.last.flatMap(Double.init)
            guard let number, number.isFinite, (0...1).contains(number), !item.isEmpty else {
                throw CoreError.invalid("threshold", "\(Validation.visible(item)) is not a threshold: write 0.6, or billing=0.7,shipping=0.4 (from 0 to 1)")
            }
            if pieces.count == 1 {
                guard !sawDefault else { throw CoreError.invalid("threshold", "the threshold for all concepts is given twice") }
                sawDefault = true
                result.defaultThreshold = number
            } else {
                let concept = try Validation.identifier(pieces[0], field: "threshold")
                guard result.perConcept[concept] == nil else {
                    throw CoreError.invalid("threshold", "concept \(concept) is given two thresholds")
                }
                result.perConcept[concept] = number
            }
        }
        return result
    }

    /// `0.5, billing 0.7`: how people read it.
    public var summary: String {
        ([Self.format(defaultThreshold)] + perConcept.sorted { $0.key < $1.key }.map { "\($0.key) \(Self.format($0.value))" })
            .joined(separator: ", ")
    }

    /// `0.5,billing=0.7`: the form `parse` reads.
    public var text: String {
        ([Self.format(defaultThreshold)] + perConcept.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.format($0.value))" })
            .joined(separator: ",")
    }

    static func format(_ value: Double) -> String {
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") && !text.hasSuffix(".0") { text.removeLast() }
        return text
    }
}
