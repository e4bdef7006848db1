-- Who holds an outbox entry's claim (OutboxInstance: host, port and folder of the process, hashed),
-- NULL when its next_attempt_at is no claim but a retry waiting for its backoff. A process that
-- starts gives back at once what its own previous run (killed, or the machine stopped) had claimed,
-- instead of leaving those replies silent until the lease runs out; on the embedded H2 store, which
-- only one process can open, every claim found at start-up is a dead run's. Retries keep their
-- backoff and the connector's Retry-After.
ALTER TABLE outbox ADD COLUMN claimed_by VARCHAR(64);
