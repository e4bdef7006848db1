package org.certdesk.bot.shared;

/**
 * When committed writes are on disk. On PostgreSQL a commit returns once it is durable. The embedded
 * H2 store keeps commits in memory and writes them in groups (one disk write for all the turns
 * that committed meanwhile, instead of one per commit): whatever the world is told about (an
 * HTTP answer, a reply posted to a channel) waits for the group its commit is in.
 */
public interface DurableWrites {

    /**
     * Blocks until every transaction committed before this call is on disk.
     *
     * @throws IllegalStateException when the store cannot write within its time limit
     */
    void awaitDurable();

    /**
     * Runs {@code action} (on another thread, or at once) once every transaction committed before
     * this call is on disk.
     */
    void afterDurable(Runnable action);
}
