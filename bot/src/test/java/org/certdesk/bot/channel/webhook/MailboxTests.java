package org.certdesk.bot.channel.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.certdesk.bot.testing.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The mailbox (migration V3) on both databases: order, idempotent puts, each reply given once, sweep. */
class MailboxTests {
    private static final Instant NOW = Instant.parse("2026-11-02T08:00:00Z");
    private static final AtomicLong OUTBOX_IDS = new AtomicLong(System.nanoTime());

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void repliesAreGivenOnceInTheOrderTheyWereSaid(TestDatabases database) {
        Mailbox mailbox = new Mailbox(JdbcClient.create(database.dataSource()));
        String conversation = "19:" + UUID.randomUUID() + "@thread.tacv2;messageid=1|user";
        long first = OUTBOX_IDS.incrementAndGet();
        long second = OUTBOX_IDS.incrementAndGet();

        assertThat(mailbox.hasWaiting(conversation)).isFalse();
        mailbox.put(conversation, second, 2, "two", NOW);
        mailbox.put(conversation, first, 1, "one", NOW);
        mailbox.put(conversation, first, 1, "one again", NOW); // the outbox delivered entry 1 twice
        mailbox.put("other|user", OUTBOX_IDS.incrementAndGet(), 1, "not mine", NOW);

        assertThat(mailbox.hasWaiting(conversation)).isTrue();
        assertThat(mailbox.drain(conversation, NOW)).containsExactly("one", "two");
        assertThat(mailbox.hasWaiting(conversation)).isFalse();
        assertThat(mailbox.drain(conversation, NOW)).isEmpty();

        mailbox.put(conversation, second, 2, "two", NOW.plusSeconds(1));
        assertThat(mailbox.drain(conversation, NOW)).as("a redelivery of a reply already given").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void theSweepForgetsOldRepliesOnly(TestDatabases database) {
        Mailbox mailbox = new Mailbox(JdbcClient.create(database.dataSource()));
        String conversation = UUID.randomUUID() + "|user";
        mailbox.put(conversation, OUTBOX_IDS.incrementAndGet(), 1, "old", NOW.minus(Duration.ofDays(8)));
        mailbox.put(conversation, OUTBOX_IDS.incrementAndGet(), 2, "recent", NOW.minus(Duration.ofDays(1)));

        assertThat(mailbox.sweep(NOW.minus(Duration.ofDays(7)))).isGreaterThanOrEqualTo(1);

        assertThat(mailbox.drain(conversation, NOW)).containsExactly("recent");
    }
}
