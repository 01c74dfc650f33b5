import GRDB

extension Migrations {
    /// A demo database made before the mark was also kept in the file's header gets it there.
    static func v13DemoMarkInHeader(_ db: Database) throws {
        guard try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = ?", arguments: [Setting.demo]) == "true" else { return }
        try db.execute(sql: "PRAGMA application_id = \(Setting.demoApplicationID)")
    }
}
