package org.certdesk.bot.shared;

import java.time.Duration;

/**
 * When committed writes are on disk. On PostgreSQL a commit returns once it is durable. The embedded
 * H2 store keeps commits in memory and writes them in groups (one disk write for all the turns
 * that committed meanwhile, instead of one per commit): whatever the world is told about (an
 * HTTP answer, a reply posted to a channel) waits for the group its commit is in.
 */
public interface DurableWrites {
    /** How long a commit may wait for its write: a store that cannot write is an error, not a hang. */
    Duration LIMIT = Duration.ofSeconds(10);

    /**
     * Blocks until every transaction committed before this call is on disk.
     *
     * @throws IllegalStateException when the store cannot write within {@link #LIMIT}
     */
    void awaitDurable();

    /**
     * Whether every transaction committed before this call is on disk without waiting for another
     * thread: the store needs no wait, or this thread just wrote it (no write was under way). When
     * false, {@link #afterDurable} says when it is.
     */
    boolean durableNow();

    /**
     * Runs {@code action} (on another thread, or at once) once every transaction committed before
     * this call is on disk.
     */
    void afterDurable(Runnable action);
}
