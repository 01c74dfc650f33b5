import Foundation

/// The keywords of a keyword tagger as a person writes them: one concept a line,
/// `concept: keyword, a phrase, another`, `#` starting a comment; or a JSON object
/// `{"concept": ["keyword", "a phrase"]}`. Concept IDs follow the ID rule; phrases the name rule.
public enum KeywordList {
    /// Most phrases one concept may have.
    public static let maxPhrasesPerConcept = 500

    /// Reads a keyword list, refusing the first bad line by number.
    public static func parse(_ text: String) throws -> [String: [String]] {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("{") {
            guard let object = try? JSONDecoder().decode([String: [String]].self, from: Data(trimmed.utf8)) else {
                throw CoreError.invalid("keywords", "the JSON must be an object of concept → list of keywords")
            }
            return try validated(object)
        }
        var result: [String: [String]] = [:]
        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(of: ":") else {
                throw CoreError.invalid("keywords", "line \(index + 1): write it as concept: keyword, another keyword")
            }
            let concept = line[..<colon].trimmingCharacters(in: .whitespaces)
            let phrases = line[line.index(after: colon)...].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            do {
                let valid = try validated([concept: phrases])
                for (key, list) in valid { result[key, default: []].append(contentsOf: list) }
            } catch let error as CoreError {
                throw CoreError.invalid("keywords", "line \(index + 1): \(error.message)")
            }
        }
        return try validated(result)
    }

    /// Checks concept IDs and phrases; drops empty phrases and repeats.
    public static func validated(_ keywords: [String: [String]]) throws -> [String: [String]] {
        var result: [String: [String]] = [:]
        for (concept, phrases) in keywords {
            let id = try InputFormats.concepts([concept]).first ?? ""
            guard !id.isEmpty else { throw CoreError.invalid("keywords", "a concept ID is missing") }
            var seen = Set<String>(), list: [String] = []
            for phrase in phrases {
                let value = phrase.trimmingCharacters(in: .whitespaces)
                if value.isEmpty { continue }
                let checked = try Validation.name(value, field: "keywords")
                guard !Tokenizer.tokens(checked).isEmpty else {
                    throw CoreError.invalid("keywords", "concept \(id): \"\(Validation.visible(checked))\" has no letters or digits")
                }
                if seen.insert(checked.lowercased()).inserted { list.append(checked) }
            }
            guard !list.isEmpty else { throw CoreError.invalid("keywords", "concept \(id) has no keywords") }
            guard list.count <= maxPhrasesPerConcept else {
                throw CoreError.invalid("keywords", "concept \(id) has \(list.count) keywords; at most \(maxPhrasesPerConcept)")
            }
            result[id, default: []].append(contentsOf: list)
        }
        return result
    }

    /// The list written back in the line format, concepts sorted.
    public static func format(_ keywords: [String: [String]]) -> String {
        keywords.keys.sorted().map { "\($0): " + (keywords[$0] ?? []).joined(separator: ", ") }.joined(separator: "\n")
    }
}
