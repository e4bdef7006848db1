-- SQLite variant of db/migration/V21__conversation_states.sql (profile sqlite): the same change, in
-- SQLite's types (times are TEXT). SQLite drops a column that no key or index names (3.35 and later).
CREATE TABLE conversation_states (
    -- INTEGER and the key alone: the row id itself, given the conversation's number (no index beside it).
    conversation_ref INTEGER       NOT NULL,
    state_json       TEXT,
    script_id        VARCHAR(64),
    script_version   INTEGER,
    status           VARCHAR(24),
    locale           VARCHAR(16),
    outbox_sequence  BIGINT        NOT NULL DEFAULT 0,
    version          BIGINT        NOT NULL DEFAULT 0,
    updated_at       TEXT          NOT NULL,
    CONSTRAINT conversation_states_pk PRIMARY KEY (conversation_ref)
);
INSERT INTO conversation_states (conversation_ref, state_json, script_id, script_version, status, locale,
    outbox_sequence, version, updated_at)
SELECT id, state_json, script_id, script_version, status, locale, outbox_sequence, version, updated_at
FROM conversations;
ALTER TABLE conversations DROP COLUMN state_json;
ALTER TABLE conversations DROP COLUMN script_id;
ALTER TABLE conversations DROP COLUMN script_version;
ALTER TABLE conversations DROP COLUMN status;
ALTER TABLE conversations DROP COLUMN locale;
ALTER TABLE conversations DROP COLUMN outbox_sequence;
ALTER TABLE conversations DROP COLUMN version;
ALTER TABLE conversations DROP COLUMN updated_at;
