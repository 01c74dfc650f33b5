import Foundation
import GRDB

/// Failed sign-ins counted per attempted name: `user:<id>` for a known account, `name:<login>`
/// for one that does not exist, so both lock alike.
struct SignInCounter: Equatable, Sendable {
    var attempts: Int
    var lockedUntil: Date?
}

extension StoreTransaction {
    func signInCounter(name: String) throws -> SignInCounter? {
        guard let row = try Row.fetchOne(db, sql: "SELECT name, attempts, locked_until FROM sign_in_attempts WHERE name = ?",
                                         arguments: [name]) else { return nil }
        let read = RowReader(row, table: "sign_in_attempts", key: "attempts")
        return SignInCounter(attempts: try read("attempts"), lockedUntil: try read.optionalDate("locked_until"))
    }

    func setSignInCounter(name: String, _ counter: SignInCounter, at: Date) throws {
        try db.execute(sql: """
            INSERT INTO sign_in_attempts (name, attempts, locked_until, last_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (name) DO UPDATE SET attempts = excluded.attempts, locked_until = excluded.locked_until,
                                             last_at = excluded.last_at
            """, arguments: [name, counter.attempts, counter.lockedUntil?.storedValue, at.storedValue])
    }

    func clearSignInCounter(name: String) throws {
        try db.execute(sql: "DELETE FROM sign_in_attempts WHERE name = ?", arguments: [name])
    }

    /// Forgets counters with no attempt since `before` and no lock still running.
    func pruneSignInCounters(before: Date, now: Date) throws {
        try db.execute(sql: """
            DELETE FROM sign_in_attempts WHERE last_at < ? AND (locked_until IS NULL OR locked_until <= ?)
            """, arguments: [before.storedValue, now.storedValue])
    }
}
