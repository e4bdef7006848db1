-- SQLite variant of db/migration/V3__webhook.sql (profile sqlite): the same tables, columns, keys and
-- indexes; SQLite's types: times are TEXT holding UTC instants in one fixed-width format
-- (system/SqliteJdbc writes and reads them, so they sort and compare as instants), ids are
-- INTEGER PRIMARY KEY AUTOINCREMENT (never reused, like an identity), BYTEA is BLOB.
-- The Teams outgoing webhook (org.certdesk.bot.channel.webhook).

-- Replies of "webhook" conversations waiting to be given to the user. An outgoing webhook cannot
-- call Teams: the bot can only answer the HTTP request of a mention, so the outbox "delivers" a
-- reply by putting it here (rendered as the Teams Markdown text of the answer), and the answer to
-- a mention takes what is here. outbox_id makes a redelivery of the same entry a no-op; a row is
-- marked drained rather than deleted, so that stays true after it was given. Swept after
-- certdesk.webhook.mailbox-retention.
CREATE TABLE webhook_mailbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id VARCHAR(512)  NOT NULL,
    outbox_id       BIGINT        NOT NULL,
    sequence        BIGINT        NOT NULL,
    text            TEXT          NOT NULL,
    created_at      TEXT NOT NULL,
    drained_at      TEXT,
    CONSTRAINT webhook_mailbox_outbox_uk UNIQUE (outbox_id)
);
CREATE INDEX webhook_mailbox_conversation ON webhook_mailbox (conversation_id, sequence);
CREATE INDEX webhook_mailbox_created ON webhook_mailbox (created_at);
