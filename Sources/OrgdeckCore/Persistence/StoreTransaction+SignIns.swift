import Foundation
import GRDB

/// Failed sign-ins counted per attempted name: `user:<id>` for a known account, `name:<login>`
/// for one that does not exist, so both lock alike.
struct SignInCounter: Equatable, Sendable {
    var attempts: Int
    var lockedUntil: Date?
    /// The latest failure counted.
    var lastAt: Date?
}

extension StoreTransaction {
    func signInCounter(name: String) throws -> SignInCounter? {
        guard let row = try Row.fetchOne(db, sql: "SELECT name, attempts, locked_until, last_at FROM sign_in_attempts WHERE name = ?",
                                         arguments: [name]) else { return nil }
        let read = RowReader(row, table: "sign_in_attempts", key: "attempts")
        return SignInCounter(attempts: try read("attempts"), lockedUntil: try read.optionalDate("locked_until"),
                             lastAt: try read.optionalDate("last_at"))
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

    /// The strictest lockout any organization sets (the default when none does): what a name
    /// that matches no account is held to, so locking reveals no more than a real account would.
    func strictestLockout() throws -> (after: Int, minutes: Int) {
        let row = try Row.fetchOne(db, sql: "SELECT MIN(lockout_after) AS after, MAX(lockout_minutes) AS minutes FROM password_policies")
        let defaults = PasswordPolicy()
        let after: Int? = row?["after"], minutes: Int? = row?["minutes"]
        return (min(after ?? defaults.lockoutAfter, defaults.lockoutAfter), max(minutes ?? defaults.lockoutMinutes, defaults.lockoutMinutes))
    }

    /// Forgets counters with no attempt since `before` and no lock still running.
    func pruneSignInCounters(before: Date, now: Date) throws {
        try db.execute(sql: """
            DELETE FROM sign_in_attempts WHERE last_at < ? AND (locked_until IS NULL OR locked_until <= ?)
            """, arguments: [before.storedValue, now.storedValue])
    }
}
