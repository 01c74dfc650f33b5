import Foundation

/// Splits text into the word tokens the text models learn from: lower-cased runs of letters and
/// digits in any script, with the combining marks that belong to them (Devanagari vowel signs,
/// Arabic harakat), so "Café", "café" and "CAFÉ" are one token and "naïve-bayes" is two. Han,
/// Hiragana and other unspaced scripts come out as whole runs, as scikit-learn's `\w+` gives them.
public enum Tokenizer {
    /// The tokens of `text`, in order, repeats kept (the models count them).
    public static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = String.UnicodeScalarView()
        func flush() {
            guard !current.isEmpty else { return }
            tokens.append(String(current).lowercased())
            current.removeAll(keepingCapacity: true)
        }
        for scalar in text.unicodeScalars {
            if isWordScalar(scalar) || (!current.isEmpty && isMark(scalar)) {
                current.append(scalar)
            } else {
                flush()
            }
        }
        flush()
        return tokens
    }

    /// Letters and digits of every script (including letter-like numbers such as Roman numerals).
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        if properties.isAlphabetic { return true }
        switch properties.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber: return true
        default: return false
        }
    }

    /// Combining marks, kept only inside a word they follow.
    static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }
}
