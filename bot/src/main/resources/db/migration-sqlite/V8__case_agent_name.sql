-- SQLite variant of db/migration/V8__case_agent_name.sql (profile sqlite): the same tables, columns, keys and
-- indexes; SQLite's types: times are TEXT holding UTC instants in one fixed-width format
-- (system/SqliteJdbc writes and reads them, so they sort and compare as instants), ids are
-- INTEGER PRIMARY KEY AUTOINCREMENT (never reused, like an identity), BYTEA is BLOB.
-- The name of the agent who took a case, as people read it ("taken by Alice Martin"): taken_by holds
-- the account the case belongs to, which for Entra ID sign-ins is the immutable object id.
ALTER TABLE handoffs ADD COLUMN taken_by_name VARCHAR(256);
