package org.certdesk.bot.channel.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.certdesk.bot.conversation.TurnProgress;
import org.certdesk.bot.shared.ConversationKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The text answering a mention: waits (polling, so it works whichever instance runs the turn and
 * delivers its replies) until the conversation's replies are all in the mailbox or the reply
 * timeout is near, then takes what is there. When time ran out, it says so and asks for another
 * mention; what comes later waits in the mailbox for it.
 */
@Component
class Answers {
    private static final Logger log = LoggerFactory.getLogger(Answers.class);
    /** Short against the 4 s budget; each look is three indexed counts. */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final Duration SWEEP_EVERY = Duration.ofHours(1);

    private final TurnProgress progress;
    private final Mailbox mailbox;
    private final Duration retention;
    private final Clock clock;
    private volatile Instant nextSweep = Instant.MIN;

    Answers(TurnProgress progress, Mailbox mailbox, WebhookProperties properties, Clock clock) {
        this.progress = progress;
        this.mailbox = mailbox;
        this.retention = properties.mailboxRetention();
        this.clock = clock;
    }

    /**
     * @param fallbackLocale the activity's locale, for a conversation that has none yet
     * @param deadline the {@link System#nanoTime()} by which the answer must be ready
     * @return the answer's Markdown text, never empty
     */
    String collect(ConversationKey key, String fallbackLocale, long deadline) {
        TurnProgress.Progress now = progress.of(key);
        while (!now.done()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(POLL_NANOS, left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // shutting down: answer what is there
                break;
            }
            now = progress.of(key);
        }
        List<String> parts = new ArrayList<>(mailbox.drain(key.conversationId(), clock.instant()));
        String locale = now.locale() != null ? now.locale() : fallbackLocale;
        if (!now.done()) {
            WebhookTexts notice = now.checking() ? WebhookTexts.CHECKING : WebhookTexts.NOT_DONE;
            parts.add(WebhookMarkdown.text(notice.in(locale)));
        } else if (parts.isEmpty()) {
            parts.add(WebhookMarkdown.text(WebhookTexts.NOTHING_NEW.in(locale)));
        }
        sweepNowAndThen();
        return String.join(WebhookMarkdown.PARAGRAPH, parts);
    }

    private void sweepNowAndThen() {
        Instant now = clock.instant();
        if (now.isBefore(nextSweep)) {
            return;
        }
        nextSweep = now.plus(SWEEP_EVERY);
        try {
            mailbox.sweep(now.minus(retention));
        } catch (RuntimeException e) {
            log.warn("webhook mailbox sweep failed, will try again: {}", e.toString());
        }
    }
}
