package org.certdesk.bot.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.certdesk.bot.shared.ConversationKey;
import org.certdesk.bot.testing.BotTest;
import org.certdesk.bot.testing.FakeRemote;
import org.certdesk.bot.testing.StoredConversations;
import org.certdesk.bot.testing.TestChannel;
import org.certdesk.dialogs.engine.Message;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The dispatcher in the running application, against the test channel's scripted remote end. */
@BotTest
class OutboxDispatcherTests {
    @Autowired
    OutboxStore store;
    @Autowired
    OutboxDispatcher dispatcher;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    MeterRegistry meters;

    private final FakeRemote remote = FakeRemote.get();

    static ConversationKey conversation(JdbcClient jdbc, String channel) {
        ConversationKey key = new ConversationKey(channel, "outbox-" + UUID.randomUUID());
        jdbc.sql("INSERT INTO conversations (channel, conversation_id, created_at) VALUES (:channel, :id, :now)")
                .param("channel", key.channel()).param("id", key.conversationId())
                .param("now", Instant.now().atOffset(ZoneOffset.UTC)).update();
        StoredConversations.stateRow(jdbc, key);
        return key;
    }

    static List<Outbound> says(String... texts) {
        return java.util.Arrays.stream(texts).map(t -> (Outbound) new Outbound.Say(new Message.Text(t), "en")).toList();
    }

    private List<String> statuses(ConversationKey key) {
        return jdbc.sql("SELECT status FROM outbox WHERE conversation_ref IN (SELECT id FROM conversations"
                        + " WHERE channel = :channel AND conversation_id = :id) ORDER BY sequence")
                .param("channel", key.channel()).param("id", key.conversationId()).query(String.class).list();
    }

    @Test
    void a503ThenA429ThenSuccessDeliversEachReplyOnceInOrder() {
        ConversationKey key = conversation(jdbc, TestChannel.NAME);
        remote.script(key.conversationId(), DeliveryResult.retry(null, "503 Service Unavailable"),
                DeliveryResult.retry(Duration.ofMillis(300), "429 Too Many Requests"));
        double retriesBefore = meters.counter("certdesk.outbox.retries", "channel", TestChannel.NAME).count();

        transaction.executeWithoutResult(s -> store.append(key, says("one", "two", "three"), Instant.now()));
        dispatcher.wake();

        await().atMost(Duration.ofSeconds(10)).until(() -> remote.received(key.conversationId()).size() == 3);
        assertThat(remote.received(key.conversationId())).extracting(OutboxEntry::sequence).containsExactly(1L, 2L, 3L);
        assertThat(remote.received(key.conversationId())).extracting(e -> ((Message.Text) ((Outbound.Say) e.payload())
                .message()).text()).containsExactly("one", "two", "three");
        List<FakeRemote.Attempt> attempts = remote.attempts(key.conversationId());
        assertThat(attempts).extracting(a -> a.entry().sequence()).containsExactly(1L, 1L, 1L, 2L, 3L);
        assertThat(attempts).extracting(a -> a.entry().attempts()).containsExactly(0, 1, 2, 0, 0);
        assertThat(Duration.between(attempts.get(1).at(), attempts.get(2).at()))
                .as("Retry-After honoured").isGreaterThanOrEqualTo(Duration.ofMillis(290));
        await().atMost(Duration.ofSeconds(5)).alias("delivered replies leave the outbox").until(() -> statuses(key).isEmpty());
        assertThat(meters.counter("certdesk.outbox.retries", "channel", TestChannel.NAME).count() - retriesBefore)
                .isEqualTo(2);
    }

    @Test
    void aRejectedReplyIsSetAsideAndTheNextOneStillGoes() {
        ConversationKey key = conversation(jdbc, TestChannel.NAME);
        remote.script(key.conversationId(), DeliveryResult.rejected("400 Bad Request"));

        transaction.executeWithoutResult(s -> store.append(key, says("bad", "good"), Instant.now()));
        dispatcher.wake();

        await().atMost(Duration.ofSeconds(10)).until(() -> remote.received(key.conversationId()).size() == 1);
        assertThat(remote.received(key.conversationId())).extracting(OutboxEntry::sequence).containsExactly(2L);
        await().atMost(Duration.ofSeconds(5)).until(() -> statuses(key).equals(List.of("FAILED")));
        assertThat(jdbc.sql("SELECT last_error FROM outbox WHERE conversation_ref IN (SELECT id FROM conversations"
                        + " WHERE conversation_id = :id) AND sequence = 1")
                .param("id", key.conversationId()).query(String.class).single()).isEqualTo("400 Bad Request");
    }

    @Test
    void repliesOfAChannelNobodyDeliversStayPending() {
        ConversationKey key = conversation(jdbc, "carrier-pigeon");
        double pollsBefore = polls();

        transaction.executeWithoutResult(s -> store.append(key, says("coo"), Instant.now()));
        dispatcher.wake();
        // Three polls done since: at least two began after the reply was stored, and left it alone.
        await().atMost(Duration.ofSeconds(10)).until(() -> polls() >= pollsBefore + 3);

        assertThat(statuses(key)).containsExactly("PENDING");
        assertThat(jdbc.sql("SELECT attempts FROM outbox WHERE conversation_ref IN (SELECT id FROM conversations"
                        + " WHERE conversation_id = :id)")
                .param("id", key.conversationId()).query(Integer.class).single()).isZero();
        assertThat(meters.get("certdesk.outbox.backlog").gauge().value()).isGreaterThanOrEqualTo(1);
    }

    private static org.certdesk.bot.shared.ChannelAddress address(ConversationKey key) {
        return new org.certdesk.bot.shared.ChannelAddress(key.channel(), key.conversationId(), null, null, null,
                null, null, null, null, null);
    }

    private double polls() {
        return meters.get("certdesk.outbox.polls").counter().count();
    }

    private List<String> texts(ConversationKey key) {
        return remote.received(key.conversationId()).stream()
                .map(e -> ((Message.Text) ((Outbound.Say) e.payload()).message()).text()).toList();
    }

    @Test
    void aTurnsRepliesGoStraightOutOnceInOrderAndTheNextTurnsFollow() {
        ConversationKey key = conversation(jdbc, TestChannel.NAME);

        transaction.executeWithoutResult(s -> dispatcher.appendAndSend(address(key), says("a", "b", "c"), Instant.now()));
        transaction.executeWithoutResult(s -> dispatcher.appendAndSend(address(key), says("d", "e"), Instant.now()));

        await().atMost(Duration.ofSeconds(10)).until(() -> texts(key).size() == 5);
        assertThat(texts(key)).containsExactly("a", "b", "c", "d", "e");
        assertThat(remote.attempts(key.conversationId())).hasSize(5);
        await().atMost(Duration.ofSeconds(5)).alias("delivered replies leave the outbox").until(() -> statuses(key).isEmpty());
    }

    @Test
    void whenAReplyIsRefusedTheRestWaitsForItsRetryAndLaterTurnsQueueBehindIt() throws InterruptedException {
        ConversationKey key = conversation(jdbc, TestChannel.NAME);
        // The second reply is refused once, with a Retry-After long enough for a second turn to come meanwhile.
        remote.script(key.conversationId(), DeliveryResult.sent(),
                DeliveryResult.retry(Duration.ofMillis(700), "429 Too Many Requests"));

        transaction.executeWithoutResult(s -> dispatcher.appendAndSend(address(key), says("1", "2", "3"), Instant.now()));
        await().atMost(Duration.ofSeconds(5)).until(() -> remote.attempts(key.conversationId()).size() == 2);
        transaction.executeWithoutResult(s -> dispatcher.appendAndSend(address(key), says("4"), Instant.now()));

        await().atMost(Duration.ofSeconds(10)).until(() -> texts(key).size() == 4);
        assertThat(texts(key)).containsExactly("1", "2", "3", "4");
        assertThat(remote.attempts(key.conversationId())).extracting(a -> a.entry().sequence())
                .containsExactly(1L, 2L, 2L, 3L, 4L);
        await().atMost(Duration.ofSeconds(5)).alias("delivered replies leave the outbox").until(() -> statuses(key).isEmpty());
    }
}
