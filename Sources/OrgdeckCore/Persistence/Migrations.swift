import GRDB

/// The schema, as a list of named migrations. A shipped migration is never edited:
/// later issues append new ones. Times are REAL seconds since 1970 (UTC).
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1", migrate: v1)
        migrator.registerMigration("v2-covering-app-indexes", migrate: v2CoveringAppIndexes)
        migrator.registerMigration("v3-organization-administration", migrate: v3OrganizationAdministration)
        migrator.registerMigration("v4-trust", migrate: v4Trust)
        migrator.registerMigration("v5-inputs-and-concepts", migrate: v5InputsAndConcepts)
        migrator.registerMigration("v6-models", migrate: v6Models)
        migrator.registerMigration("v7-input-prefix-index", migrate: v7InputPrefixIndex)
        migrator.registerMigration("v8-password-policy", migrate: v8PasswordPolicy)
        migrator.registerMigration("v9-billing", migrate: v9Billing)
        migrator.registerMigration("v10-workflows", migrate: v10Workflows)
        migrator.registerMigration("v11-audit-filter-indexes", migrate: v11AuditFilterIndexes)
        migrator.registerMigration("v12-ssh", migrate: v12SSH)
        migrator.registerMigration("v13-demo-mark-in-header", migrate: v13DemoMarkInHeader)
        return migrator
    }

    private static func v1(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE users (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                username TEXT NOT NULL UNIQUE,
                display_name TEXT NOT NULL,
                email TEXT NOT NULL,
                email_lower TEXT NOT NULL UNIQUE,
                password_hash TEXT NOT NULL,
                failed_attempts INTEGER NOT NULL DEFAULT 0,
                locked_until REAL,
                created_at REAL NOT NULL,
                version INTEGER NOT NULL DEFAULT 1
            );

            CREATE TABLE organizations (
                id TEXT PRIMARY KEY COLLATE NOCASE,
                name TEXT NOT NULL UNIQUE COLLATE NOCASE,
                billing_email TEXT NOT NULL,
                created_at REAL NOT NULL,
                version INTEGER NOT NULL DEFAULT 1
            );

            CREATE TABLE memberships (
                organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE ON UPDATE CASCADE,
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                role TEXT NOT NULL CHECK (role IN ('admin', 'org-contributor', 'org-user', 'team-contributor')),
                joined_at REAL NOT NULL,
                last_active_at REAL,
                PRIMARY KEY (organization_id, user_id)
            );
            CREATE INDEX memberships_user ON memberships(user_id);

            -- `owner` is 'u:<user id>' or 'o:<organization id, lower-cased>': one column that the
            -- listing indexes lead with, whatever kind of owner. The two foreign keys keep it honest.
            CREATE TABLE apps (
                key INTEGER PRIMARY KEY AUTOINCREMENT,
                owner TEXT NOT NULL,
                owner_user_id INTEGER REFERENCES users(id) ON DELETE CASCADE,
                owner_organization_id TEXT REFERENCES organizations(id) ON DELETE CASCADE ON UPDATE CASCADE,
                app_id TEXT NOT NULL COLLATE NOCASE,
                name TEXT NOT NULL,
                description TEXT NOT NULL DEFAULT '',
                created_by INTEGER NOT NULL REFERENCES users(id),
                created_at REAL NOT NULL,
                updated_at REAL NOT NULL,
                version INTEGER NOT NULL DEFAULT 1,
                CHECK ((owner_user_id IS NULL) <> (owner_organization_id IS NULL)),
                UNIQUE (owner, app_id)
            );
            CREATE INDEX apps_owner_updated ON apps(owner, updated_at);
            CREATE INDEX apps_owner_name ON apps(owner, name COLLATE NOCASE);
            CREATE INDEX apps_owner_user ON apps(owner_user_id);
            CREATE INDEX apps_owner_organization ON apps(owner_organization_id);

            CREATE TABLE app_pins (
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                app_key INTEGER NOT NULL REFERENCES apps(key) ON DELETE CASCADE,
                pinned_at REAL NOT NULL,
                PRIMARY KEY (user_id, app_key)
            ) WITHOUT ROWID;
            CREATE INDEX app_pins_app ON app_pins(app_key);

            CREATE TABLE tokens (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                description TEXT NOT NULL DEFAULT '',
                scopes TEXT NOT NULL DEFAULT '',
                token_sha256 TEXT NOT NULL UNIQUE,
                last_four TEXT NOT NULL,
                created_at REAL NOT NULL,
                expires_at REAL NOT NULL,
                last_used_at REAL,
                revoked_at REAL
            );
            CREATE INDEX tokens_user ON tokens(user_id);

            -- No foreign keys: the record outlives the users, organizations and apps it names.
            CREATE TABLE audit_log (
                id INTEGER PRIMARY KEY,
                at REAL NOT NULL,
                actor TEXT,
                organization_id TEXT,
                action TEXT NOT NULL,
                target TEXT NOT NULL DEFAULT '',
                details TEXT NOT NULL DEFAULT '',
                source TEXT NOT NULL,
                outcome TEXT NOT NULL,
                prev_hash TEXT NOT NULL,
                hash TEXT NOT NULL
            );
            CREATE INDEX audit_log_organization ON audit_log(organization_id, id);
            CREATE INDEX audit_log_actor ON audit_log(actor, id);
            CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
            CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;

            CREATE TABLE settings (
                key TEXT PRIMARY KEY,
                value TEXT NOT NULL
            ) WITHOUT ROWID;
            """)
    }

    /// Filtering a big list evaluates the filter on every app of the owner; with the name and
    /// ID inside the listing indexes it reads only the index, never the rows. The app ID
    /// (unique per owner) breaks ties, so each order is exactly the index order.
    private static func v2CoveringAppIndexes(_ db: Database) throws {
        try db.execute(sql: """
            DROP INDEX apps_owner_updated;
            DROP INDEX apps_owner_name;
            CREATE INDEX apps_owner_updated ON apps(owner, updated_at, app_id, name);
            CREATE INDEX apps_owner_name ON apps(owner, name COLLATE NOCASE, app_id);
            """)
    }

    /// Organization administration (issue 3): invitations, teams with members, apps (and the
    /// team–app role) and a siloed-access policy, and compliance labels on apps. Everything
    /// belonging to an organization cascades when the organization is deleted; the audit log
    /// (no foreign keys) keeps the record.
    private static func v3OrganizationAdministration(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE teams (
                key INTEGER PRIMARY KEY AUTOINCREMENT,
                organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE ON UPDATE CASCADE,
                team_id TEXT NOT NULL COLLATE NOCASE,
                name TEXT NOT NULL,
                created_at REAL NOT NULL,
                version INTEGER NOT NULL DEFAULT 1,
                UNIQUE (organization_id, team_id)
            );

            CREATE TABLE team_members (
                team_key INTEGER NOT NULL REFERENCES teams(key) ON DELETE CASCADE,
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                added_at REAL NOT NULL,
                PRIMARY KEY (team_key, user_id)
            ) WITHOUT ROWID;
            CREATE INDEX team_members_user ON team_members(user_id, team_key);

            CREATE TABLE team_apps (
                team_key INTEGER NOT NULL REFERENCES teams(key) ON DELETE CASCADE,
                app_key INTEGER NOT NULL REFERENCES apps(key) ON DELETE CASCADE,
                role TEXT NOT NULL CHECK (role IN ('viewer', 'contributor')),
                added_at REAL NOT NULL,
                PRIMARY KEY (team_key, app_key)
            ) WITHOUT ROWID;
            CREATE INDEX team_apps_app ON team_apps(app_key);

            -- The team's policy: only apps carrying every one of these labels.
            CREATE TABLE team_required_labels (
                team_key INTEGER NOT NULL REFERENCES teams(key) ON DELETE CASCADE,
                label TEXT NOT NULL,
                PRIMARY KEY (team_key, label)
            ) WITHOUT ROWID;

            CREATE TABLE app_labels (
                app_key INTEGER NOT NULL REFERENCES apps(key) ON DELETE CASCADE,
                label TEXT NOT NULL,
                PRIMARY KEY (app_key, label)
            ) WITHOUT ROWID;
            CREATE INDEX app_labels_label ON app_labels(label);

            -- `expired` is never stored: a pending invitation past expires_at is expired.
            -- `teams` holds team IDs separated by commas (IDs cannot contain one).
            CREATE TABLE invitations (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE ON UPDATE CASCADE,
                email TEXT NOT NULL,
                email_lower TEXT NOT NULL,
                role TEXT NOT NULL CHECK (role IN ('admin', 'org-contributor', 'org-user', 'team-contributor')),
                teams TEXT NOT NULL DEFAULT '',
                invited_by TEXT NOT NULL,
                sent_at REAL NOT NULL,
                expires_at REAL NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('pending', 'accepted', 'declined', 'rescinded')),
                responded_at REAL
            );
            CREATE INDEX invitations_organization ON invitations(organization_id, sent_at);
            CREATE INDEX invitations_email ON invitations(email_lower, state);
            """)
    }

    /// Sign-in failures counted per attempted name (known or not) instead of per account row,
    /// so an unknown name reads exactly like a real one; the old per-user counters carry over.
    /// The audit log refuses every statement that would overwrite or renumber an entry
    /// (`INSERT OR REPLACE`, `REPLACE`, an upsert), and gains the seal columns that tie each
    /// entry to the HMAC key kept outside the file. The database gets a random identity, which
    /// the seals cover, so entries cannot be moved between databases.
    private static func v4Trust(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE sign_in_attempts (
                name TEXT PRIMARY KEY,
                attempts INTEGER NOT NULL,
                locked_until REAL,
                last_at REAL NOT NULL
            ) WITHOUT ROWID;
            CREATE INDEX sign_in_attempts_last ON sign_in_attempts(last_at);
            INSERT INTO sign_in_attempts (name, attempts, locked_until, last_at)
                SELECT 'user:' || id, failed_attempts, locked_until, COALESCE(locked_until, created_at)
                FROM users WHERE failed_attempts > 0 OR locked_until IS NOT NULL;
            ALTER TABLE users DROP COLUMN failed_attempts;
            ALTER TABLE users DROP COLUMN locked_until;

            -- REPLACE deletes the row it conflicts with without firing DELETE triggers; an entry
            -- must take exactly the next number, so nothing can land on an existing one.
            CREATE TRIGGER audit_log_append_in_order BEFORE INSERT ON audit_log
                WHEN NEW.id IS NULL OR NEW.id <> (SELECT COALESCE(MAX(id), 0) + 1 FROM audit_log)
                BEGIN SELECT RAISE(ABORT, 'audit log is append-only: entries are numbered in order'); END;
            ALTER TABLE audit_log ADD COLUMN key_id TEXT;
            ALTER TABLE audit_log ADD COLUMN seal TEXT;

            INSERT OR IGNORE INTO settings (key, value) VALUES ('database_id', lower(hex(randomblob(16))));
            """)
    }
}
