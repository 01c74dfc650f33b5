import GRDB

extension Migrations {
    /// An app's inputs (texts and images, unique by SHA-256 within the app), its concepts and
    /// which inputs carry which concepts; a full-text index over the texts (FTS5, Unicode-aware,
    /// accents folded) kept in step by triggers. Everything goes with its app.
    static func v5InputsAndConcepts(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE concepts (
                key INTEGER PRIMARY KEY,
                app_key INTEGER NOT NULL REFERENCES apps(key) ON DELETE CASCADE,
                concept_id TEXT NOT NULL,
                name TEXT NOT NULL,
                created_at REAL NOT NULL,
                UNIQUE (app_key, concept_id)
            );
            CREATE TABLE inputs (
                key INTEGER PRIMARY KEY,
                app_key INTEGER NOT NULL REFERENCES apps(key) ON DELETE CASCADE,
                input_id TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('text', 'image')),
                text TEXT,
                data BLOB,
                media_type TEXT NOT NULL,
                size INTEGER NOT NULL,
                width INTEGER,
                height INTEGER,
                sha256 TEXT NOT NULL,
                source TEXT NOT NULL,
                created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
                created_at REAL NOT NULL,
                UNIQUE (app_key, sha256),
                UNIQUE (app_key, input_id)
            );
            CREATE TABLE input_concepts (
                input_key INTEGER NOT NULL REFERENCES inputs(key) ON DELETE CASCADE,
                concept_key INTEGER NOT NULL REFERENCES concepts(key) ON DELETE CASCADE,
                PRIMARY KEY (input_key, concept_key)
            ) WITHOUT ROWID;
            CREATE INDEX input_concepts_by_concept ON input_concepts(concept_key, input_key);
            CREATE VIRTUAL TABLE inputs_fts USING fts5(
                text, content = 'inputs', content_rowid = 'key', tokenize = 'unicode61 remove_diacritics 2'
            );
            CREATE TRIGGER inputs_fts_insert AFTER INSERT ON inputs WHEN NEW.kind = 'text' BEGIN
                INSERT INTO inputs_fts (rowid, text) VALUES (NEW.key, NEW.text);
            END;
            CREATE TRIGGER inputs_fts_delete AFTER DELETE ON inputs WHEN OLD.kind = 'text' BEGIN
                INSERT INTO inputs_fts (inputs_fts, rowid, text) VALUES ('delete', OLD.key, OLD.text);
            END;
            CREATE TRIGGER inputs_content_fixed BEFORE UPDATE OF text, data, sha256, kind ON inputs BEGIN
                SELECT RAISE(ABORT, 'an input''s content never changes: delete it and upload again');
            END;
            """)
    }

    /// The full-text index again, with prefix indexes for one- and two-character prefixes: the
    /// first keys typed in a search ("r", "re") match hundreds of words, and without them SQLite
    /// merges every one of those words' lists on each key (about 100 ms on a million inputs;
    /// under 10 ms with them, for a quarter more index). The triggers keep their names.
    static func v7InputPrefixIndex(_ db: Database) throws {
        try db.execute(sql: """
            DROP TABLE inputs_fts;
            CREATE VIRTUAL TABLE inputs_fts USING fts5(
                text, content = 'inputs', content_rowid = 'key', tokenize = 'unicode61 remove_diacritics 2',
                prefix = '1 2'
            );
            INSERT INTO inputs_fts (inputs_fts) VALUES ('rebuild');
            """)
    }
}
