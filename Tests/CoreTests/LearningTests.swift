import Foundation
import Testing
@testable import OrgdeckCore

/// The text models on data small enough to check by hand, and on generated data whose answer is known.
@Suite("Learning")
struct LearningTests {
    @Test("tokens: lower-cased letters and digits of any script, marks kept inside words")
    func tokens() {
        #expect(Tokenizer.tokens("Café, CAFÉ & café!") == ["café", "café", "café"])
        #expect(Tokenizer.tokens("naïve-bayes v2.0 — 100%") == ["naïve", "bayes", "v2", "0", "100"])
        #expect(Tokenizer.tokens("Привет, мир") == ["привет", "мир"])
        #expect(Tokenizer.tokens("नमस्ते दुनिया") == ["नमस्ते", "दुनिया"], "vowel signs and virama stay in the word")
        #expect(Tokenizer.tokens("東京タワー 2026") == ["東京タワー", "2026"])
        #expect(Tokenizer.tokens("e\u{301}cole") == ["e\u{301}cole"], "a decomposed accent is part of the word")
        #expect(Tokenizer.tokens("\u{301}x") == ["x"], "a mark with no word before it is dropped")
        #expect(Tokenizer.tokens(" \n\t ").isEmpty)
    }

    @Test("naive Bayes gives the exact smoothed probabilities of a hand-checked example")
    func handChecked() throws {
        let model = NaiveBayesModel.train([
            (["good", "good", "great"], "positive"),
            (["bad", "awful", "bad"], "negative"),
        ])
        #expect(model.classes == ["negative", "positive"])
        // Vocabulary of 4; positive: good 2+1, great 1+1, bad 0+1, awful 0+1 over 3+4.
        let positive = try #require(model.classes.firstIndex(of: "positive"))
        let good = try #require(model.vocabulary["good"])
        #expect(abs(model.featureLogProbability[positive * 4 + good] - log(3.0 / 7.0)) < 1e-12)
        // "good": 3/7 against 1/7 with equal priors, so 3/4 and 1/4.
        let scores = model.probabilities(["good"])
        #expect(abs(scores[positive] - 0.75) < 1e-12 && abs(scores[1 - positive] - 0.25) < 1e-12)
        // "good bad" cancels out; an unknown word changes nothing.
        #expect(model.probabilities(["good", "bad"]).allSatisfy { abs($0 - 0.5) < 1e-12 })
        #expect(model.probabilities(["good", "zebra"]) == scores)
        #expect(model.probabilities([]).allSatisfy { abs($0 - 0.5) < 1e-12 }, "only the priors")
        #expect(model.predict(["great", "good"]) == "positive")
    }

    @Test("priors follow the classes' shares, and a long document does not underflow")
    func priorsAndLongDocuments() {
        let model = NaiveBayesModel.train([(["a"], "x"), (["a"], "x"), (["a"], "x"), (["b"], "y")])
        let empty = model.probabilities([])
        #expect(abs(empty[0] - 0.75) < 1e-12 && abs(empty[1] - 0.25) < 1e-12)
        let long = model.probabilities(Array(repeating: "b", count: 5_000))
        #expect(long.allSatisfy { $0.isFinite })
        #expect(abs(long.reduce(0, +) - 1) < 1e-9 && long[1] > 0.999)
    }

    @Test("parameters survive being stored and read back")
    func codable() throws {
        let model = NaiveBayesModel.train([(["ok", "fine"], "a"), (["no"], "b")])
        let data = try JSONEncoder().encode(model)
        #expect(try JSONDecoder().decode(NaiveBayesModel.self, from: data) == model)
    }

    @Test("the split keeps each class's share, holds out at least one of each, and repeats")
    func stratified() {
        let labels = Array(repeating: "a", count: 50) + Array(repeating: "b", count: 10) + ["c", "c"] + ["d"]
        let split = StratifiedSplit.split(labels: labels, testFraction: 0.2)
        let held = Dictionary(grouping: split.test.map { labels[$0] }, by: { $0 }).mapValues(\.count)
        #expect(held == ["a": 10, "b": 2, "c": 1], "a class of one cannot be tested")
        #expect(Set(split.train).isDisjoint(with: split.test))
        #expect((split.train + split.test).sorted() == Array(labels.indices))
        #expect(StratifiedSplit.split(labels: labels) == split, "same seed, same split")
        #expect(StratifiedSplit.split(labels: labels, seed: 7) != split, "another seed, another split")
    }

    @Test("metrics follow scikit-learn's definitions, zero where nothing divides")
    func metrics() throws {
        let m = ClassificationMetrics(truth: ["a", "a", "b", "b", "c"], predicted: ["a", "b", "b", "b", "a"],
                                      classes: ["a", "b", "c", "d"])
        #expect(abs(m.accuracy - 0.6) < 1e-12 && m.evaluated == 5)
        let a = try #require(m.classes["a"]), b = try #require(m.classes["b"]), c = try #require(m.classes["c"])
        #expect(a.precision == 0.5 && a.recall == 0.5 && a.f1 == 0.5 && a.support == 2)
        #expect(abs(b.precision - 2.0 / 3.0) < 1e-12 && b.recall == 1 && abs(b.f1 - 0.8) < 1e-12)
        #expect(c == .init(precision: 0, recall: 0, f1: 0, support: 1))
        #expect(m.classes["d"] == .init(precision: 0, recall: 0, f1: 0, support: 0))
    }

    @Test("on generated text with known topics the classifier is accurate on the held-out split")
    func learnsGeneratedTopics() {
        // Three topics with their own words, all sharing common filler words.
        let topics = ["billing": ["invoice", "refund", "charge", "payment", "card", "receipt"],
                      "shipping": ["parcel", "courier", "delivery", "tracking", "address", "late"],
                      "account": ["password", "login", "email", "reset", "profile", "locked"]]
        let filler = ["the", "my", "is", "please", "help", "and", "it", "was", "today", "again"]
        var generator = SplitMix64(seed: 42)
        var texts: [String] = [], labels: [String] = []
        for topic in topics.keys.sorted() {
            for _ in 0..<200 {
                var words = (0..<3).map { _ in topics[topic]!.randomElement(using: &generator)! }
                words += (0..<5).map { _ in filler.randomElement(using: &generator)! }
                // Some noise: a word from another topic.
                let other = topics.keys.sorted().filter { $0 != topic }.randomElement(using: &generator)!
                words.append(topics[other]!.randomElement(using: &generator)!)
                texts.append(words.shuffled(using: &generator).joined(separator: " "))
                labels.append(topic)
            }
        }
        let split = StratifiedSplit.split(labels: labels)
        let model = NaiveBayesModel.train(split.train.map { (Tokenizer.tokens(texts[$0]), labels[$0]) })
        let predicted = split.test.map { model.predict(Tokenizer.tokens(texts[$0])) ?? "" }
        let metrics = ClassificationMetrics(truth: split.test.map { labels[$0] }, predicted: predicted, classes: model.classes)
        #expect(metrics.evaluated == 120)
        #expect(metrics.accuracy > 0.95, "accuracy \(metrics.accuracy)")
    }

    @Test("keywords match whole words and phrases, ignoring case, scored by the words they cover")
    func keywords() {
        let tagger = KeywordTagger(keywords: ["billing": ["refund", "credit card"], "urgent": ["ASAP"], "none": ["", "  "]])
        #expect(tagger.phrases.keys.sorted() == ["billing", "urgent"], "a concept without words is dropped")
        let found = tagger.tag("Refund my Credit-Card charge ASAP!")
        #expect(found.map(\.concept) == ["billing", "urgent"])
        #expect(abs(found[0].score - 3.0 / 6.0) < 1e-12 && abs(found[1].score - 1.0 / 6.0) < 1e-12)
        #expect(tagger.tag("refunded cards").isEmpty, "whole words only")
        #expect(tagger.tag("").isEmpty)
    }
}

/// Training a version: what it refuses, what it measures, and that it can be cancelled.
@Suite("Text classifier training")
struct TextClassifierTrainingTests {
    typealias Example = TextClassifierTraining.Example

    @Test("fewer than two concepts with labelled text is refused, naming what is there")
    func refusals() {
        #expect(TextClassifierTraining.refusal([]) == "training needs labelled text inputs in at least two concepts; this app has none")
        let one = [Example(text: "refund please", concepts: ["billing"]), Example(text: "card charged", concepts: ["billing"]),
                   Example(text: "   ", concepts: ["shipping"]), Example(text: "no label", concepts: [])]
        #expect(TextClassifierTraining.refusal(one)
                == "training needs labelled text inputs in at least two concepts; only billing has any (2)")
        #expect(throws: CoreError.conflict("training needs labelled text inputs in at least two concepts; only billing has any (2)")) {
            try TextClassifierTraining.train(one)
        }
    }

    @Test("a version holds metrics from the held-out split and a model trained on everything")
    func trains() throws {
        let examples = (0..<20).map { Example(text: "refund invoice \($0)", concepts: ["billing"]) }
            + (0..<20).map { Example(text: "parcel courier \($0)", concepts: ["shipping"]) }
            + [Example(text: "refund for a late parcel", concepts: ["billing", "shipping"])]
        var steps: [Double] = []
        let result = try TextClassifierTraining.train(examples, progress: { steps.append($0) })
        #expect(result.metrics.evaluated == 8, "4 of 21 billing (the shared input splits as billing), 4 of 20 shipping")
        #expect(result.metrics.accuracy == 1)
        #expect(result.metrics.classes["billing"]?.f1 == 1 && result.metrics.classes["shipping"]?.f1 == 1)
        #expect(result.model.classes == ["billing", "shipping"])
        #expect(result.model.predict(Tokenizer.tokens("where is my courier")) == "shipping")
        #expect(steps.first == 0.1 && steps.last == 1 && steps == steps.sorted())
        let again = try TextClassifierTraining.train(examples)
        #expect(again.metrics == result.metrics && again.model == result.model, "repeatable")
    }

    @Test("cancelling stops training with CancellationError")
    func cancels() {
        let examples = [Example(text: "a b", concepts: ["x"]), Example(text: "c d", concepts: ["y"])]
        #expect(throws: CancellationError.self) { try TextClassifierTraining.train(examples, isCancelled: { true }) }
    }
}
