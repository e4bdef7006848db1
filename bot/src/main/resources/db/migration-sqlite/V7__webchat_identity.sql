-- SQLite variant of db/migration/V7__webchat_identity.sql (profile sqlite): the same tables, columns, keys and
-- indexes; SQLite's types: times are TEXT holding UTC instants in one fixed-width format
-- (system/SqliteJdbc writes and reads them, so they sort and compare as instants), ids are
-- INTEGER PRIMARY KEY AUTOINCREMENT (never reused, like an identity), BYTEA is BLOB.
-- The signed-in employee a web chat conversation was opened for, when certdesk.webchat.require-sign-in
-- is on (org.certdesk.bot.channel.webchat): the conversation's activities carry this identity, not the
-- one the browser claims, and only this user may refresh its token. Null when sign-in is not required.
ALTER TABLE webchat_conversations ADD COLUMN user_id VARCHAR(256);
ALTER TABLE webchat_conversations ADD COLUMN user_name VARCHAR(256);
