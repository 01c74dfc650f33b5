import Foundation

/// RFC 4180 records from CSV bytes: fields separated by commas, records by CRLF or LF, a field
/// in double quotes may hold commas, line breaks and doubled quotes. Each record reports the line
/// it starts on, so a refusal can name it.
struct CSVReader {
    /// One record: its fields and the 1-based line where it starts.
    struct Record: Equatable {
        var fields: [String]
        var line: Int
    }

    /// A record that cannot be read: where, and why.
    struct Problem: Error, Equatable {
        var line: Int
        var reason: String
    }

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1

    init(_ data: Data) {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }   // a UTF-8 byte-order mark
        self.bytes = bytes
    }

    /// The next record, nil at the end. A record that cannot be read throws its problem, and
    /// reading goes on at the next record: one bad row does not lose the rows after it.
    mutating func next() throws -> Record? {
        guard index < bytes.count else { return nil }
        let start = line
        let fields: [String?]
        do {
            fields = try self.fields()
        } catch let problem as Problem where problem.reason != Self.unclosed {
            skipLine()
            throw problem
        }
        if let bad = fields.firstIndex(of: nil) {
            throw Problem(line: start, reason: "field \(bad + 1) is not valid UTF-8")
        }
        return Record(fields: fields.map { $0 ?? "" }, line: start)
    }

    private static let unclosed = "a quoted field is never closed"

    /// The fields of one record, nil where the bytes are not UTF-8, up to and past its line break.
    private mutating func fields() throws -> [String?] {
        let start = line
        var fields: [String?] = []
        var field: [UInt8] = []
        var quoted = false, wasQuoted = false
        func finish() {
            fields.append(String(validating: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
        }
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if index < bytes.count && bytes[index] == UInt8(ascii: "\"") { field.append(byte); index += 1 } else { quoted = false }
                } else {
                    if byte == UInt8(ascii: "\n") { line += 1 }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                guard field.isEmpty && !wasQuoted else {
                    throw Problem(line: start, reason: "a quote inside field \(fields.count + 1) that does not start with one")
                }
                quoted = true; wasQuoted = true
            case UInt8(ascii: ","):
                finish()
            case UInt8(ascii: "\r") where index < bytes.count && bytes[index] == UInt8(ascii: "\n"):
                index += 1; line += 1
                finish()
                return fields
            case UInt8(ascii: "\n"):
                line += 1
                finish()
                return fields
            default:
                if wasQuoted {
                    throw Problem(line: start, reason: "text after the closing quote of field \(fields.count + 1)")
                }
                field.append(byte)
            }
        }
        if quoted { throw Problem(line: start, reason: Self.unclosed) }
        finish()
        return fields
    }

    /// Skips past the rest of a line whose record could not be read.
    private mutating func skipLine() {
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "\n") { line += 1; return }
        }
    }
}
