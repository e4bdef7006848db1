-- OutboxStore.due, run on every outbox poll (after each turn and each delivery), looks up for each
-- PENDING entry the lowest PENDING sequence of its conversation. With only the (channel,
-- conversation_id) index that look-up read every entry the conversation ever had, SENT ones
-- included (kept for certdesk.outbox.retention), so polls slowed down as conversations grew. With
-- this index it reads the conversation's PENDING entries only.
CREATE INDEX outbox_pending ON outbox (channel, conversation_id, status, sequence);
