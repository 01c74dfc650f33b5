import GRDB

extension Migrations {
    /// Metering and billing (PRODUCT.md §7). `usage_events` holds every billable operation as it
    /// happened, priced when it was written; `usage_rollups` holds the same sums kept up to date
    /// in the same transaction, by dimension: `month` and `day` (the owner's spend per period and
    /// operation), `member` and `app` (per month), `member-day` (a member's own spend per day and
    /// operation). `owner` is a billing account (`BillingAccount.key`: `u:3`, or `o:acme@…` with
    /// the organization's creation time, so a later organization given a deleted one's ID starts
    /// with a clean bill). The rate card ships its defaults under the owner `*`; an
    /// organization's own prices override them from their date on. Invoices and their lines are
    /// written once, when a month closes, and never changed.
    static func v9Billing(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE usage_events (
                id INTEGER PRIMARY KEY,
                at REAL NOT NULL,
                owner TEXT NOT NULL,
                user_id INTEGER NOT NULL,
                app_id TEXT NOT NULL,
                operation TEXT NOT NULL CHECK (operation IN ('predict', 'train_input', 'search', 'upload', 'storage_input_day')),
                quantity INTEGER NOT NULL CHECK (quantity > 0),
                unit_price_micros INTEGER NOT NULL CHECK (unit_price_micros >= 0),
                amount_micros INTEGER NOT NULL CHECK (amount_micros >= 0)
            );
            CREATE TRIGGER usage_events_no_update BEFORE UPDATE ON usage_events
                BEGIN SELECT RAISE(ABORT, 'usage events are append-only'); END;
            CREATE TRIGGER usage_events_no_delete BEFORE DELETE ON usage_events
                BEGIN SELECT RAISE(ABORT, 'usage events are append-only'); END;

            CREATE TABLE usage_rollups (
                owner TEXT NOT NULL,
                dimension TEXT NOT NULL CHECK (dimension IN ('month', 'day', 'member', 'app', 'member-day')),
                period TEXT NOT NULL,
                user_id INTEGER NOT NULL,
                app_id TEXT NOT NULL,
                operation TEXT NOT NULL,
                quantity INTEGER NOT NULL,
                amount_micros INTEGER NOT NULL,
                PRIMARY KEY (owner, dimension, period, user_id, app_id, operation)
            ) WITHOUT ROWID;
            CREATE INDEX usage_rollups_member ON usage_rollups(owner, user_id, dimension, period);

            CREATE TABLE billing_rates (
                owner TEXT NOT NULL,
                operation TEXT NOT NULL,
                effective_from REAL NOT NULL,
                unit_price_micros INTEGER NOT NULL CHECK (unit_price_micros >= 0),
                set_by INTEGER,
                PRIMARY KEY (owner, operation, effective_from)
            );
            INSERT INTO billing_rates (owner, operation, effective_from, unit_price_micros) VALUES
                ('*', 'predict', 0, 1200), ('*', 'train_input', 0, 200), ('*', 'search', 0, 400),
                ('*', 'upload', 0, 100), ('*', 'storage_input_day', 0, 3);

            CREATE TABLE billing_budgets (
                owner TEXT PRIMARY KEY,
                amount_micros INTEGER NOT NULL CHECK (amount_micros > 0),
                thresholds TEXT NOT NULL,
                updated_at REAL NOT NULL
            );
            CREATE TABLE budget_alerts (
                owner TEXT NOT NULL,
                month TEXT NOT NULL,
                threshold INTEGER NOT NULL,
                fired_at REAL NOT NULL,
                spent_micros INTEGER NOT NULL,
                PRIMARY KEY (owner, month, threshold)
            );

            CREATE TABLE invoices (
                owner TEXT NOT NULL,
                month TEXT NOT NULL,
                total_micros INTEGER NOT NULL,
                currency TEXT NOT NULL,
                closed_at REAL NOT NULL,
                PRIMARY KEY (owner, month)
            );
            CREATE TABLE invoice_lines (
                owner TEXT NOT NULL,
                month TEXT NOT NULL,
                operation TEXT NOT NULL,
                quantity INTEGER NOT NULL,
                amount_micros INTEGER NOT NULL,
                PRIMARY KEY (owner, month, operation)
            );
            CREATE TRIGGER invoices_no_update BEFORE UPDATE ON invoices
                BEGIN SELECT RAISE(ABORT, 'invoices are never changed'); END;
            CREATE TRIGGER invoices_no_delete BEFORE DELETE ON invoices
                BEGIN SELECT RAISE(ABORT, 'invoices are never changed'); END;
            CREATE TRIGGER invoices_no_replace BEFORE INSERT ON invoices
                WHEN EXISTS (SELECT 1 FROM invoices WHERE owner = NEW.owner AND month = NEW.month)
                BEGIN SELECT RAISE(ABORT, 'invoices are never changed'); END;
            CREATE TRIGGER invoice_lines_no_update BEFORE UPDATE ON invoice_lines
                BEGIN SELECT RAISE(ABORT, 'invoices are never changed'); END;
            CREATE TRIGGER invoice_lines_no_delete BEFORE DELETE ON invoice_lines
                BEGIN SELECT RAISE(ABORT, 'invoices are never changed'); END;
            CREATE TRIGGER invoice_lines_no_replace BEFORE INSERT ON invoice_lines
                WHEN EXISTS (SELECT 1 FROM invoice_lines WHERE owner = NEW.owner AND month = NEW.month AND operation = NEW.operation)
                    OR EXISTS (SELECT 1 FROM invoices WHERE owner = NEW.owner AND month = NEW.month)
                BEGIN SELECT RAISE(ABORT, 'invoices are never changed'); END;

            -- The days whose storage has been metered: the first process of a day takes the snapshot.
            CREATE TABLE storage_snapshots (
                day TEXT PRIMARY KEY,
                taken_at REAL NOT NULL
            );
            """)
    }
}
