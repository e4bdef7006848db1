package org.certdesk.bot.channel.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.certdesk.bot.conversation.TurnProgress;
import org.certdesk.bot.shared.ConversationKey;
import org.certdesk.bot.system.WorkerThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The text answering a mention: looks (polling, so it works whichever instance runs the turn and
 * delivers its replies) until the conversation's replies are all in the mailbox or the reply
 * timeout is near, then takes what is there. When time ran out, it says so and asks for another
 * mention; what comes later waits in the mailbox for it.
 *
 * <p>The looks run on a few threads of this class's own, scheduled rather than sleeping: a mention
 * waiting for its turn holds no thread at all (neither the servlet container's nor one of these),
 * so a burst of mentions does not queue behind the ones that wait.
 */
@Component
class Answers implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(Answers.class);
    /** Short against the 4 s budget; each look is three indexed counts. */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final Duration SWEEP_EVERY = Duration.ofHours(1);
    /** Enough for the looks (a few milliseconds each, every 50 ms per waiting mention) of a busy team. */
    private static final int LOOKERS = 2;

    private final TurnProgress progress;
    private final Mailbox mailbox;
    private final Duration retention;
    private final Clock clock;
    private final ScheduledExecutorService lookers;
    private volatile Instant nextSweep = Instant.MIN;

    Answers(TurnProgress progress, Mailbox mailbox, WebhookProperties properties, Clock clock) {
        this.progress = progress;
        this.mailbox = mailbox;
        this.retention = properties.mailboxRetention();
        this.clock = clock;
        this.lookers = Executors.newScheduledThreadPool(LOOKERS, WorkerThreads.named("webhook-answers"));
    }

    /**
     * Returns at once; the answer completes when the turn is done or at {@code deadline}.
     *
     * @param fallbackLocale the activity's locale, for a conversation that has none yet
     * @param deadline the {@link System#nanoTime()} by which the answer must be ready
     * @return the answer's Markdown text, never empty
     */
    CompletableFuture<String> collect(ConversationKey key, String fallbackLocale, long deadline) {
        CompletableFuture<String> answer = new CompletableFuture<>();
        schedule(() -> look(key, fallbackLocale, deadline, answer), 0, key, fallbackLocale, answer);
        return answer;
    }

    private void look(ConversationKey key, String fallbackLocale, long deadline, CompletableFuture<String> answer) {
        try {
            TurnProgress.Progress now = progress.of(key);
            long left = deadline - System.nanoTime();
            if (now.done() || left <= 0) {
                answer.complete(answer(key, now, fallbackLocale));
            } else {
                schedule(() -> look(key, fallbackLocale, deadline, answer), Math.min(POLL_NANOS, left), key,
                        fallbackLocale, answer);
            }
        } catch (RuntimeException | Error e) {
            answer.completeExceptionally(e);
        }
    }

    private void schedule(Runnable look, long delayNanos, ConversationKey key, String fallbackLocale,
            CompletableFuture<String> answer) {
        try {
            lookers.schedule(look, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // Shutting down: answer what is there rather than leave Teams waiting.
            answer.complete(answer(key, progress.of(key), fallbackLocale));
        }
    }

    private String answer(ConversationKey key, TurnProgress.Progress now, String fallbackLocale) {
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

    @Override
    public void destroy() {
        lookers.shutdownNow();
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
