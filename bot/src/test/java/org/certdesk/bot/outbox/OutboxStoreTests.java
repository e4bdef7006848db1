package org.certdesk.bot.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.certdesk.bot.conversation.ConversationStore;
import org.certdesk.bot.shared.ConversationKey;
import org.certdesk.bot.testing.StoredConversations;
import org.certdesk.bot.testing.TestDatabases;
import org.certdesk.dialogs.engine.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** The outbox on both databases: sequences, "only the lowest pending is due", claims, statuses. */
class OutboxStoreTests {
    private static final Instant NOW = Instant.parse("2026-11-02T08:00:00Z");
    private static final OutboundJson CODEC = new OutboundJson(JsonMapper.builder().build());
    private static final Set<String> CHANNELS = Set.of("test");

    private static ConversationKey conversation(JdbcClient jdbc) {
        ConversationKey key = new ConversationKey("test", UUID.randomUUID().toString());
        jdbc.sql("INSERT INTO conversations (channel, conversation_id, user_id, created_at)"
                        + " VALUES (:channel, :id, 'u-1', :now)")
                .param("channel", key.channel()).param("id", key.conversationId())
                .param("now", NOW.atOffset(ZoneOffset.UTC)).update();
        StoredConversations.stateRow(jdbc, key);
        return key;
    }

    private static Outbound say(String text) {
        return new Outbound.Say(new Message.Text(text), "fr");
    }

    private static List<OutboxEntry> dueFor(OutboxStore store, ConversationKey key, Instant at) {
        return store.due(CHANNELS, at, 1000).stream().filter(e -> e.address().key().equals(key)).toList();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void onlyTheLowestPendingEntryOfAConversationIsDue(TestDatabases database) {
        JdbcClient jdbc = JdbcClient.create(database.dataSource());
        OutboxStore store = new OutboxStore(jdbc, CODEC, new ConversationStore(jdbc, JsonMapper.builder().build()),
                new OutboxInstance("test"));
        ConversationKey key = conversation(jdbc);
        store.append(key, List.of(say("one"), say("two")), NOW);
        store.append(key, List.of(say("three")), NOW);

        OutboxEntry first = dueFor(store, key, NOW).get(0);
        assertThat(dueFor(store, key, NOW)).hasSize(1);
        assertThat(first.sequence()).isEqualTo(1);
        assertThat(first.payload()).isEqualTo(say("one"));
        assertThat(first.address().userId()).isEqualTo("u-1");

        assertThat(store.claim(first.id(), NOW, NOW.plusSeconds(60))).isTrue();
        assertThat(store.claim(first.id(), NOW, NOW.plusSeconds(60))).as("claimed once").isFalse();
        assertThat(dueFor(store, key, NOW)).as("a claimed entry still holds back the next").isEmpty();

        store.retry(first.id(), NOW.plusSeconds(5), "503");
        assertThat(dueFor(store, key, NOW.plusSeconds(1))).as("backing off, and still first").isEmpty();
        OutboxEntry again = dueFor(store, key, NOW.plusSeconds(5)).get(0);
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.attempts()).isEqualTo(1);

        store.sent(first.id());
        assertThat(dueFor(store, key, NOW.plusSeconds(5))).extracting(OutboxEntry::sequence).containsExactly(2L);

        OutboxEntry second = dueFor(store, key, NOW).get(0);
        store.failed(second.id(), "400 bad activity");
        assertThat(dueFor(store, key, NOW)).as("a failed entry does not block the conversation")
                .extracting(OutboxEntry::sequence).containsExactly(3L);
        store.sent(dueFor(store, key, NOW).get(0).id());
        assertThat(dueFor(store, key, NOW)).isEmpty();
        store.sent(first.id());
        assertThat(dueFor(store, key, NOW)).as("a sent entry is never due again").isEmpty();
        assertThat(jdbc.sql("SELECT sequence, status FROM outbox WHERE conversation_ref IN"
                        + " (SELECT id FROM conversations WHERE conversation_id = :id)")
                .param("id", key.conversationId()).query((rs, n) -> rs.getLong(1) + " " + rs.getString(2)).list())
                .as("the outbox keeps what is undelivered: the refused entry, not the sent ones")
                .containsExactly("2 FAILED");
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void conversationsAreIndependentAndChannelsFiltered(TestDatabases database) {
        JdbcClient jdbc = JdbcClient.create(database.dataSource());
        OutboxStore store = new OutboxStore(jdbc, CODEC, new ConversationStore(jdbc, JsonMapper.builder().build()),
                new OutboxInstance("test"));
        ConversationKey a = conversation(jdbc);
        ConversationKey b = conversation(jdbc);
        store.append(a, List.of(say("a1"), say("a2")), NOW);
        store.append(b, List.of(say("b1")), NOW);

        assertThat(dueFor(store, a, NOW)).extracting(OutboxEntry::sequence).containsExactly(1L);
        assertThat(dueFor(store, b, NOW)).extracting(OutboxEntry::sequence).containsExactly(1L);
        assertThat(store.due(Set.of("msteams"), NOW, 1000)).noneMatch(e -> e.address().key().equals(a));
        assertThat(store.due(Set.of(), NOW, 1000)).isEmpty();
        assertThat(store.pendingChannels()).contains("test");
        assertThat(store.pendingCount()).isGreaterThanOrEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void appendingToAnUnknownConversationFails(TestDatabases database) {
        OutboxStore store = new OutboxStore(JdbcClient.create(database.dataSource()), CODEC,
                new ConversationStore(JdbcClient.create(database.dataSource()), JsonMapper.builder().build()),
                new OutboxInstance("test"));

        assertThatThrownBy(() -> store.append(new ConversationKey("test", "nobody"), List.of(say("x")), NOW))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void everyOutboundSurvivesTheStoredForm() {
        List<Outbound> all = List.of(new Outbound.Typing(), say("Bonjour « vous » !"),
                new Outbound.Say(new Message.Choices(List.of(new Message.Option("a", "A"), new Message.Option("b", "B"))), "en"),
                new Outbound.Say(new Message.Choices("Which one?", List.of(new Message.Option("a", "A"))), "en"),
                new Outbound.Say(new Message.Facts(List.of(new Message.Fact("SHA-256", "ab12"))), "en"),
                new Outbound.Say(new Message.Download("https://x/certificates/ab.crt?c=1.x", "X.crt", "ab12"), "fr"));
        for (Outbound outbound : all) {
            assertThat(CODEC.read(CODEC.write(outbound))).isEqualTo(outbound);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aClaimIsRenewedOnlyByTheInstanceThatStillHoldsIt(TestDatabases database) {
        JdbcClient jdbc = JdbcClient.create(database.dataSource());
        ConversationStore conversations = new ConversationStore(jdbc, JsonMapper.builder().build());
        OutboxStore store = new OutboxStore(jdbc, CODEC, conversations, new OutboxInstance("test"));
        OutboxStore other = new OutboxStore(jdbc, CODEC, conversations, new OutboxInstance("other"));
        ConversationKey key = conversation(jdbc);
        org.certdesk.bot.shared.ChannelAddress address = new org.certdesk.bot.shared.ChannelAddress(
                key.channel(), key.conversationId(), null, null, null, "u-1", null, null, null, null);
        List<OutboxEntry> entries = store.appendClaimed(store.reserve(key, 2), address, List.of(say("one"), say("two")),
                NOW, NOW.plusSeconds(6));
        long one = entries.get(0).id();
        long two = entries.get(1).id();

        assertThat(store.renewClaims(List.of(one, two), NOW.plusSeconds(10))).containsExactlyInAnyOrder(one, two);
        assertThat(dueFor(store, key, NOW.plusSeconds(9))).as("renewed: not due before the new end").isEmpty();
        assertThat(other.renewClaims(List.of(one), NOW.plusSeconds(20))).as("not the other instance's").isEmpty();
        assertThat(dueFor(store, key, NOW.plusSeconds(10))).extracting(OutboxEntry::id).containsExactly(one);

        // The claim ran out and another instance's poller took the first entry: only the second stays ours.
        assertThat(other.claim(one, NOW.plusSeconds(10), NOW.plusSeconds(16))).isTrue();
        assertThat(store.renewClaims(List.of(one, two), NOW.plusSeconds(17))).containsExactly(two);
        store.sentAll(List.of(two));
        assertThat(store.renewClaims(List.of(two), NOW.plusSeconds(18))).as("sent: nothing to renew").isEmpty();
    }

    /**
     * After a crash: the restarted instance (same id) gets its previous run's claims back at once;
     * another instance's claim waits for its lease unless the store is the embedded one (every claim
     * dead); an entry waiting for a retry keeps its backoff either way.
     */
    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aRestartGivesBackItsPreviousRunsClaimsButNoRetry(TestDatabases database) {
        JdbcClient jdbc = JdbcClient.create(database.fresh());
        OutboxStore killed = new OutboxStore(jdbc, CODEC, new ConversationStore(jdbc, JsonMapper.builder().build()),
                new OutboxInstance("host-a"));
        OutboxStore alive = new OutboxStore(jdbc, CODEC, new ConversationStore(jdbc, JsonMapper.builder().build()),
                new OutboxInstance("host-b"));
        ConversationKey mine = conversation(jdbc);
        ConversationKey theirs = conversation(jdbc);
        ConversationKey throttled = conversation(jdbc);
        Instant lease = NOW.plusSeconds(120);
        killed.append(mine, List.of(say("claimed by the killed run")), NOW);
        assertThat(killed.claim(dueFor(killed, mine, NOW).get(0).id(), NOW, lease)).isTrue();
        alive.append(theirs, List.of(say("claimed by a live instance")), NOW);
        assertThat(alive.claim(dueFor(alive, theirs, NOW).get(0).id(), NOW, lease)).isTrue();
        killed.append(throttled, List.of(say("answered 429, retried in a minute")), NOW);
        long retried = dueFor(killed, throttled, NOW).get(0).id();
        assertThat(killed.claim(retried, NOW, lease)).isTrue();
        killed.retry(retried, NOW.plusSeconds(60), "HTTP 429");

        Instant restart = NOW.plusSeconds(5);
        OutboxStore restarted = new OutboxStore(jdbc, CODEC, new ConversationStore(jdbc, JsonMapper.builder().build()),
                new OutboxInstance("host-a"));
        assertThat(restarted.releaseClaims(true, restart)).isEqualTo(1);
        assertThat(dueFor(restarted, mine, restart)).extracting(OutboxEntry::payload)
                .containsExactly(say("claimed by the killed run"));
        assertThat(dueFor(restarted, theirs, restart)).as("a live instance's claim").isEmpty();
        assertThat(dueFor(restarted, throttled, restart)).as("a retry's backoff").isEmpty();

        assertThat(restarted.releaseClaims(false, restart)).as("the embedded store: every claim is dead").isEqualTo(1);
        assertThat(dueFor(restarted, theirs, restart)).hasSize(1);
        assertThat(dueFor(restarted, throttled, restart)).as("a retry's backoff").isEmpty();
        assertThat(dueFor(restarted, throttled, NOW.plusSeconds(60))).hasSize(1);
    }

    /**
     * The poll runs after every delivery that left entries behind: it must read the due entries, not
     * every conversation (with the channel taken from the conversation, H2 planned the look-up from
     * the conversations of those channels, and the outbox side of a turn cost twice as much under
     * load once a few thousand conversations were stored).
     */
    @Test
    void thePollStartsFromTheDueEntriesHoweverManyConversationsThereAre() {
        JdbcClient jdbc = JdbcClient.create(TestDatabases.H2.fresh());
        jdbc.sql("INSERT INTO conversations (channel, conversation_id, created_at)"
                + " SELECT 'msteams', 'a:' || \"X\", :now FROM SYSTEM_RANGE(1, 20000)")
                .param("now", NOW.atOffset(java.time.ZoneOffset.UTC)).update();
        jdbc.sql("INSERT INTO conversation_states (conversation_ref, updated_at) SELECT id, created_at FROM conversations")
                .update();
        OutboxStore store = new OutboxStore(jdbc, CODEC, new ConversationStore(jdbc, JsonMapper.builder().build()),
                new OutboxInstance("test"));
        for (int i = 1; i <= 150; i++) {
            store.append(new ConversationKey("msteams", "a:" + i), List.of(say("reply")), NOW);
        }
        jdbc.sql("ANALYZE").update();

        String plan = jdbc.sql("EXPLAIN " + OutboxStore.DUE).param("now", NOW.atOffset(java.time.ZoneOffset.UTC))
                .param("channels", List.of("msteams", "webchat")).param("limit", 64).query(String.class).single();

        assertThat(plan.indexOf("\"outbox\" \"o\"")).as(plan).isNotNegative()
                .isLessThan(plan.indexOf("\"conversations\" \"c\""));
        assertThat(store.due(List.of("msteams"), NOW, 64)).hasSize(64);
    }

    @Test
    void aDeliveryTheLaneClaimedAtCreationIsGivenBackToo() {
        JdbcClient jdbc = JdbcClient.create(TestDatabases.H2.fresh());
        OutboxStore killed = new OutboxStore(jdbc, CODEC, new ConversationStore(jdbc, JsonMapper.builder().build()),
                new OutboxInstance("host-a"));
        ConversationKey key = conversation(jdbc);
        killed.appendClaimed(killed.reserve(key, 1), new org.certdesk.bot.shared.ChannelAddress(key.channel(),
                key.conversationId(),
                null, null, null, "u-1", null, null, null, null), List.of(say("held by a lane")), NOW, NOW.plusSeconds(120));
        assertThat(dueFor(killed, key, NOW.plusSeconds(5))).isEmpty();

        OutboxStore restarted = new OutboxStore(jdbc, CODEC, new ConversationStore(jdbc, JsonMapper.builder().build()),
                new OutboxInstance("host-a"));
        assertThat(restarted.releaseClaims(true, NOW.plusSeconds(5))).isEqualTo(1);
        assertThat(dueFor(restarted, key, NOW.plusSeconds(5))).hasSize(1);
    }

    /**
     * The retention sweep: refused (FAILED) entries past it go, and so do the SENT rows that releases
     * before V18 kept; PENDING entries stay however old, and a recent FAILED one stays.
     */
    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void theSweepDeletesOldRefusedAndFormerlySentEntriesOnly(TestDatabases database) {
        JdbcClient jdbc = JdbcClient.create(database.fresh());
        OutboxStore store = new OutboxStore(jdbc, CODEC, new ConversationStore(jdbc, JsonMapper.builder().build()),
                new OutboxInstance("test"));
        ConversationKey key = conversation(jdbc);
        Instant old = NOW.minus(java.time.Duration.ofDays(8));
        store.append(key, List.of(say("refused long ago"), say("sent by an earlier release"), say("still waiting")), old);
        store.append(key, List.of(say("refused today")), NOW);
        jdbc.sql("UPDATE outbox SET status = 'FAILED' WHERE conversation_ref IN"
                        + " (SELECT id FROM conversations WHERE conversation_id = :id) AND sequence IN (1, 4)")
                .param("id", key.conversationId()).update();
        jdbc.sql("UPDATE outbox SET status = 'SENT' WHERE conversation_ref IN"
                        + " (SELECT id FROM conversations WHERE conversation_id = :id) AND sequence = 2")
                .param("id", key.conversationId()).update();

        assertThat(store.sweep(NOW.minus(java.time.Duration.ofDays(7)))).isEqualTo(2);
        assertThat(jdbc.sql("SELECT sequence FROM outbox WHERE conversation_ref IN"
                        + " (SELECT id FROM conversations WHERE conversation_id = :id) ORDER BY sequence")
                .param("id", key.conversationId()).query(Long.class).list()).containsExactly(3L, 4L);
    }
}
