-- SQLite variant of db/migration/V1__conversations_inbox_outbox.sql (profile sqlite): the same tables, columns, keys and
-- indexes; SQLite's types: times are TEXT holding UTC instants in one fixed-width format
-- (system/SqliteJdbc writes and reads them, so they sort and compare as instants), ids are
-- INTEGER PRIMARY KEY AUTOINCREMENT (never reused, like an identity), BYTEA is BLOB.
-- The bot core's store.

-- One row per conversation of a channel. state_json is the dialogs ConversationState; it is null
-- only between the row's creation and the end of its first turn (same transaction).
CREATE TABLE conversations (
    -- The row id (PostgreSQL/H2: an identity column beside the primary key (channel, conversation_id),
    -- which SQLite cannot generate outside the primary key: so here the key is id, and the pair unique).
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    channel             VARCHAR(32)   NOT NULL,
    conversation_id     VARCHAR(512)  NOT NULL,
    state_json          TEXT,
    script_id           VARCHAR(64),
    script_version      INTEGER,
    status              VARCHAR(24),
    locale              VARCHAR(16),
    -- A slow action (the TLS probe) requested by the engine and not answered yet, run outside any
    -- transaction; the lease says until when its worker is presumed alive.
    pending_action_json TEXT,
    action_lease_until  TEXT,
    action_attempts     INTEGER       NOT NULL DEFAULT 0,
    -- ChannelAddress: how to reach the user again (also after a restart, also for an agent's reply).
    service_url         VARCHAR(1024),
    bot_id              VARCHAR(512),
    bot_name            VARCHAR(512),
    user_id             VARCHAR(512),
    user_name           VARCHAR(512),
    user_aad_object_id  VARCHAR(64),
    tenant_id           VARCHAR(64),
    conversation_type   VARCHAR(32),
    -- From the User-Agent of the phone that downloaded a certificate; null until then.
    android_api_level   INTEGER,
    -- The last outbox sequence given to this conversation.
    outbox_sequence     BIGINT        NOT NULL DEFAULT 0,
    -- Optimistic lock: every save checks and increments it.
    version             BIGINT        NOT NULL DEFAULT 0,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    CONSTRAINT conversations_pk UNIQUE (channel, conversation_id)
);
CREATE INDEX conversations_action_lease ON conversations (action_lease_until);

-- Activities accepted (HTTP 200 given) and not yet processed. A row is deleted in the transaction
-- that commits its turn, so a crash at any point leaves it here to be processed on restart.
CREATE TABLE inbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    channel         VARCHAR(32)   NOT NULL,
    conversation_id VARCHAR(512)  NOT NULL,
    activity_id     VARCHAR(256)  NOT NULL,
    payload         TEXT          NOT NULL,
    received_at     TEXT NOT NULL,
    attempts        INTEGER       NOT NULL DEFAULT 0,
    last_error      VARCHAR(2000),
    failed          BOOLEAN       NOT NULL DEFAULT FALSE
);
CREATE INDEX inbox_conversation ON inbox (channel, conversation_id, id);
CREATE INDEX inbox_received ON inbox (received_at);

-- Every activity id accepted, per conversation: a second delivery of the same id is dropped.
-- Swept after certdesk.turns.dedupe-retention.
CREATE TABLE processed_activities (
    channel         VARCHAR(32)   NOT NULL,
    conversation_id VARCHAR(512)  NOT NULL,
    activity_id     VARCHAR(256)  NOT NULL,
    received_at     TEXT NOT NULL,
    CONSTRAINT processed_activities_pk PRIMARY KEY (channel, conversation_id, activity_id)
);
CREATE INDEX processed_activities_received ON processed_activities (received_at);

-- Replies, in order per conversation (sequence), written in the transaction of the turn that
-- produced them. Only the lowest PENDING sequence of a conversation may be delivered.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    channel         VARCHAR(32)   NOT NULL,
    conversation_id VARCHAR(512)  NOT NULL,
    sequence        BIGINT        NOT NULL,
    payload         TEXT          NOT NULL,
    -- PENDING, SENT or FAILED. No CHECK constraint: H2 2.4 fails such checks once the session
    -- that created them (Flyway's) is closed.
    status          VARCHAR(16)   NOT NULL,
    attempts        INTEGER       NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error      VARCHAR(2000),
    created_at      TEXT NOT NULL,
    sent_at         TEXT,
    CONSTRAINT outbox_sequence_uk UNIQUE (channel, conversation_id, sequence),
    CONSTRAINT outbox_conversation_fk FOREIGN KEY (channel, conversation_id)
        REFERENCES conversations (channel, conversation_id)
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);

-- Certificates a diagnosis produced and verified (or the look-up found among Android's anchors):
-- the only ones GET /certificates/{sha256}.crt serves.
CREATE TABLE issued_certificates (
    sha256          VARCHAR(64)   NOT NULL,
    der             BLOB          NOT NULL,
    name            VARCHAR(512)  NOT NULL,
    -- name folded for the look-up by name: lower case, no accents, single spaces
    name_key        VARCHAR(512)  NOT NULL,
    subject         VARCHAR(2000) NOT NULL,
    first_issued_at TEXT NOT NULL,
    channel         VARCHAR(32),
    conversation_id VARCHAR(512),
    CONSTRAINT issued_certificates_pk PRIMARY KEY (sha256)
);
CREATE INDEX issued_certificates_name ON issued_certificates (name_key);

-- Conversations handed to the helpdesk: one row per escalation, written in the transaction of the
-- turn that escalated (turn_ref makes a replay of that turn a no-op).
CREATE TABLE handoffs (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    channel         VARCHAR(32)   NOT NULL,
    conversation_id VARCHAR(512)  NOT NULL,
    turn_ref        VARCHAR(300)  NOT NULL,
    reason          VARCHAR(64)   NOT NULL,
    variables_json  TEXT          NOT NULL,
    script_id       VARCHAR(64)   NOT NULL,
    script_version  INTEGER       NOT NULL,
    locale          VARCHAR(16)   NOT NULL,
    status          VARCHAR(16)   NOT NULL DEFAULT 'OPEN',
    created_at      TEXT NOT NULL,
    CONSTRAINT handoffs_turn_uk UNIQUE (channel, conversation_id, turn_ref),
    CONSTRAINT handoffs_conversation_fk FOREIGN KEY (channel, conversation_id)
        REFERENCES conversations (channel, conversation_id)
);

-- Keys generated on first start (the download-link HMAC key), shared by all instances.
CREATE TABLE bot_secrets (
    name       VARCHAR(64)  NOT NULL,
    secret     VARCHAR(512) NOT NULL,
    created_at TEXT NOT NULL,
    CONSTRAINT bot_secrets_pk PRIMARY KEY (name)
);
