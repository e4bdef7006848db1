-- SQLite variant of db/migration/V20__transcript_turn_rows.sql (profile sqlite): the same change.
-- SQLite cannot drop a table's constraint, so transcript_lines is built anew under a temporary
-- name, filled, and renamed, its AUTOINCREMENT counter (sqlite_sequence) carried over first.

CREATE TABLE case_message_refs (
    case_id    BIGINT      NOT NULL,
    client_ref VARCHAR(64) NOT NULL,
    CONSTRAINT case_message_refs_pk PRIMARY KEY (case_id, client_ref)
);
INSERT INTO case_message_refs (case_id, client_ref)
SELECT case_id, client_ref FROM transcript_lines WHERE case_id IS NOT NULL AND client_ref IS NOT NULL;

CREATE TABLE transcript_lines_v20 (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_ref BIGINT        NOT NULL,
    case_id          BIGINT,
    author           VARCHAR(16)   NOT NULL,
    author_name      VARCHAR(256),
    text             TEXT          NOT NULL,
    reply            TEXT,
    created_at       TEXT          NOT NULL
);
INSERT INTO sqlite_sequence (name, seq)
SELECT 'transcript_lines_v20', seq FROM sqlite_sequence WHERE name = 'transcript_lines';
INSERT INTO transcript_lines_v20 (id, conversation_ref, case_id, author, author_name, text, created_at)
SELECT id, conversation_ref, case_id, author, author_name, text, created_at FROM transcript_lines;
DROP TABLE transcript_lines;
ALTER TABLE transcript_lines_v20 RENAME TO transcript_lines;
CREATE INDEX transcript_lines_conversation ON transcript_lines (conversation_ref, id);
CREATE INDEX transcript_lines_created ON transcript_lines (created_at);
