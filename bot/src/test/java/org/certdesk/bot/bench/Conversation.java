package org.certdesk.bot.bench;

/**
 * One simulated Teams conversation as the stub connector sees it. Its load-generator thread keeps at
 * most one turn outstanding: it announces how many replies the turn will produce
 * ({@link #expect}), posts the activity, and waits until that many more replies reached the
 * connector ({@link #awaitTurn}). So the replies arriving for a conversation always answer its last
 * turn, and the arrival of the last of them ends that turn.
 */
final class Conversation {
    private final String id;
    private long expected;
    private long arrived;
    /** Arrival of the first reply of the current turn, and of the reply that completed it. */
    private long turnStart;
    private long firstArrival;
    private long completedAt;

    Conversation(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }

    /** Starts a turn that will produce {@code replies} replies. */
    synchronized void expect(int replies) {
        turnStart = arrived;
        expected += replies;
        firstArrival = 0;
        completedAt = 0;
    }

    /** The turn was refused (no 200): its replies will never come. */
    synchronized void cancel(int replies) {
        expected -= replies;
    }

    /** Called by the connector, with {@link System#nanoTime()} at arrival. */
    synchronized void replyArrived(long nanos) {
        arrived++;
        if (arrived == turnStart + 1) {
            firstArrival = nanos;
        }
        if (arrived == expected) {
            completedAt = nanos;
            notifyAll();
        }
    }

    /**
     * Waits for the current turn's replies.
     *
     * @return {@code {first reply arrival, last reply arrival}} in {@link System#nanoTime()} terms,
     *     or null if they did not all come before {@code deadline}
     */
    synchronized long[] awaitTurn(long deadline) throws InterruptedException {
        while (arrived < expected) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            wait(left / 1_000_000, (int) (left % 1_000_000));
        }
        return new long[] { firstArrival, completedAt };
    }

    /** Replies received beyond those expected (a turn produced more than announced): should be 0. */
    synchronized long surplus() {
        return Math.max(0, arrived - expected);
    }
}
