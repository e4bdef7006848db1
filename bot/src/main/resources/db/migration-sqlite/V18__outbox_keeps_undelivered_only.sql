-- SQLite variant of db/migration/V18__outbox_keeps_undelivered_only.sql (profile sqlite): the same
-- change. A delivered reply is deleted, so outbox_sequence_uk holds only a conversation's PENDING and
-- FAILED entries, and the lowest PENDING sequence is found through it; outbox_pending is dropped.
DROP INDEX outbox_pending;
