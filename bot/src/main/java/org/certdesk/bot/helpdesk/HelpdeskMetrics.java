package org.certdesk.bot.helpdesk;

import java.time.Duration;
import java.time.Instant;

import org.certdesk.bot.system.AfterCommit;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The helpdesk's numbers, under Actuator's metrics: cases not closed yet
 * ({@code certdesk.helpdesk.cases.open}), time from escalation to an agent taking the case and to its
 * resolution, and escalations by reason (their rate: divided by {@code certdesk.conversations.started}).
 */
@Component
class HelpdeskMetrics {
    private final MeterRegistry registry;
    private final Timer toTake;
    private final Timer toResolve;

    HelpdeskMetrics(MeterRegistry registry, CaseStore cases) {
        this.registry = registry;
        Gauge.builder("certdesk.helpdesk.cases.open", cases, CaseStore::countActive)
                .description("Helpdesk cases queued or taken, not closed yet").register(registry);
        this.toTake = Timer.builder("certdesk.helpdesk.time-to-take")
                .description("From the escalation to an agent taking the case").register(registry);
        this.toResolve = Timer.builder("certdesk.helpdesk.time-to-resolve")
                .description("From the escalation to the agent resolving the case").register(registry);
    }

    void escalated(String reason) {
        AfterCommit.run(() -> Counter.builder("certdesk.helpdesk.escalations")
                .description("Conversations handed to the helpdesk, by reason").tag("reason", reason)
                .register(registry).increment());
    }

    void taken(HelpdeskCase helpdeskCase, Instant now) {
        AfterCommit.run(() -> toTake.record(Duration.between(helpdeskCase.createdAt(), now)));
    }

    void resolved(HelpdeskCase helpdeskCase, Instant now) {
        AfterCommit.run(() -> toResolve.record(Duration.between(helpdeskCase.createdAt(), now)));
    }
}
