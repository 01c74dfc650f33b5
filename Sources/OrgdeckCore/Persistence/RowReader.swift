import Foundation
import GRDB

/// Reads the columns of one stored row, turning a value of the wrong type (text where a time
/// belongs, NULL where a name belongs) into `StoreErrors.damaged`: "the database is damaged:
/// users row 3, column created_at". The message names the table, the row and the column, never
/// a value, so a damaged row cannot leak a secret column (a password hash) into an error or a
/// crash report. GRDB's non-throwing subscript would stop the process and print the whole row.
struct RowReader {
    let row: Row
    let table: String
    /// The column that identifies the row in messages (`id`, `key`).
    let keyColumn: String
    /// How messages name the row when no single column does (a membership: `acme/3`).
    let label: String?

    init(_ row: Row, table: String, key: String = "id") {
        self.row = row; self.table = table; self.keyColumn = key; self.label = nil
    }

    init(_ row: Row, table: String, label: String) {
        self.row = row; self.table = table; self.keyColumn = ""; self.label = label
    }

    /// The value of `column`, or the damage error when it cannot be read as `T`.
    func callAsFunction<T: DatabaseValueConvertible>(_ column: String, as type: T.Type = T.self) throws -> T {
        do {
            return try row.decode(T.self, forColumn: column)
        } catch {
            throw StoreErrors.damaged(table: table, row: rowLabel, column: column)
        }
    }

    /// A stored time (REAL seconds since 1970, UTC).
    func date(_ column: String) throws -> Date {
        let seconds: Double = try self(column)
        guard seconds.isFinite else { throw StoreErrors.damaged(table: table, row: rowLabel, column: column) }
        return Date(stored: seconds)
    }

    /// A stored time that may be NULL.
    func optionalDate(_ column: String) throws -> Date? {
        let seconds: Double? = try self(column)
        guard let seconds else { return nil }
        guard seconds.isFinite else { throw StoreErrors.damaged(table: table, row: rowLabel, column: column) }
        return Date(stored: seconds)
    }

    /// A value from a closed set (a role, a state): an unknown spelling is damage, not a default.
    func choice<T: RawRepresentable>(_ column: String, as type: T.Type = T.self) throws -> T where T.RawValue == String {
        let raw: String = try self(column)
        guard let value = T(rawValue: raw) else { throw StoreErrors.damaged(table: table, row: rowLabel, column: column) }
        return value
    }

    /// The row's key as it should appear in a message: the number, or `?` when even that is unreadable.
    var rowLabel: String {
        if let label { return label }
        switch row[keyColumn] as DatabaseValue? {
        case .some(let value):
            switch value.storage {
            case .int64(let number): return String(number)
            case .string(let text) where text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) && text.count <= 64:
                return text
            default: return "?"
            }
        case .none: return "?"
        }
    }
}
