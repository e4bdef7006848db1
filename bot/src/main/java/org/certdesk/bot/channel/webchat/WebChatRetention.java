package org.certdesk.bot.channel.webchat;

import java.time.Clock;
import java.time.Duration;

import org.certdesk.bot.system.Housekeeping;
import org.certdesk.bot.system.PeriodicSweep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Deletes web chat conversations, with their activities (what the employee typed, what was
 * answered), once nothing happened in them for {@code certdesk.webchat.retention}. Once at start and
 * then every hour ({@link PeriodicSweep}). A browser still showing such a conversation gets 404 and
 * starts a new one when the page is reloaded.
 */
@Component
class WebChatRetention extends PeriodicSweep {
    private static final Logger log = LoggerFactory.getLogger(WebChatRetention.class);
    private static final Duration EVERY = Duration.ofHours(1);

    private final ActivityLog activities;
    private final Duration retention;
    private final Clock clock;

    WebChatRetention(ActivityLog activities, WebChatProperties properties, Clock clock, Housekeeping housekeeping) {
        super("webchat-retention", EVERY, housekeeping);
        this.activities = activities;
        this.retention = properties.retention();
        this.clock = clock;
    }

    @Override
    protected void sweepOnce() {
        sweep();
    }

    /** @return how many conversations were deleted */
    int sweep() {
        int deleted = activities.deleteInactiveSince(clock.instant().minus(retention));
        if (deleted > 0) {
            log.info("web chat: deleted {} conversation(s) with nothing said for {}", deleted, retention);
        }
        return deleted;
    }
}
