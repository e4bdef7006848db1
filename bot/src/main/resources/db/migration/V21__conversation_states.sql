-- What a turn changes in a conversation (its dialog state, the state's version, the outbox counter)
-- moves to a table of its own, keyed by the conversation's number alone. H2 carries out an UPDATE as
-- a delete and an insert in every index of the table, whether or not the indexed columns changed
-- (Table.updateRows): each turn's save of the conversation's row rewrote the four indexes of
-- conversations (the Teams key, conversations_id_uk, conversations_action_lease,
-- conversations_created), 14 to 19 % of the bytes a turn wrote and a third of the save's CPU
-- (docs/performance.md). This table has no index but its key. A turn locks its row here; the rest of
-- the conversation (its address, the pending slow action and its lease) stays in conversations,
-- written only when it changed. Every row of conversations has its row here, made in the same
-- transaction.
CREATE TABLE conversation_states (
    conversation_ref BIGINT        NOT NULL,
    -- The dialogs ConversationState; null only between the row's creation and the end of its first
    -- turn (same transaction), and for the helpdesk's own Teams conversation.
    state_json       TEXT,
    script_id        VARCHAR(64),
    script_version   INTEGER,
    status           VARCHAR(24),
    locale           VARCHAR(16),
    -- The last outbox sequence given to this conversation.
    outbox_sequence  BIGINT        NOT NULL DEFAULT 0,
    -- Optimistic lock: every save checks and increments it.
    version          BIGINT        NOT NULL DEFAULT 0,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
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
