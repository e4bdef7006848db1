-- Whether an outbox entry's next_attempt_at is a claim (a delivery under way, or the replies a turn
-- just committed, held by the instance that delivers them from memory) rather than a retry waiting
-- for its backoff. On the embedded H2 store only one process ever opens the database, so every claim
-- found at start-up is a dead process's: it is given back at once instead of after the lease
-- (OutboxDispatcher.start). Retries keep their backoff and the connector's Retry-After.
ALTER TABLE outbox ADD COLUMN claimed BOOLEAN DEFAULT FALSE NOT NULL;
