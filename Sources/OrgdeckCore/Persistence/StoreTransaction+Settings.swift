import Foundation
import GRDB

/// Facts about the database itself, kept in the `settings` table.
extension StoreTransaction {
    func setting(_ key: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = ?", arguments: [key])
    }

    func setSetting(_ key: String, _ value: String) throws {
        try db.execute(sql: "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                       arguments: [key, value])
    }

    /// The database's random identity (created by the v4 migration), covered by the audit seals.
    func databaseID() throws -> String {
        if let id = try setting(Setting.databaseID) { return id }
        throw CoreError(.failure, "the database is damaged: settings has no database_id")
    }

    /// Whether `orgdeck demo` created this database (only then may it open signed in without a password).
    func isDemoDatabase() throws -> Bool { try setting(Setting.demo) == "true" }

    /// Marks the database as a demo: in its settings, and in the file's header, where
    /// `DatabaseProbe` reads it without parsing the schema (the demo asks before every start).
    func markAsDemo() throws {
        try setSetting(Setting.demo, "true")
        try db.execute(sql: "PRAGMA application_id = \(Setting.demoApplicationID)")
    }
}

/// The keys of the `settings` table.
enum Setting {
    static let databaseID = "database_id"
    static let demo = "demo"
    /// The SQLite header's application ID of a demo database: "odem".
    static let demoApplicationID: Int32 = 0x6F64_656D
}
