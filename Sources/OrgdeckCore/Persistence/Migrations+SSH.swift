import GRDB

extension Migrations {
    /// SSH keys on accounts, and the single-use tickets `orgdeck serve` hands a session's process
    /// to sign it in (PRODUCT.md §12). A key belongs to one account: its fingerprint is unique.
    /// Only a ticket's SHA-256 is kept; it expires within seconds and is deleted when used.
    static func v12SSH(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE ssh_keys (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                key_type TEXT NOT NULL,
                public_key TEXT NOT NULL,
                fingerprint TEXT NOT NULL UNIQUE,
                comment TEXT NOT NULL DEFAULT '',
                added_at REAL NOT NULL,
                last_used_at REAL
            );
            CREATE INDEX ssh_keys_user ON ssh_keys(user_id);
            CREATE TABLE ssh_tickets (
                ticket_sha256 TEXT PRIMARY KEY,
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                purpose TEXT NOT NULL CHECK (purpose IN ('console', 'command')),
                fingerprint TEXT NOT NULL,
                source_address TEXT NOT NULL,
                expires_at REAL NOT NULL
            ) WITHOUT ROWID;
            """)
    }
}
