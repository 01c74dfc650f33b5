import Foundation

/// How well predictions match the truth on a held-out set: accuracy and, per class, precision,
/// recall, F1 and support, with scikit-learn's convention that a ratio with nothing to divide by
/// is 0.
public struct ClassificationMetrics: Codable, Equatable, Sendable {
    /// One class's figures.
    public struct ClassMetrics: Codable, Equatable, Sendable {
        public var precision: Double
        public var recall: Double
        public var f1: Double
        /// How many held-out items truly belong to the class.
        public var support: Int
    }

    /// The share of held-out items predicted right.
    public var accuracy: Double
    /// Per class (concept ID).
    public var classes: [String: ClassMetrics]
    /// How many items were held out.
    public var evaluated: Int

    /// Each class with its figures, by class name: the order every table and report uses.
    public var sortedClasses: [(name: String, figures: ClassMetrics)] {
        classes.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Compares `predicted` with `truth` item by item; `classes` lists every class to report,
    /// including one that was never predicted or never true.
    public init(truth: [String], predicted: [String], classes: [String]) {
        precondition(truth.count == predicted.count, "one prediction per item")
        let pairs = zip(truth, predicted)
        evaluated = truth.count
        accuracy = truth.isEmpty ? 0 : Double(pairs.filter { $0 == $1 }.count) / Double(truth.count)
        var result: [String: ClassMetrics] = [:]
        for name in Set(classes).union(truth) {
            let truePositives = pairs.filter { $0 == name && $1 == name }.count
            let predictedCount = predicted.filter { $0 == name }.count
            let support = truth.filter { $0 == name }.count
            let precision = predictedCount == 0 ? 0 : Double(truePositives) / Double(predictedCount)
            let recall = support == 0 ? 0 : Double(truePositives) / Double(support)
            let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
            result[name] = ClassMetrics(precision: precision, recall: recall, f1: f1, support: support)
        }
        self.classes = result
    }
}
