-- The outbox is the table every reply is written to, and marked in once sent. H2 gives each foreign
-- key an index of its own, here (channel, conversation_id) next to outbox_pending and
-- outbox_sequence_uk which start with the same columns: one more B-tree written per reply, for a
-- check the appending code already makes. Every append first reserves its sequence numbers on the
-- conversation's row in the same transaction (ConversationStore.reserve), which fails when there is
-- no such conversation; and conversations are never deleted. On PostgreSQL (which never indexes a
-- foreign key by itself) this drops only the check.
ALTER TABLE outbox DROP CONSTRAINT outbox_conversation_fk;
