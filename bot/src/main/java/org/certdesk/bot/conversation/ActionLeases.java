package org.certdesk.bot.conversation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

import org.certdesk.bot.actions.ActionCall;
import org.certdesk.bot.system.CertdeskProperties;
import org.certdesk.bot.system.Timers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps the lease of a slow action alive while its worker runs it. The lease is short
 * ({@code certdesk.turns.action-lease}, seconds), so that when the instance running the TLS probe
 * dies another runs it again within seconds ({@link AbandonedActions}); a probe that takes longer
 * than the lease is not mistaken for a dead one, since its lease is renewed every third of it. A
 * probe still running after {@code certdesk.turns.action-max-run} is presumed hung and no longer
 * renewed, as the old long lease did.
 */
@Component
class ActionLeases {
    private static final Logger log = LoggerFactory.getLogger(ActionLeases.class);

    private final ConversationStore conversations;
    private final Duration lease;
    private final Duration maxRun;
    private final Clock clock;
    /** One UPDATE a renewal: on the timers' thread, which keeps time for the outbox's claims too. */
    private final Timers renewals;

    ActionLeases(ConversationStore conversations, CertdeskProperties properties, Clock clock, Timers renewals) {
        this.renewals = renewals;
        this.conversations = conversations;
        this.lease = properties.turns().actionLease();
        this.maxRun = properties.turns().actionMaxRun();
        this.clock = clock;
    }

    /**
     * Renews the lease of {@code call}'s pending action until the returned hold is closed.
     * Renewing stops by itself once the action is no longer the pending one with a live lease
     * (answered, or taken over after the renewals failed for a whole lease).
     */
    Held keep(ActionCall call) {
        Instant giveUpAt = clock.instant().plus(maxRun);
        Duration every = Duration.ofMillis(Math.max(1, lease.dividedBy(3).toMillis()));
        Held held = new Held();
        held.renewing = renewals.every("action lease of " + call.conversation(), every, every, () -> {
            Instant now = clock.instant();
            if (now.isAfter(giveUpAt)) {
                log.warn("conversation {}: action {} still running after {}; its lease is no longer renewed",
                        call.conversation(), call.request().name(), maxRun);
                held.close();
                return;
            }
            try {
                if (!conversations.renewActionLease(call.conversation(), call.request(), now, now.plus(lease))) {
                    held.close(); // no longer ours to renew
                }
            } catch (RuntimeException e) {
                log.warn("conversation {}: action lease not renewed, will try again: {}", call.conversation(),
                        e.toString());
            }
        });
        return held;
    }

    /** A lease being renewed; closing it stops the renewals (the lease then runs out by itself). */
    static final class Held implements AutoCloseable {
        private volatile ScheduledFuture<?> renewing;

        @Override
        public void close() {
            ScheduledFuture<?> future = renewing;
            if (future != null) {
                future.cancel(false);
            }
        }
    }
}
