-- SQLite variant of db/migration/V2__webchat.sql (profile sqlite): the same tables, columns, keys and
-- indexes; SQLite's types: times are TEXT holding UTC instants in one fixed-width format
-- (system/SqliteJdbc writes and reads them, so they sort and compare as instants), ids are
-- INTEGER PRIMARY KEY AUTOINCREMENT (never reused, like an identity), BYTEA is BLOB.
-- The web chat's Direct Line look-alike (org.certdesk.bot.channel.webchat).

-- One row per conversation a token was issued for. last_seq is the watermark of the newest
-- activity: an append locks the row and takes last_seq + 1, so sequences are handed out in commit
-- order and a poll never skips an activity that commits later with a smaller number.
-- started_at is set once, by whichever request submits the welcome.
CREATE TABLE webchat_conversations (
    id         VARCHAR(64) NOT NULL,
    locale     VARCHAR(35),
    last_seq   BIGINT      NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    started_at TEXT,
    CONSTRAINT webchat_conversations_pk PRIMARY KEY (id)
);
CREATE INDEX webchat_conversations_created ON webchat_conversations (created_at);

-- What Web Chat polls, in seq order: the bot's activities (one per outbox entry; outbox_id makes a
-- redelivery of the same entry a no-op) and the echo of the user's own activities.
CREATE TABLE webchat_activities (
    conversation_id VARCHAR(64) NOT NULL,
    seq             BIGINT      NOT NULL,
    outbox_id       BIGINT,
    activity_json   TEXT        NOT NULL,
    created_at      TEXT NOT NULL,
    CONSTRAINT webchat_activities_pk PRIMARY KEY (conversation_id, seq),
    CONSTRAINT webchat_activities_outbox_uk UNIQUE (outbox_id),
    CONSTRAINT webchat_activities_conversation_fk FOREIGN KEY (conversation_id)
        REFERENCES webchat_conversations (id) ON DELETE CASCADE
);
