-- The tables a turn writes find their conversation by its number (conversations.id, in the column
-- conversation_ref) instead of the channel's id. A Teams conversation id is about 100 characters:
-- each of a turn's B-tree searches compared it character by character, and every index entry, leaf
-- and inner page, carried it in full (9.5 % of the request threads' CPU samples under load went to
-- those comparisons, and most of the bytes H2 writes a turn at one conversation were the inner pages
-- of those indexes). The conversation row itself is still found by (channel, conversation_id), once
-- a turn; what a turn then writes is keyed by its number. No foreign keys: H2 would give each an
-- index of its own (see V16), and every writer takes the number from the conversation's row.
-- The outbox keeps its channel: the poller asks for the due entries of the channels it can deliver,
-- and with that condition on the conversations instead, H2 walks every conversation of those
-- channels to find them (its plan with 100,000 conversations and 150 entries).

-- Activities accepted by an older release before their conversation's first turn had no
-- conversation row yet: now every row below needs one.
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

ALTER TABLE processed_activities ADD COLUMN conversation_ref BIGINT;
UPDATE processed_activities SET conversation_ref = (SELECT c.id FROM conversations c
    WHERE c.channel = processed_activities.channel AND c.conversation_id = processed_activities.conversation_id);
ALTER TABLE processed_activities DROP CONSTRAINT processed_activities_pk;
ALTER TABLE processed_activities DROP COLUMN channel;
ALTER TABLE processed_activities DROP COLUMN conversation_id;
ALTER TABLE processed_activities ALTER COLUMN conversation_ref SET NOT NULL;
ALTER TABLE processed_activities ADD CONSTRAINT processed_activities_pk PRIMARY KEY (conversation_ref, activity_id);

ALTER TABLE inbox ADD COLUMN conversation_ref BIGINT;
UPDATE inbox SET conversation_ref = (SELECT c.id FROM conversations c
    WHERE c.channel = inbox.channel AND c.conversation_id = inbox.conversation_id);
DROP INDEX inbox_conversation;
ALTER TABLE inbox DROP COLUMN channel;
ALTER TABLE inbox DROP COLUMN conversation_id;
ALTER TABLE inbox ALTER COLUMN conversation_ref SET NOT NULL;
CREATE INDEX inbox_conversation ON inbox (conversation_ref, id);

ALTER TABLE outbox ADD COLUMN conversation_ref BIGINT;
UPDATE outbox SET conversation_ref = (SELECT c.id FROM conversations c
    WHERE c.channel = outbox.channel AND c.conversation_id = outbox.conversation_id);
ALTER TABLE outbox DROP CONSTRAINT outbox_sequence_uk;
ALTER TABLE outbox DROP COLUMN conversation_id;
ALTER TABLE outbox ALTER COLUMN conversation_ref SET NOT NULL;
ALTER TABLE outbox ADD CONSTRAINT outbox_sequence_uk UNIQUE (conversation_ref, sequence);

ALTER TABLE transcript_lines ADD COLUMN conversation_ref BIGINT;
UPDATE transcript_lines SET conversation_ref = (SELECT c.id FROM conversations c
    WHERE c.channel = transcript_lines.channel AND c.conversation_id = transcript_lines.conversation_id);
DROP INDEX transcript_lines_conversation;
ALTER TABLE transcript_lines DROP COLUMN channel;
ALTER TABLE transcript_lines DROP COLUMN conversation_id;
ALTER TABLE transcript_lines ALTER COLUMN conversation_ref SET NOT NULL;
CREATE INDEX transcript_lines_conversation ON transcript_lines (conversation_ref, id);

ALTER TABLE state_visits ADD COLUMN conversation_ref BIGINT;
UPDATE state_visits SET conversation_ref = (SELECT c.id FROM conversations c
    WHERE c.channel = state_visits.channel AND c.conversation_id = state_visits.conversation_id);
ALTER TABLE state_visits DROP CONSTRAINT state_visits_pk;
ALTER TABLE state_visits DROP COLUMN channel;
ALTER TABLE state_visits DROP COLUMN conversation_id;
ALTER TABLE state_visits ALTER COLUMN conversation_ref SET NOT NULL;
ALTER TABLE state_visits ADD CONSTRAINT state_visits_pk PRIMARY KEY (conversation_ref, state_id);
