package org.certdesk.bot.conversation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * {@code certdesk.turns} (user activities processed, by channel) and {@code certdesk.turn.latency}
 * (from the channel receiving the activity to its replies being committed to the outbox: queueing
 * and actions included, delivery excluded).
 */
@Component
class TurnMetrics {
    private final MeterRegistry registry;
    private final Clock clock;

    TurnMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    void turnDone(String channel, Instant receivedAt) {
        Counter.builder("certdesk.turns").description("User activities processed")
                .tag("channel", channel).register(registry).increment();
        Duration latency = Duration.between(receivedAt, clock.instant());
        Timer.builder("certdesk.turn.latency").description("From receiving an activity to its replies in the outbox")
                .tag("channel", channel).register(registry)
                .record(latency.isNegative() ? Duration.ZERO : latency);
    }

    /** A conversation's first turn (the welcome): what the helpdesk's escalation rate is divided by. */
    void conversationStarted(String channel) {
        Counter.builder("certdesk.conversations.started").description("Conversations started (welcomes)")
                .tag("channel", channel).register(registry).increment();
    }
}
