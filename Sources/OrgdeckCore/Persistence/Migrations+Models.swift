import GRDB

extension Migrations {
    /// An app's models, their versions (training jobs and what they produced), the concepts
    /// each trained version predicts, and who starred which model. Everything goes with its app.
    static func v6Models(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE models (
                key INTEGER PRIMARY KEY,
                app_key INTEGER NOT NULL REFERENCES apps(key) ON DELETE CASCADE,
                model_id TEXT NOT NULL,
                name TEXT NOT NULL,
                type TEXT NOT NULL CHECK (type IN ('text-classifier', 'keyword-tagger')),
                visibility TEXT NOT NULL DEFAULT 'private' CHECK (visibility IN ('private', 'public')),
                keywords TEXT NOT NULL DEFAULT '{}',
                created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
                created_at REAL NOT NULL,
                updated_at REAL NOT NULL,
                UNIQUE (app_key, model_id)
            );
            CREATE INDEX models_public ON models(visibility) WHERE visibility = 'public';
            CREATE TABLE model_versions (
                key INTEGER PRIMARY KEY,
                model_key INTEGER NOT NULL REFERENCES models(key) ON DELETE CASCADE,
                version_id TEXT NOT NULL UNIQUE,
                number INTEGER NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('queued', 'training', 'trained', 'failed', 'cancelled')),
                progress REAL NOT NULL DEFAULT 0,
                reason TEXT,
                cancel_requested INTEGER NOT NULL DEFAULT 0,
                attempts INTEGER NOT NULL DEFAULT 0,
                worker TEXT,
                heartbeat_at REAL,
                parameters BLOB,
                metrics TEXT,
                input_count INTEGER NOT NULL DEFAULT 0,
                created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
                created_at REAL NOT NULL,
                started_at REAL,
                finished_at REAL,
                UNIQUE (model_key, number)
            );
            CREATE INDEX model_versions_waiting ON model_versions(status, key) WHERE status IN ('queued', 'training');
            CREATE TABLE version_concepts (
                version_key INTEGER NOT NULL REFERENCES model_versions(key) ON DELETE CASCADE,
                concept_id TEXT NOT NULL,
                PRIMARY KEY (version_key, concept_id)
            ) WITHOUT ROWID;
            CREATE INDEX version_concepts_by_concept ON version_concepts(concept_id);
            CREATE TABLE model_stars (
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                model_key INTEGER NOT NULL REFERENCES models(key) ON DELETE CASCADE,
                created_at REAL NOT NULL,
                PRIMARY KEY (user_id, model_key)
            ) WITHOUT ROWID;
            CREATE INDEX model_stars_by_model ON model_stars(model_key);
            """)
    }
}
