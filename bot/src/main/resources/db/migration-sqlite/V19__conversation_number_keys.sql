-- SQLite variant of db/migration/V19__conversation_number_keys.sql (profile sqlite): the same change.
-- SQLite cannot drop a column that a key or an index names, so each table is built anew under a
-- temporary name, filled, and renamed; its AUTOINCREMENT counter (sqlite_sequence) is carried over
-- first, so that no id is given twice (outbox ids are remembered by the web chat and the webhook).
-- The outbox's foreign key, which the shared V16 dropped, is not built again.

INSERT INTO conversations (channel, conversation_id, created_at, updated_at)
SELECT w.channel, w.conversation_id, MIN(w.at), MIN(w.at) FROM (
    SELECT channel, conversation_id, received_at AS at FROM inbox
    UNION ALL SELECT channel, conversation_id, received_at FROM processed_activities
    UNION ALL SELECT channel, conversation_id, created_at FROM outbox
    UNION ALL SELECT channel, conversation_id, created_at FROM transcript_lines
    UNION ALL SELECT channel, conversation_id, first_at FROM state_visits
) w
WHERE NOT EXISTS (SELECT 1 FROM conversations c WHERE c.channel = w.channel AND c.conversation_id = w.conversation_id)
GROUP BY w.channel, w.conversation_id;

CREATE TABLE processed_activities_v19 (
    conversation_ref BIGINT       NOT NULL,
    activity_id      VARCHAR(256) NOT NULL,
    received_at      TEXT         NOT NULL,
    CONSTRAINT processed_activities_pk PRIMARY KEY (conversation_ref, activity_id)
);
INSERT INTO processed_activities_v19 (conversation_ref, activity_id, received_at)
SELECT c.id, p.activity_id, p.received_at FROM processed_activities p
    JOIN conversations c ON c.channel = p.channel AND c.conversation_id = p.conversation_id;
DROP TABLE processed_activities;
ALTER TABLE processed_activities_v19 RENAME TO processed_activities;
CREATE INDEX processed_activities_received ON processed_activities (received_at);

CREATE TABLE inbox_v19 (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_ref BIGINT        NOT NULL,
    activity_id      VARCHAR(256)  NOT NULL,
    payload          TEXT          NOT NULL,
    received_at      TEXT          NOT NULL,
    attempts         INTEGER       NOT NULL DEFAULT 0,
    last_error       VARCHAR(2000),
    failed           BOOLEAN       NOT NULL DEFAULT FALSE
);
INSERT INTO sqlite_sequence (name, seq) SELECT 'inbox_v19', seq FROM sqlite_sequence WHERE name = 'inbox';
INSERT INTO inbox_v19 (id, conversation_ref, activity_id, payload, received_at, attempts, last_error, failed)
SELECT i.id, c.id, i.activity_id, i.payload, i.received_at, i.attempts, i.last_error, i.failed FROM inbox i
    JOIN conversations c ON c.channel = i.channel AND c.conversation_id = i.conversation_id;
DROP TABLE inbox;
ALTER TABLE inbox_v19 RENAME TO inbox;
CREATE INDEX inbox_conversation ON inbox (conversation_ref, id);
CREATE INDEX inbox_received ON inbox (received_at);

CREATE TABLE outbox_v19 (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    channel          VARCHAR(32)   NOT NULL,
    conversation_ref BIGINT        NOT NULL,
    sequence         BIGINT        NOT NULL,
    payload          TEXT          NOT NULL,
    status           VARCHAR(16)   NOT NULL,
    attempts         INTEGER       NOT NULL DEFAULT 0,
    next_attempt_at  TEXT          NOT NULL,
    last_error       VARCHAR(2000),
    created_at       TEXT          NOT NULL,
    sent_at          TEXT,
    claimed_by       VARCHAR(64),
    CONSTRAINT outbox_sequence_uk UNIQUE (conversation_ref, sequence)
);
INSERT INTO sqlite_sequence (name, seq) SELECT 'outbox_v19', seq FROM sqlite_sequence WHERE name = 'outbox';
INSERT INTO outbox_v19 (id, channel, conversation_ref, sequence, payload, status, attempts, next_attempt_at,
        last_error, created_at, sent_at, claimed_by)
SELECT o.id, o.channel, c.id, o.sequence, o.payload, o.status, o.attempts, o.next_attempt_at, o.last_error, o.created_at,
        o.sent_at, o.claimed_by FROM outbox o
    JOIN conversations c ON c.channel = o.channel AND c.conversation_id = o.conversation_id;
DROP TABLE outbox;
ALTER TABLE outbox_v19 RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);

CREATE TABLE transcript_lines_v19 (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_ref BIGINT        NOT NULL,
    case_id          BIGINT,
    author           VARCHAR(16)   NOT NULL,
    author_name      VARCHAR(256),
    text             TEXT          NOT NULL,
    client_ref       VARCHAR(64),
    created_at       TEXT          NOT NULL,
    CONSTRAINT transcript_lines_client_uk UNIQUE (case_id, client_ref)
);
INSERT INTO sqlite_sequence (name, seq)
SELECT 'transcript_lines_v19', seq FROM sqlite_sequence WHERE name = 'transcript_lines';
INSERT INTO transcript_lines_v19 (id, conversation_ref, case_id, author, author_name, text, client_ref, created_at)
SELECT t.id, c.id, t.case_id, t.author, t.author_name, t.text, t.client_ref, t.created_at FROM transcript_lines t
    JOIN conversations c ON c.channel = t.channel AND c.conversation_id = t.conversation_id;
DROP TABLE transcript_lines;
ALTER TABLE transcript_lines_v19 RENAME TO transcript_lines;
CREATE INDEX transcript_lines_conversation ON transcript_lines (conversation_ref, id);
CREATE INDEX transcript_lines_created ON transcript_lines (created_at);

CREATE TABLE state_visits_v19 (
    conversation_ref BIGINT        NOT NULL,
    script_id        VARCHAR(64)   NOT NULL,
    state_id         VARCHAR(128)  NOT NULL,
    first_at         TEXT          NOT NULL,
    CONSTRAINT state_visits_pk PRIMARY KEY (conversation_ref, state_id)
);
INSERT INTO state_visits_v19 (conversation_ref, script_id, state_id, first_at)
SELECT c.id, v.script_id, v.state_id, v.first_at FROM state_visits v
    JOIN conversations c ON c.channel = v.channel AND c.conversation_id = v.conversation_id;
DROP TABLE state_visits;
ALTER TABLE state_visits_v19 RENAME TO state_visits;
