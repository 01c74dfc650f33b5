import Foundation

/// Concepts from configured keywords and phrases: a concept is found when one of its phrases
/// occurs in the text as whole words, ignoring case ("Refund" matches "refund" and "REFUND!",
/// not "refunded"; "credit card" matches across any spacing or punctuation between the words).
/// The score is the share of the text's words that the concept's phrases cover, capped at 1.
public struct KeywordTagger: Codable, Equatable, Sendable {
    /// Concept ID → its phrases, each already split into tokens.
    public let phrases: [String: [[String]]]

    /// `keywords` maps a concept to its keywords or phrases as typed; empty phrases are dropped.
    public init(keywords: [String: [String]]) {
        var phrases: [String: [[String]]] = [:]
        for (concept, words) in keywords {
            let tokenized = words.map(Tokenizer.tokens).filter { !$0.isEmpty }
            if !tokenized.isEmpty { phrases[concept] = tokenized }
        }
        self.phrases = phrases
    }

    /// The concepts found in `text` with their scores, highest first, then by concept ID.
    public func tag(_ text: String) -> [(concept: String, score: Double)] {
        let tokens = Tokenizer.tokens(text)
        guard !tokens.isEmpty else { return [] }
        var found: [(concept: String, score: Double)] = []
        for (concept, list) in phrases {
            var covered = Set<Int>()
            for phrase in list where phrase.count <= tokens.count {
                for start in 0...(tokens.count - phrase.count) where Array(tokens[start..<(start + phrase.count)]) == phrase {
                    covered.formUnion(start..<(start + phrase.count))
                }
            }
            if !covered.isEmpty { found.append((concept, min(1, Double(covered.count) / Double(tokens.count)))) }
        }
        return found.sorted { $0.score != $1.score ? $0.score > $1.score : $0.concept < $1.concept }
    }
}
