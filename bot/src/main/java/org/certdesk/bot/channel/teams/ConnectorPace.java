package org.certdesk.bot.channel.teams;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Keeps the bot's sends within the Bot Connector's rate limits, so that a long answer never meets a
 * 429. Microsoft documents, per bot and per conversation, 7 sends a second, 8 in 2 seconds, 60 in 30
 * seconds and 1800 an hour, and about 30 a second per app and tenant. A send is allowed when, for
 * each of those limits, fewer than that many sends of the conversation (of the tenant) happened in
 * the window before it; otherwise the caller learns when the first one becomes allowed, and tries
 * again then (the outbox keeps the conversation's later replies behind it: order is kept, and no
 * thread waits).
 *
 * <p>Windows are sliding, not token buckets: a bucket of 7 refilled at 7 a second lets 13 through
 * in some second. Each window is taken {@link #MARGIN} longer than Microsoft's, for the time a send
 * spends between this decision and its arrival at the connector; and a send counts from when the
 * connector answered it ({@link Permit#sent}), the latest it can have arrived, once it did.
 *
 * <p>Only this instance's sends are counted: several instances answering people of one group chat
 * may together exceed the limit, and then the connector's 429 (with its Retry-After) still applies.
 */
final class ConnectorPace {
    /** One limit: at most {@code sends} in any {@code window}. */
    record Limit(int sends, Duration window) {}

    /** Per bot and conversation (sends and conversation creation), from Microsoft's Teams rate-limit page. */
    static final List<Limit> PER_CONVERSATION = List.of(new Limit(7, Duration.ofSeconds(1)),
            new Limit(8, Duration.ofSeconds(2)), new Limit(60, Duration.ofSeconds(30)), new Limit(1800, Duration.ofHours(1)));
    /** Per app and tenant, all conversations together ("about 30 requests per second"). */
    static final List<Limit> PER_TENANT = List.of(new Limit(30, Duration.ofSeconds(1)));
    /** Added to every window: how late after its permit a send may reach the connector. */
    static final Duration MARGIN = Duration.ofMillis(150);
    private static final Duration LONGEST = Duration.ofHours(1).plus(MARGIN);
    private static final int MAX_KEPT = 1800;

    private final Clock clock;
    private final Map<String, SendLog> conversations = new HashMap<>();
    private final Map<String, SendLog> tenants = new HashMap<>();
    private Instant nextSweep = Instant.MIN;

    ConnectorPace(Clock clock) {
        this.clock = clock;
    }

    /** A send allowed now; it counts from now until {@link #sent} moves it to when the connector answered. */
    interface Permit {
        void sent();
    }

    /** The answer of {@link #tryAcquire}: a permit, or the time to ask again. */
    record Decision(Permit permit, Instant retryAt) {}

    /**
     * @param conversationId the Teams conversation (not the dialog: people of one group chat share its limit)
     * @param tenantId the tenant, or null
     */
    synchronized Decision tryAcquire(String conversationId, String tenantId) {
        Instant now = clock.instant();
        sweep(now);
        SendLog conversation = conversations.computeIfAbsent(conversationId, k -> new SendLog());
        SendLog tenant = tenants.computeIfAbsent(tenantId == null ? "" : tenantId, k -> new SendLog());
        Instant free = later(conversation.freeAt(PER_CONVERSATION), tenant.freeAt(PER_TENANT));
        if (free.isAfter(now)) {
            return new Decision(null, free);
        }
        Instant at = now;
        conversation.add(at);
        tenant.add(at);
        return new Decision(() -> sent(conversation, tenant, at), null);
    }

    private synchronized void sent(SendLog conversation, SendLog tenant, Instant permitted) {
        Instant now = clock.instant();
        conversation.move(permitted, now);
        tenant.move(permitted, now);
    }

    /** Forgets conversations and tenants that sent nothing within the longest window; once a minute. */
    private void sweep(Instant now) {
        if (now.isBefore(nextSweep)) {
            return;
        }
        nextSweep = now.plus(Duration.ofMinutes(1));
        Instant before = now.minus(LONGEST);
        for (Map<String, SendLog> logs : List.of(conversations, tenants)) {
            for (Iterator<SendLog> it = logs.values().iterator(); it.hasNext();) {
                SendLog log = it.next();
                log.forget(before);
                if (log.isEmpty()) {
                    it.remove();
                }
            }
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** The times of recent sends, oldest first. */
    private static final class SendLog {
        private final List<Instant> times = new ArrayList<>();

        /** When the next send fits in every limit (a past instant when it does now). */
        Instant freeAt(List<Limit> limits) {
            Instant free = Instant.MIN;
            for (Limit limit : limits) {
                if (times.size() >= limit.sends()) {
                    // The next send would make limit.sends() within the window with the last sends - 1
                    // ones: it must come a window after the one before those.
                    Instant bound = times.get(times.size() - limit.sends()).plus(limit.window()).plus(MARGIN);
                    free = later(free, bound);
                }
            }
            return free;
        }

        void add(Instant at) {
            int i = times.size();
            while (i > 0 && times.get(i - 1).isAfter(at)) {
                i--;
            }
            times.add(i, at);
            if (times.size() > MAX_KEPT) {
                times.remove(0); // no limit looks further back than its number of sends
            }
        }

        void move(Instant from, Instant to) {
            int i = times.lastIndexOf(from);
            if (i >= 0) {
                times.remove(i);
                add(to);
            }
        }

        void forget(Instant before) {
            int stale = 0;
            while (stale < times.size() && times.get(stale).isBefore(before)) {
                stale++;
            }
            times.subList(0, stale).clear();
        }

        boolean isEmpty() {
            return times.isEmpty();
        }
    }
}
