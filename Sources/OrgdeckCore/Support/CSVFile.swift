import Foundation

/// Writes CSV files (RFC 4180, UTF-8, CRLF) whole: rows go to a temporary file beside the
/// target, which is renamed into place at the end, so a reader never sees half an export and a
/// failed one leaves nothing behind.
public enum CSVFile {
    /// Writes `header`, then every row `rows` hands to its callback; returns how many rows.
    /// The path `-` is standard output.
    static func write(to path: String, header: [String], _ rows: ((_ row: [String]) throws -> Void) throws -> Void) throws -> Int {
        if path == "-" {
            var count = 0
            var buffer = line(header)
            try rows { row in
                buffer += line(row)
                count += 1
                if buffer.utf8.count > 64 * 1024 { FileHandle.standardOutput.write(Data(buffer.utf8)); buffer = "" }
            }
            FileHandle.standardOutput.write(Data(buffer.utf8))
            return count
        }
        let temporary = path + ".part-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: nil), let file = FileHandle(forWritingAtPath: temporary) else {
            throw CoreError.invalid("path", "cannot write \(Validation.visible(path))")
        }
        var count = 0
        do {
            defer { try? file.close() }
            var buffer = line(header)
            try rows { row in
                buffer += line(row)
                count += 1
                if buffer.utf8.count > 64 * 1024 { try file.write(contentsOf: Data(buffer.utf8)); buffer = "" }
            }
            try file.write(contentsOf: Data(buffer.utf8))
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            if let error = error as? CoreError { throw error }
            throw CoreError.invalid("path", "cannot write \(Validation.visible(path)): \(FileReason.writing(path, error))")
        }
        guard rename(temporary, path) == 0 else {
            try? FileManager.default.removeItem(atPath: temporary)
            throw CoreError.invalid("path", "cannot write \(Validation.visible(path))")
        }
        return count
    }

    /// One record with its line ending.
    static func line(_ cells: [String]) -> String { cells.map(cell).joined(separator: ",") + "\r\n" }

    /// One field: quoted when it holds a separator, a quote or a line break, and defused when a
    /// spreadsheet would read it as a formula (a leading `=`, `+`, `-`, `@`, tab or CR).
    public static func cell(_ value: String) -> String {
        var value = value
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
