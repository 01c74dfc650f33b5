import Foundation

/// The text formats an upload understands, each reporting refusals by line.
enum InputFormats {
    struct Problem: Error, Equatable {
        var reason: String
    }

    /// A whole file as one text input: UTF-8, no NUL or control characters other than tab and
    /// line breaks, not only white space, at most `InputSource.maxTextBytes`.
    static func text(_ data: Data) -> Result<String, Problem> {
        // A byte-order mark is an editor's note on the encoding, not text.
        let mark = data.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let file = data
        let data = data.dropFirst(mark)
        if let nul = data.firstIndex(of: 0) {
            return .failure(Problem(reason: "binary data, not text (a NUL byte at offset \(nul - file.startIndex))"))
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            let offset = invalidOffset(data).map { "a bad byte at offset \($0 + mark)" } ?? "bad bytes"
            return .failure(Problem(reason: "not UTF-8 text (\(offset))"))
        }
        return check(text, bytes: data.count).map { .failure($0) } ?? .success(text)
    }

    /// Why `text` cannot be an input, or nil.
    static func check(_ text: String, bytes: Int) -> Problem? {
        if bytes > InputSource.maxTextBytes {
            return Problem(reason: "text longer than 1 MiB (\(bytes) bytes)")
        }
        if text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) { return Problem(reason: "the text is empty") }
        if let bad = text.unicodeScalars.first(where: { Validation.isControl($0) && !["\t", "\n", "\r", "\u{0C}"].contains($0) }) {
            return Problem(reason: "the text holds a control character (\(Validation.describe(bad)))")
        }
        return nil
    }

    /// The offset of the first byte that breaks UTF-8 (RFC 3629: no overlong forms, no
    /// surrogates, nothing past U+10FFFF), or nil when all of it is valid.
    static func invalidOffset(_ data: Data) -> Int? {
        let bytes = [UInt8](data)
        var i = 0
        while i < bytes.count {
            let lead = bytes[i]
            let length: Int, low: UInt8, high: UInt8   // the allowed range of the second byte
            switch lead {
            case 0x00...0x7F: i += 1; continue
            case 0xC2...0xDF: (length, low, high) = (2, 0x80, 0xBF)
            case 0xE0: (length, low, high) = (3, 0xA0, 0xBF)
            case 0xED: (length, low, high) = (3, 0x80, 0x9F)
            case 0xE1...0xEF: (length, low, high) = (3, 0x80, 0xBF)
            case 0xF0: (length, low, high) = (4, 0x90, 0xBF)
            case 0xF4: (length, low, high) = (4, 0x80, 0x8F)
            case 0xF1...0xF3: (length, low, high) = (4, 0x80, 0xBF)
            default: return i
            }
            guard i + length <= bytes.count, (low...high).contains(bytes[i + 1]),
                  bytes[(i + 2)..<(i + length)].allSatisfy({ (0x80...0xBF).contains($0) }) else { return i }
            i += length
        }
        return nil
    }

    /// Concept IDs from a field or a list, each checked as an ID.
    static func concepts(_ values: [String]) throws -> [String] {
        try values.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.map { value in
            do {
                return try Validation.identifier(value, field: "concepts")
            } catch let error as CoreError {
                throw CoreError.invalid("concepts", "concept \"\(Validation.visible(value))\": \(error.message)")
            }
        }
    }

    /// RFC 4180 CSV with a header row naming `text` and optionally `concepts`.
    static func csv(_ data: Data, path: String, concepts extra: [String], take: (InputCandidate) throws -> Void,
                    refuse: (InputRefusal) -> Void) throws {
        var reader = CSVReader(data)
        let header: CSVReader.Record
        do {
            guard let first = try reader.next() else { return refuse(InputRefusal(path: path, reason: "the file is empty")) }
            header = first
        } catch let problem as CSVReader.Problem {
            return refuse(InputRefusal(path: path, line: problem.line, reason: "the header cannot be read: \(problem.reason)"))
        }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let textColumn = names.firstIndex(of: "text") else {
            // The names it has, each cut and at most five: a header can be megabytes long.
            let shown = names.prefix(5).map(Validation.quoted).joined(separator: ", ") + (names.count > 5 ? ", …" : "")
            let found = names.isEmpty ? "" : " (it names \(shown))"
            return refuse(InputRefusal(path: path, line: 1, reason: "the header has no \"text\" column\(found)"))
        }
        let conceptColumn = names.firstIndex(of: "concepts")
        while true {
            let record: CSVReader.Record
            do {
                guard let next = try reader.next() else { return }
                record = next
            } catch let problem as CSVReader.Problem {
                refuse(InputRefusal(path: path, line: problem.line, reason: problem.reason))
                continue
            }
            if record.fields == [""] { continue }   // a blank line
            guard record.fields.count == header.fields.count else {
                refuse(InputRefusal(path: path, line: record.line,
                                    reason: "\(record.fields.count) fields where the header has \(header.fields.count)"))
                continue
            }
            let text = record.fields[textColumn]
            if let problem = check(text, bytes: text.utf8.count) {
                refuse(InputRefusal(path: path, line: record.line, reason: problem.reason))
                continue
            }
            do {
                let listed = conceptColumn.map { record.fields[$0].split(separator: ";").map(String.init) } ?? []
                let all = try concepts(listed + extra)
                try take(InputCandidate(content: .text(text), concepts: unique(all), path: path, line: record.line))
            } catch let error as CoreError {
                refuse(InputRefusal(path: path, line: record.line, reason: error.message))
            }
        }
    }

    /// JSON Lines: one object a line with a string `text` and optionally `concepts`, a list of IDs.
    static func jsonLines(_ data: Data, path: String, concepts extra: [String], take: (InputCandidate) throws -> Void,
                          refuse: (InputRefusal) -> Void) throws {
        var number = 0
        let data = data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data
        for rawLine in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            var line = rawLine
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            func no(_ reason: String) { refuse(InputRefusal(path: path, line: number, reason: reason)) }
            guard line.count <= InputSource.maxTextBytes + 1024 else { no("a line longer than 1 MiB (\(line.count) bytes)"); continue }
            guard let object = (try? JSONSerialization.jsonObject(with: Data(line))) as? [String: Any] else {
                no(String(validating: line, as: UTF8.self) == nil ? "not UTF-8 text" : "not a JSON object"); continue
            }
            guard let text = object["text"] as? String else { no("no \"text\" string"); continue }
            if let problem = check(text, bytes: text.utf8.count) { no(problem.reason); continue }
            let listed: [String]
            switch object["concepts"] {
            case nil, is NSNull: listed = []
            case let list as [String]: listed = list
            default: no("\"concepts\" must be a list of concept IDs"); continue
            }
            do {
                try take(InputCandidate(content: .text(text), concepts: unique(try concepts(listed + extra)), path: path, line: number))
            } catch let error as CoreError {
                no(error.message)
            }
        }
    }

    /// `values` without repeats, in first-seen order.
    static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}
