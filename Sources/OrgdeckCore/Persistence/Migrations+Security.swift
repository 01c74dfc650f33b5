import GRDB

extension Migrations {
    /// Password policies per organization (one row when an Admin has set one; none means the
    /// platform default), the hashes of earlier passwords for the history rule, when each
    /// account's password was set and whether it must be changed before anything else. Tokens
    /// made before scopes were enforced without any keep every scope (`*`); those whose maker
    /// recorded scopes keep exactly those (unknown names grant nothing). Sign-in history is read from the
    /// audit log by target. SAML identity providers per organization keep their signing
    /// certificates as PEM, judged again each time they are read (a certificate expires).
    static func v8PasswordPolicy(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE password_policies (
                organization_id TEXT PRIMARY KEY COLLATE NOCASE REFERENCES organizations(id) ON DELETE CASCADE,
                min_length INTEGER NOT NULL CHECK (min_length BETWEEN 8 AND 128),
                require_upper INTEGER NOT NULL CHECK (require_upper IN (0, 1)),
                require_lower INTEGER NOT NULL CHECK (require_lower IN (0, 1)),
                require_digit INTEGER NOT NULL CHECK (require_digit IN (0, 1)),
                require_symbol INTEGER NOT NULL CHECK (require_symbol IN (0, 1)),
                reject_common INTEGER NOT NULL CHECK (reject_common IN (0, 1)),
                history INTEGER NOT NULL CHECK (history BETWEEN 0 AND 24),
                max_age_days INTEGER NOT NULL CHECK (max_age_days BETWEEN 0 AND 3650),
                lockout_after INTEGER NOT NULL CHECK (lockout_after BETWEEN 1 AND 100),
                lockout_minutes INTEGER NOT NULL CHECK (lockout_minutes BETWEEN 1 AND 1440),
                max_token_days INTEGER NOT NULL CHECK (max_token_days BETWEEN 1 AND 365),
                updated_at REAL NOT NULL
            );
            CREATE TABLE password_history (
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                password_hash TEXT NOT NULL,
                replaced_at REAL NOT NULL
            );
            CREATE INDEX password_history_by_user ON password_history(user_id, replaced_at);
            ALTER TABLE users ADD COLUMN password_changed_at REAL;
            ALTER TABLE users ADD COLUMN password_change_reason TEXT;
            UPDATE users SET password_changed_at = created_at;
            CREATE INDEX audit_log_target ON audit_log(target, id);
            UPDATE tokens SET scopes = '*' WHERE trim(scopes) = '';
            CREATE TABLE identity_providers (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                organization_id TEXT NOT NULL COLLATE NOCASE REFERENCES organizations(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                entity_id TEXT NOT NULL,
                sso_url TEXT NOT NULL CHECK (sso_url LIKE 'https://%'),
                sso_binding TEXT NOT NULL CHECK (sso_binding IN ('HTTP-Redirect', 'HTTP-POST')),
                certificates TEXT NOT NULL,
                created_at REAL NOT NULL,
                updated_at REAL NOT NULL,
                UNIQUE (organization_id, entity_id),
                UNIQUE (organization_id, name)
            );
            """)
    }
}
