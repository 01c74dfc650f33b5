import Foundation

/// Finds the line of a key in TOML text. TOMLKit reports positions only for syntax errors, so
/// for a bad value we scan the text: table headers set the current path, `key = …` lines add
/// their (possibly dotted, possibly quoted) key. The exact key wins; otherwise the longest
/// enclosing path found (an inline table or the table header).
struct TOMLLocator {
    private let lines: [Substring]

    init(_ text: String) { lines = text.split(separator: "\n", omittingEmptySubsequences: false) }

    /// 1-based line of `path` (e.g. ["ui", "table.cursor", "fg"]), nil when nowhere near.
    func line(of path: [String]) -> Int? {
        var header: [String] = []
        var best: (depth: Int, line: Int)?
        for (i, raw) in lines.enumerated() {
            let text = raw.trimmingCharacters(in: .whitespaces)
            if text.isEmpty || text.hasPrefix("#") { continue }
            var full: [String]
            if text.hasPrefix("[") {
                let inner = text.drop(while: { $0 == "[" }).prefix(while: { $0 != "]" })
                header = Self.splitKey(inner)
                full = header
            } else if let eq = Self.keyEnd(text) {
                full = header + Self.splitKey(text[..<eq])
            } else { continue }
            if full == path { return i + 1 }
            let common = zip(full, path).prefix(while: { $0.0 == $0.1 }).count
            if common == full.count, common > (best?.depth ?? 0) { best = (common, i + 1) }
        }
        return best?.line
    }

    /// Formats a key path the way TOML writes it: `ui."table.cursor".fg`.
    static func format(_ path: [String]) -> String {
        path.map { part in
            part.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" } && !part.isEmpty ? part : "\"\(part)\""
        }.joined(separator: ".")
    }

    /// Index of the `=` that ends the key, skipping quoted parts.
    private static func keyEnd(_ s: String) -> String.Index? {
        var quote: Character?
        for i in s.indices {
            let c = s[i]
            if let q = quote { if c == q { quote = nil } ; continue }
            if c == "\"" || c == "'" { quote = c } else if c == "=" { return i }
        }
        return nil
    }

    /// Splits `a."b.c" . d` into ["a", "b.c", "d"].
    private static func splitKey<S: StringProtocol>(_ s: S) -> [String] {
        var parts: [String] = [], current = "", quote: Character?
        for c in s {
            if let q = quote {
                if c == q { quote = nil } else { current.append(c) }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "." {
                parts.append(current.trimmingCharacters(in: .whitespaces)); current = ""
            } else {
                current.append(c)
            }
        }
        parts.append(current.trimmingCharacters(in: .whitespaces))
        return parts
    }
}
