package org.certdesk.bot.channel.teams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Teams' documented send limits, kept by {@link ConnectorPace} on a clock the test moves. */
class ConnectorPaceTests {
    private static final Instant START = Instant.parse("2026-11-02T08:00:00Z");
    private final MutableClock clock = new MutableClock(START);
    private final ConnectorPace pace = new ConnectorPace(clock);

    @Test
    void sevenAtOnceThenTheEighthWaitsASecond() {
        for (int i = 0; i < 7; i++) {
            assertThat(sendNow("19:chat")).as("send %d", i + 1).isTrue();
        }
        ConnectorPace.Decision eighth = pace.tryAcquire("19:chat", "tenant-1");
        assertThat(eighth.permit()).isNull();
        assertThat(eighth.retryAt()).isEqualTo(START.plusSeconds(1).plus(ConnectorPace.MARGIN));

        clock.advance(Duration.ofSeconds(1).plus(ConnectorPace.MARGIN));
        assertThat(sendNow("19:chat")).as("a window later").isTrue();
        assertThat(pace.tryAcquire("19:chat", "tenant-1").retryAt())
                .as("8 in 2 s: the ninth waits for the first seven to be 2 s old")
                .isEqualTo(START.plusSeconds(2).plus(ConnectorPace.MARGIN));
    }

    @Test
    void conversationsHaveTheirOwnLimitButShareTheTenants() {
        for (int i = 0; i < 7; i++) {
            sendNow("19:first");
        }
        assertThat(sendNow("19:second")).as("another conversation is not held back").isTrue();

        for (int i = 0; i < 22; i++) {
            assertThat(sendNow("19:c" + i)).isTrue();
        }
        assertThat(pace.tryAcquire("19:another", "tenant-1").permit()).as("30 a second for the app in a tenant").isNull();
        assertThat(pace.tryAcquire("19:another", "tenant-2").permit()).as("another tenant").isNotNull();
    }

    @Test
    void aSendCountsFromWhenTheConnectorAnsweredIt() {
        List<ConnectorPace.Permit> permits = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            permits.add(pace.tryAcquire("19:chat", "tenant-1").permit());
        }
        clock.advance(Duration.ofMillis(400)); // a slow token fetch, say: they reached the connector late
        permits.forEach(ConnectorPace.Permit::sent);
        assertThat(pace.tryAcquire("19:chat", "tenant-1").retryAt())
                .isEqualTo(START.plusMillis(400).plusSeconds(1).plus(ConnectorPace.MARGIN));
    }

    /** Whatever the order of asking, no window ever holds more than a limit allows. */
    @Test
    void aLongBurstNeverExceedsAnyLimit() {
        List<Instant> sent = new ArrayList<>();
        while (sent.size() < 200) {
            ConnectorPace.Decision decision = pace.tryAcquire("19:chat", "tenant-1");
            if (decision.permit() != null) {
                decision.permit().sent();
                sent.add(clock.instant());
            } else {
                assertThat(decision.retryAt()).isAfter(clock.instant());
                clock.advance(Duration.ofMillis(37)); // a poller looking now and then, not exactly on time
            }
        }
        for (ConnectorPace.Limit limit : ConnectorPace.PER_CONVERSATION) {
            for (Instant from : sent) {
                long inWindow = sent.stream().filter(t -> !t.isBefore(from) && t.isBefore(from.plus(limit.window()))).count();
                assertThat(inWindow).as("%s from %s", limit, from).isLessThanOrEqualTo(limit.sends());
            }
        }
        assertThat(Duration.between(START, sent.get(sent.size() - 1)))
                .as("60 in 30 s: 200 sends take a little over 90 s, not more").isLessThan(Duration.ofSeconds(110));
    }

    private boolean sendNow(String conversation) {
        ConnectorPace.Decision decision = pace.tryAcquire(conversation, "tenant-1");
        if (decision.permit() == null) {
            return false;
        }
        decision.permit().sent();
        return true;
    }
}
