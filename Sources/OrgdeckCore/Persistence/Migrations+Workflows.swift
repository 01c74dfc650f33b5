import GRDB

extension Migrations {
    /// Workflows, collaborators and the concept thresholder (PRODUCT.md §6).
    ///
    /// `models` is rebuilt (SQLite cannot change a CHECK in place) to accept the
    /// `concept-thresholder` type and to hold its `thresholds`; the migrator runs this with
    /// foreign keys off and checks them after, so the versions and stars that point at models
    /// keep pointing at the same keys. A workflow keeps its graph as JSON (`{"nodes": […],
    /// "edges": […]}`, the shape `workflows show` prints) and a version that makes an edit of
    /// stale data fail. A collaborator holds scopes on one app.
    static func v10Workflows(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE models_v10 (
                key INTEGER PRIMARY KEY,
                app_key INTEGER NOT NULL REFERENCES apps(key) ON DELETE CASCADE,
                model_id TEXT NOT NULL,
                name TEXT NOT NULL,
                type TEXT NOT NULL CHECK (type IN ('text-classifier', 'keyword-tagger', 'concept-thresholder')),
                visibility TEXT NOT NULL DEFAULT 'private' CHECK (visibility IN ('private', 'public')),
                keywords TEXT NOT NULL DEFAULT '{}',
                thresholds TEXT NOT NULL DEFAULT '',
                created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
                created_at REAL NOT NULL,
                updated_at REAL NOT NULL,
                UNIQUE (app_key, model_id)
            );
            INSERT INTO models_v10 (key, app_key, model_id, name, type, visibility, keywords, created_by, created_at, updated_at)
                SELECT key, app_key, model_id, name, type, visibility, keywords, created_by, created_at, updated_at FROM models;
            DROP TABLE models;
            ALTER TABLE models_v10 RENAME TO models;
            CREATE INDEX models_public ON models(visibility) WHERE visibility = 'public';

            CREATE TABLE workflows (
                key INTEGER PRIMARY KEY,
                app_key INTEGER NOT NULL REFERENCES apps(key) ON DELETE CASCADE,
                workflow_id TEXT NOT NULL,
                name TEXT NOT NULL,
                visibility TEXT NOT NULL DEFAULT 'private' CHECK (visibility IN ('private', 'public')),
                graph TEXT NOT NULL,
                version INTEGER NOT NULL DEFAULT 1,
                created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
                created_at REAL NOT NULL,
                updated_at REAL NOT NULL,
                UNIQUE (app_key, workflow_id)
            );
            CREATE TABLE workflow_stars (
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                workflow_key INTEGER NOT NULL REFERENCES workflows(key) ON DELETE CASCADE,
                created_at REAL NOT NULL,
                PRIMARY KEY (user_id, workflow_key)
            ) WITHOUT ROWID;
            CREATE INDEX workflow_stars_by_workflow ON workflow_stars(workflow_key);

            CREATE TABLE app_collaborators (
                app_key INTEGER NOT NULL REFERENCES apps(key) ON DELETE CASCADE,
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                scopes TEXT NOT NULL,
                added_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
                added_at REAL NOT NULL,
                updated_at REAL NOT NULL,
                PRIMARY KEY (app_key, user_id)
            ) WITHOUT ROWID;
            CREATE INDEX app_collaborators_user ON app_collaborators(user_id);
            """)
    }
}

extension Migrations {
    /// The Activity filters answered from indexes on a log of millions: a member, an outcome, an
    /// action or its category (a range on the name), and dates, each within an organization.
    static func v11AuditFilterIndexes(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX audit_log_organization_actor ON audit_log(organization_id, actor, id);
            CREATE INDEX audit_log_organization_outcome ON audit_log(organization_id, outcome, id);
            CREATE INDEX audit_log_organization_action ON audit_log(organization_id, action, id);
            CREATE INDEX audit_log_organization_at ON audit_log(organization_id, at);
            CREATE INDEX audit_log_actor_at ON audit_log(actor, at);
            """)
    }
}
