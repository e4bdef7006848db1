-- Same version as db/migration/V16 (the outbox's foreign key dropped, for H2's extra index). SQLite
-- indexes no foreign key by itself and cannot drop a constraint without copying the table; its
-- foreign keys are not enforced here (no PRAGMA foreign_keys), so there is nothing to gain.
SELECT 1;
