package org.certdesk.bot.shared;

import java.util.List;

/**
 * The activities a channel handed over, in a file of their own, written before their transaction
 * commits: on H2 in a file, what lets a turn be answered and its replies posted without waiting for
 * H2 to write the turn's pages (the store writes them a little later, for many turns at once). After
 * a crash, the activities H2 had not written yet are read back from it and run again; those H2 had
 * written are known to the store and dropped as duplicates. Like H2's own writes it is not fsync'ed:
 * it survives the process dying, not the machine losing power.
 *
 * <p>On PostgreSQL (its commit returns once durable) and H2 in memory (no disk) nothing is kept.
 */
public interface ActivityJournal {
    /** Whether activities are kept: then an activity appended in a transaction is on disk once it committed. */
    boolean keeps();

    /**
     * Appends {@code record} to the journal now, inside the current transaction, which must be the
     * one that records the activity: what the journal holds is kept until a write of the store covers
     * that transaction. Nothing is done when the journal {@link #keeps() keeps} nothing.
     *
     * @throws java.io.UncheckedIOException when it cannot be written: the transaction must roll back
     * @throws IllegalStateException outside a transaction
     */
    void append(String record);

    /** Whether the current transaction appended a record: once committed, what it did may be told at once. */
    boolean appendedInThisTransaction();

    /** What the last run appended, in order (read once, at start); some of it may already be in the store. */
    List<String> leftByLastRun();

    /** The records of {@link #leftByLastRun} are in the store's file: they go. */
    void replayed();
}
