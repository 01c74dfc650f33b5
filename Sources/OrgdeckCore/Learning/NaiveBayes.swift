import Foundation

/// Multinomial naive Bayes with Laplace (additive) smoothing over word counts, the classic text
/// classifier (scikit-learn's `MultinomialNB` with `alpha = 1`): a class's score is its prior times
/// the smoothed probability of each token, computed in logs; words never seen in training are
/// ignored. Parameters are plain arrays so a trained version can be stored and read back exactly.
public struct NaiveBayesModel: Codable, Equatable, Sendable {
    /// The classes (concept IDs), in the order of every per-class array.
    public let classes: [String]
    /// The vocabulary: token → column.
    public let vocabulary: [String: Int]
    /// log P(class).
    public let classLogPrior: [Double]
    /// log P(token | class), `classes.count` rows of `vocabulary.count` columns, row-major.
    public let featureLogProbability: [Double]
    /// The smoothing added to every count.
    public let alpha: Double

    /// Learns from `examples`, each a document's tokens and its class. A document with several
    /// classes is given once per class by the caller. Classes come out sorted.
    public static func train(_ examples: [(tokens: [String], label: String)], alpha: Double = 1) -> NaiveBayesModel {
        let classes = Array(Set(examples.map(\.label))).sorted()
        let classIndex = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
        var vocabulary: [String: Int] = [:]
        for example in examples {
            for token in example.tokens where vocabulary[token] == nil { vocabulary[token] = vocabulary.count }
        }
        let width = vocabulary.count
        var counts = [Double](repeating: 0, count: classes.count * width)
        var documents = [Double](repeating: 0, count: classes.count)
        for example in examples {
            guard let c = classIndex[example.label] else { continue }
            documents[c] += 1
            for token in example.tokens {
                if let column = vocabulary[token] { counts[c * width + column] += 1 }
            }
        }
        let total = documents.reduce(0, +)
        let prior = documents.map { log($0 / max(total, 1)) }
        var featureLog = [Double](repeating: 0, count: counts.count)
        for c in classes.indices {
            let row = counts[(c * width)..<((c + 1) * width)]
            let denominator = log(row.reduce(0, +) + alpha * Double(width))
            for column in 0..<width {
                featureLog[c * width + column] = log(counts[c * width + column] + alpha) - denominator
            }
        }
        return NaiveBayesModel(classes: classes, vocabulary: vocabulary, classLogPrior: prior,
                               featureLogProbability: featureLog, alpha: alpha)
    }

    /// The probability of each class for a document's tokens, summing to 1, in `classes` order.
    public func probabilities(_ tokens: [String]) -> [Double] {
        let width = vocabulary.count
        var joint = classLogPrior
        for token in tokens {
            guard let column = vocabulary[token] else { continue }
            for c in classes.indices { joint[c] += featureLogProbability[c * width + column] }
        }
        // Normalise in logs (log-sum-exp) so long documents do not underflow to zero.
        guard let top = joint.max(), top.isFinite else {
            return classes.map { _ in 1 / Double(max(classes.count, 1)) }
        }
        let exponentials = joint.map { exp($0 - top) }
        let sum = exponentials.reduce(0, +)
        return exponentials.map { $0 / sum }
    }

    /// The most probable class for a document's tokens.
    public func predict(_ tokens: [String]) -> String? {
        let scores = probabilities(tokens)
        guard let best = scores.indices.max(by: { scores[$0] < scores[$1] }) else { return nil }
        return classes[best]
    }
}
