package org.certdesk.bot.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.certdesk.bot.shared.ConversationKey;
import org.certdesk.bot.testing.FakeRemote;
import org.certdesk.bot.testing.TestApplications;
import org.certdesk.bot.testing.TestChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The connector answers 503, then 429, then 200; the bot is stopped in the middle and started again
 * on the same database: each reply still arrives once, in order, and what was acknowledged before
 * the stop is not sent again.
 */
class OutboxRestartTests {
    private final FakeRemote remote = FakeRemote.get();

    @Test
    void repliesArriveOnceInOrderAcrossARestart(@TempDir Path directory) {
        String database = TestApplications.h2File(directory);
        ConversationKey key;
        try (ConfigurableApplicationContext first = TestApplications.start(database)) {
            JdbcClient jdbc = first.getBean(JdbcClient.class);
            key = OutboxDispatcherTests.conversation(jdbc, TestChannel.NAME);
            // The first reply goes through; the second meets a 503, then a 429 asking for 30 s.
            remote.script(key.conversationId(), DeliveryResult.sent(), DeliveryResult.retry(null, "503"),
                    DeliveryResult.retry(Duration.ofSeconds(30), "429"));
            first.getBean(TransactionTemplate.class).executeWithoutResult(s -> first.getBean(OutboxStore.class)
                    .append(key, OutboxDispatcherTests.says("one", "two", "three"), Instant.now()));
            first.getBean(OutboxDispatcher.class).wake();
            await().atMost(Duration.ofSeconds(10)).until(() -> remote.attempts(key.conversationId()).size() == 3);
        }
        assertThat(remote.received(key.conversationId())).extracting(OutboxEntry::sequence).containsExactly(1L);

        try (ConfigurableApplicationContext second = TestApplications.start(database)) {
            // The 429's 30 s are honoured across the restart; shorten them rather than wait.
            second.getBean(JdbcClient.class).sql("UPDATE outbox SET next_attempt_at = CURRENT_TIMESTAMP"
                    + " WHERE conversation_ref IN (SELECT id FROM conversations WHERE conversation_id = :id)"
                    + " AND status = 'PENDING'").param("id", key.conversationId()).update();
            second.getBean(OutboxDispatcher.class).wake();

            await().atMost(Duration.ofSeconds(10)).until(() -> remote.received(key.conversationId()).size() == 3);
            List<FakeRemote.Attempt> attempts = remote.attempts(key.conversationId());
            assertThat(remote.received(key.conversationId())).extracting(OutboxEntry::sequence).containsExactly(1L, 2L, 3L);
            assertThat(attempts).extracting(a -> a.entry().sequence()).containsExactly(1L, 2L, 2L, 2L, 3L);
            assertThat(attempts.get(3).entry().attempts()).as("the count of attempts survived too").isEqualTo(2);
        }
    }
}
