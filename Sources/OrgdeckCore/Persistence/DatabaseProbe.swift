import Foundation
import GRDB
import GRDBSQLite

/// What a database file holds, as far as `orgdeck demo` is concerned.
public enum DatabaseKind: Equatable, Sendable {
    /// No file.
    case missing
    /// A file with nothing in it yet.
    case empty
    /// A database that `orgdeck demo` created (marked so in its settings).
    case demo
    /// Anything else: a real database, or one this version cannot tell apart from one.
    case other
}

/// Tells what a file is without creating, migrating or changing anything.
///
/// It talks to SQLite directly rather than through a GRDB queue: the demo asks this before
/// every start, and a queue's set-up (its dispatch queue, configuration and schema checks) was
/// a tenth of the console's first frame. One read-only connection, closed. A demo is known by
/// the header's application ID, which SQLite reads without parsing the schema (a millisecond
/// on every start); anything else is told apart by its tables.
enum DatabaseProbe {
    static func kind(of path: String) throws -> DatabaseKind {
        let fm = FileManager.default
        guard fm.fileExists(atPath: path) else { return .missing }
        if SQLiteStore.fileSize(path) == 0, !fm.fileExists(atPath: path + "-wal") { return .empty }
        return try StoreErrors.mapping {
            var connection: OpaquePointer?
            defer { sqlite3_close_v2(connection) }
            let opened = sqlite3_open_v2(path, &connection, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil)
            guard opened == SQLITE_OK, let connection else { throw failure(opened, connection) }
            sqlite3_busy_timeout(connection, Int32(SQLiteStore.defaultBusyTimeout * 1000))
            if try strings(connection, "PRAGMA application_id") == ["\(Setting.demoApplicationID)"] { return .demo }
            let tables = try strings(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('settings', 'users')")
            guard tables.contains("settings") else {
                if tables.contains("users") { return .other }
                return try strings(connection, "PRAGMA schema_version") == ["0"] ? .empty : .other
            }
            let mark = try strings(connection, "SELECT value FROM settings WHERE key = '\(Setting.demo)'")
            return mark == ["true"] ? .demo : .other
        }
    }

    /// The first column of every row `sql` returns, as text.
    private static func strings(_ connection: OpaquePointer, _ sql: String) throws -> [String] {
        var statement: OpaquePointer?
        defer { sqlite3_finalize(statement) }
        let prepared = sqlite3_prepare_v2(connection, sql, -1, &statement, nil)
        guard prepared == SQLITE_OK, let statement else { throw failure(prepared, connection) }
        var values: [String] = []
        while true {
            let step = sqlite3_step(statement)
            if step == SQLITE_DONE { return values }
            guard step == SQLITE_ROW else { throw failure(step, connection) }
            values.append(sqlite3_column_text(statement, 0).map { String(cString: $0) } ?? "")
        }
    }

    /// SQLite's own code and message, as GRDB would report them, for `StoreErrors` to explain.
    private static func failure(_ code: Int32, _ connection: OpaquePointer?) -> DatabaseError {
        let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message)
    }
}
