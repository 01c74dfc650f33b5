import Foundation
import GRDB

/// Turns SQLite failures into `CoreError`s with a message a user can act on.
/// A full disk or a damaged file must never crash the console.
enum StoreErrors {
    static func mapping<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as CoreError {
            throw error
        } catch let error as DatabaseError {
            throw map(error)
        } catch is RowDecodingError {
            // Reached only by a read that bypassed `RowReader`; its description holds the whole
            // row, which may include a password hash, so none of it is repeated.
            throw CoreError(.failure, "the database is damaged: a stored value could not be read")
        }
    }

    /// A stored value of the wrong type: names where, never what.
    static func damaged(table: String, row: String, column: String) -> CoreError {
        CoreError(.failure, "the database is damaged: \(table) row \(row), column \(column)")
    }

    static func map(_ error: DatabaseError) -> CoreError {
        switch error.resultCode {
        case .SQLITE_FULL:
            return CoreError(.failure, "the disk is full: the change was not saved")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return CoreError(.failure, "the database is busy in another session; try again in a moment")
        case .SQLITE_READONLY:
            return CoreError(.failure, "the database file cannot be written (check its permissions)")
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return CoreError(.failure, "the database file is damaged or is not an orgdeck database")
        case .SQLITE_CANTOPEN:
            return CoreError(.failure, "cannot open the database file (check the path and its permissions)")
        case .SQLITE_IOERR:
            return CoreError(.failure, "the disk could not be read or written: \(error.message ?? "I/O error")")
        case .SQLITE_CONSTRAINT:
            // The service checks uniqueness first, inside the same transaction; reaching this
            // means a rule the service does not know about, so say what SQLite said.
            return CoreError(.conflict, "refused by the database: \(error.message ?? "constraint failed")")
        default:
            return CoreError(.failure, "database error: \(error.message ?? "\(error.resultCode)")")
        }
    }
}
