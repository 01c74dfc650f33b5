import Foundation

/// A held-out split that keeps each class's share: within every class the items are shuffled by
/// a seeded generator and `testFraction` of them (rounded, at least one when the class has two or
/// more) are held out. The same items, labels and seed always give the same split, so a version's
/// metrics can be reproduced.
public enum StratifiedSplit {
    /// The seed used when none is given: metrics of two trainings on the same data agree.
    public static let defaultSeed: UInt64 = 20_261_202

    /// Indices into `labels` for training and for testing, each in ascending order.
    public static func split(labels: [String], testFraction: Double = 0.2,
                             seed: UInt64 = defaultSeed) -> (train: [Int], test: [Int]) {
        var byClass: [String: [Int]] = [:]
        for (index, label) in labels.enumerated() { byClass[label, default: []].append(index) }
        var generator = SplitMix64(seed: seed)
        var train: [Int] = [], test: [Int] = []
        // Classes in sorted order, so the generator's draws do not depend on dictionary order.
        for label in byClass.keys.sorted() {
            var members = byClass[label] ?? []
            members.shuffle(using: &generator)
            var held = Int((Double(members.count) * testFraction).rounded())
            if members.count >= 2 { held = min(max(held, 1), members.count - 1) } else { held = 0 }
            test += members.prefix(held)
            train += members.dropFirst(held)
        }
        return (train.sorted(), test.sorted())
    }
}

/// A small, fast, well-mixed generator (Steele, Lea and Flood's SplitMix64): deterministic on every
/// platform, unlike the system generator.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
