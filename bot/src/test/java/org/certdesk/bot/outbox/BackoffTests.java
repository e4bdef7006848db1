package org.certdesk.bot.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class BackoffTests {
    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));

    @RepeatedTest(20)
    void doublesPerAttemptWithJitterWithinTheUpperHalf() {
        assertThat(backoff.next(1, null)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        assertThat(backoff.next(2, null)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(backoff.next(4, null)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
    }

    @RepeatedTest(20)
    void isCappedEvenAfterManyAttempts() {
        assertThat(backoff.next(40, null)).isBetween(Duration.ofMinutes(5).dividedBy(2), Duration.ofMinutes(5));
        assertThat(backoff.next(64, null)).isLessThanOrEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aRetryAfterIsHonouredAsIs() {
        assertThat(backoff.next(1, Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.next(3, Duration.ofMinutes(20))).as("beyond the cap: the remote asked").isEqualTo(Duration.ofMinutes(20));
    }

    @Test
    void anAbsurdRetryAfterIsCappedAtAnHour() {
        assertThat(backoff.next(1, Duration.ofSeconds(99_999_999_999L))).isEqualTo(Duration.ofHours(1));
        assertThat(backoff.next(1, Duration.ofSeconds(Long.MAX_VALUE))).isEqualTo(Duration.ofHours(1));
    }
}
