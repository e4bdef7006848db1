-- SQLite variant of db/migration/V13__conversation_insights.sql (profile sqlite): the same tables, columns, keys and
-- indexes; SQLite's types: times are TEXT holding UTC instants in one fixed-width format
-- (system/SqliteJdbc writes and reads them, so they sort and compare as instants), ids are
-- INTEGER PRIMARY KEY AUTOINCREMENT (never reused, like an identity), BYTEA is BLOB.
-- What the insights dashboard counts (org.certdesk.bot.insights).

-- The script states each conversation reached, the first time it reached them: the dashboard's
-- funnel (where employees drop off). Written in the transaction of the turn that entered them.
CREATE TABLE state_visits (
    channel         VARCHAR(32)   NOT NULL,
    conversation_id VARCHAR(512)  NOT NULL,
    script_id       VARCHAR(64)   NOT NULL,
    state_id        VARCHAR(128)  NOT NULL,
    first_at        TEXT NOT NULL,
    CONSTRAINT state_visits_pk PRIMARY KEY (channel, conversation_id, state_id)
);

-- The dashboard selects conversations and cases by when they started.
CREATE INDEX conversations_created ON conversations (created_at);
CREATE INDEX handoffs_created ON handoffs (created_at);
