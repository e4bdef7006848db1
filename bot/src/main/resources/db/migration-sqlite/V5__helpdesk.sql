-- SQLite variant of db/migration/V5__helpdesk.sql (profile sqlite): the same tables, columns, keys and
-- indexes; SQLite's types: times are TEXT holding UTC instants in one fixed-width format
-- (system/SqliteJdbc writes and reads them, so they sort and compare as instants), ids are
-- INTEGER PRIMARY KEY AUTOINCREMENT (never reused, like an identity), BYTEA is BLOB.
-- The helpdesk (org.certdesk.bot.helpdesk): a handoff row becomes a case agents take, answer and close.
--

-- handoffs.status: OPEN (queued), TAKEN (an agent has it), RESOLVED, RETURNED (to the bot), CANCELLED
-- (by the employee). Taking is a conditional UPDATE (status = 'OPEN'), so of two agents one wins.
ALTER TABLE handoffs ADD COLUMN taken_by VARCHAR(128);
ALTER TABLE handoffs ADD COLUMN taken_at TEXT;
ALTER TABLE handoffs ADD COLUMN closed_at TEXT;
ALTER TABLE handoffs ADD COLUMN return_state VARCHAR(128);
CREATE INDEX handoffs_status ON handoffs (status, created_at);
CREATE INDEX handoffs_conversation ON handoffs (channel, conversation_id, status);

-- What was said in a conversation, text only, for the case: the employee's inputs, the bot's texts,
-- and while a case is open the agent's and the employee's messages (case_id set). Written in the
-- transaction of the turn or of the agent's request that produced it.
CREATE TABLE transcript_lines (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    channel         VARCHAR(32)   NOT NULL,
    conversation_id VARCHAR(512)  NOT NULL,
    case_id         BIGINT,
    -- employee, bot or agent
    author          VARCHAR(16)   NOT NULL,
    author_name     VARCHAR(256),
    text            TEXT          NOT NULL,
    -- The id an agent's client gave the message: a request sent again (a retry after a timeout) is
    -- recognised and neither recorded nor sent twice.
    client_ref      VARCHAR(64),
    created_at      TEXT NOT NULL,
    CONSTRAINT transcript_lines_client_uk UNIQUE (case_id, client_ref)
);
CREATE INDEX transcript_lines_conversation ON transcript_lines (channel, conversation_id, id);

-- Every certificate the analyzer found missing for a conversation (the dialog keeps only the
-- first one in its variables): the case lists them all. sha256 is null for one it could not obtain.
CREATE TABLE missing_certificates (
    channel         VARCHAR(32)   NOT NULL,
    conversation_id VARCHAR(512)  NOT NULL,
    finding_key     VARCHAR(600)  NOT NULL,
    name            VARCHAR(512)  NOT NULL,
    sha256          VARCHAR(64),
    found_at        TEXT NOT NULL,
    CONSTRAINT missing_certificates_pk PRIMARY KEY (channel, conversation_id, finding_key)
);
