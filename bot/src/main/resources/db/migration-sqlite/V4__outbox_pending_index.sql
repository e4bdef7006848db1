-- SQLite variant of db/migration/V4__outbox_pending_index.sql (profile sqlite): the same tables, columns, keys and
-- indexes; SQLite's types: times are TEXT holding UTC instants in one fixed-width format
-- (system/SqliteJdbc writes and reads them, so they sort and compare as instants), ids are
-- INTEGER PRIMARY KEY AUTOINCREMENT (never reused, like an identity), BYTEA is BLOB.
-- OutboxStore.due, run on every outbox poll (after each turn and each delivery), looks up for each
-- PENDING entry the lowest PENDING sequence of its conversation. With only the (channel,
-- conversation_id) index that look-up read every entry the conversation ever had, SENT ones
-- included (kept for certdesk.outbox.retention), so polls slowed down as conversations grew. With
-- this index it reads the conversation's PENDING entries only.
CREATE INDEX outbox_pending ON outbox (channel, conversation_id, status, sequence);
