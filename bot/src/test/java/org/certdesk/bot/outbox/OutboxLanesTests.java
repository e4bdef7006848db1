package org.certdesk.bot.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import javax.sql.DataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.certdesk.bot.conversation.ConversationStore;
import org.certdesk.bot.shared.ChannelAddress;
import org.certdesk.bot.shared.ConversationKey;
import org.certdesk.bot.system.CertdeskProperties;
import org.certdesk.bot.system.EmbeddedStore;
import org.certdesk.bot.system.Housekeeping;
import org.certdesk.bot.system.Timers;
import org.certdesk.bot.testing.StoredConversations;
import org.certdesk.bot.testing.TestDatabases;
import org.certdesk.dialogs.engine.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The lanes under concurrency, with the poller they hand back to and nothing else of the service: many
 * conversations' turns append their replies at once through {@link OutboxDispatcher#appendAndSend}
 * (each conversation's turns one after the other, as the turn queue runs them), against a real store.
 * What must hold: each reply is delivered once and in order, then deleted from the outbox; a refused
 * delivery stops its lane, and the rest of its conversation waits behind it, in order, while the other lanes go on.
 */
class OutboxLanesTests {
    private static final String CHANNEL = "lanes-test";
    private static final int CONVERSATIONS = 12;
    private static final int TURNS = 10;

    private final ExecutorService turns = Executors.newFixedThreadPool(6);
    private final Map<ConversationKey, List<Long>> delivered = new ConcurrentHashMap<>();
    private Setup setup;

    @AfterEach
    void stop() {
        turns.shutdownNow();
        if (setup != null) {
            setup.stop();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void manyConversationsAtOnceGetEachReplyOnceInOrder(TestDatabases database) throws Exception {
        setup = new Setup(database.fresh(), entry -> DeliveryResult.sent());
        List<ConversationKey> keys = conversations(setup.jdbc);

        runTurns(setup, keys);

        await().atMost(Duration.ofSeconds(30)).until(() -> statuses(setup.jdbc, keys).isEmpty());
        for (ConversationKey key : keys) {
            assertThat(delivered.get(key)).as("what %s received, by sequence", key)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, 2 * TURNS).boxed().toList());
        }
        assertThat(statuses(setup.jdbc, keys)).as("delivered replies leave the outbox").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aRefusedReplyHoldsBackOnlyItsOwnConversationInOrder(TestDatabases database) throws Exception {
        ConversationKey[] failing = new ConversationKey[1];
        AtomicInteger refusals = new AtomicInteger();
        // The first attempt at the first reply of the third turn of one conversation gets a 503.
        setup = new Setup(database.fresh(), entry -> entry.address().key().equals(failing[0])
                && entry.sequence() == 5 && refusals.getAndIncrement() == 0
                        ? DeliveryResult.retry(null, "503 Service Unavailable") : DeliveryResult.sent());
        List<ConversationKey> keys = conversations(setup.jdbc);
        failing[0] = keys.get(3);

        runTurns(setup, keys);

        await().atMost(Duration.ofSeconds(30)).until(() -> statuses(setup.jdbc, keys).isEmpty());
        List<Long> expected = new ArrayList<>(LongStream.rangeClosed(1, 2 * TURNS).boxed().toList());
        expected.add(4, 5L);
        assertThat(delivered.get(failing[0])).as("the refused reply again, then the rest, in order")
                .containsExactlyElementsOf(expected);
        assertThat(refusals).hasValue(2);
        for (ConversationKey key : keys.stream().filter(k -> !k.equals(failing[0])).toList()) {
            assertThat(delivered.get(key)).containsExactlyElementsOf(LongStream.rangeClosed(1, 2 * TURNS).boxed().toList());
        }
        assertThat(statuses(setup.jdbc, keys)).as("delivered replies leave the outbox").isEmpty();
    }

    /** Each conversation's turns in order on one thread at a time; conversations in parallel. */
    private void runTurns(Setup setup, List<ConversationKey> keys) throws Exception {
        List<Future<?>> running = new ArrayList<>();
        for (ConversationKey key : keys) {
            running.add(turns.submit(() -> IntStream.rangeClosed(1, TURNS).forEach(turn -> setup.turn(key, turn))));
        }
        for (Future<?> turn : running) {
            turn.get(60, TimeUnit.SECONDS);
        }
    }

    private static EmbeddedStore embeddedStore(DataSource dataSource) {
        try {
            return new EmbeddedStore(dataSource);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The outbox of one instance, delivering to a recording channel, on a database of its own. */
    private final class Setup {
        final JdbcClient jdbc;
        final OutboxDispatcher dispatcher;
        final TransactionTemplate transaction;
        final Timers timers = new Timers();
        final Housekeeping housekeeping = new Housekeeping();

        Setup(DataSource dataSource, Function<OutboxEntry, DeliveryResult> answers) throws SQLException {
            jdbc = JdbcClient.create(dataSource);
            JsonMapper json = JsonMapper.builder().build();
            OutboxStore store = new OutboxStore(jdbc, new OutboundJson(json), new ConversationStore(jdbc, json),
                    new OutboxInstance("test"));
            // A short poll and backoff: what the poller takes over comes within the test's patience.
            CertdeskProperties properties = new Binder(new MapConfigurationPropertySource(Map.of(
                    "certdesk.outbox.poll-interval", "100ms", "certdesk.outbox.initial-backoff", "200ms",
                    "certdesk.outbox.workers", "4")))
                    .bindOrCreate("certdesk", CertdeskProperties.class);
            Clock clock = Clock.systemUTC();
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            Delivery delivery = new Delivery() {
                @Override
                public String channel() {
                    return CHANNEL;
                }

                @Override
                public DeliveryResult deliver(OutboxEntry entry) {
                    delivered.computeIfAbsent(entry.address().key(), k -> Collections.synchronizedList(new ArrayList<>()))
                            .add(entry.sequence());
                    return answers.apply(entry);
                }
            };
            var noJournal = new org.certdesk.bot.system.AcceptedActivitiesJournal(dataSource, false);
            dispatcher = new OutboxDispatcher(store, List.of(delivery), new DeliveryResults(store, properties, clock, meters),
                    new OutboxHousekeeping(store, properties), properties, clock, meters, new EmbeddedStore(dataSource),
                    new org.certdesk.bot.system.GroupedCheckpoints(dataSource, noJournal, meters), // not started: durable at once
                    noJournal, timers, housekeeping);
            transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
            timers.start();
            housekeeping.start();
            dispatcher.start();
        }

        void stop() {
            dispatcher.stop();
            housekeeping.stop();
            timers.destroy();
        }

        /** A turn's commit: its replies appended in its transaction, sent once it committed. */
        void turn(ConversationKey key, int turn) {
            ChannelAddress address = new ChannelAddress(CHANNEL, key.conversationId(), null, null, null, null, null,
                    null, null, null);
            transaction.executeWithoutResult(status -> dispatcher.appendAndSend(address,
                    List.of(say(turn + "a"), say(turn + "b")), Instant.now()));
        }
    }

    private static List<ConversationKey> conversations(JdbcClient jdbc) {
        List<ConversationKey> keys = new ArrayList<>();
        for (int i = 0; i < CONVERSATIONS; i++) {
            ConversationKey key = new ConversationKey(CHANNEL, UUID.randomUUID().toString());
            jdbc.sql("INSERT INTO conversations (channel, conversation_id, created_at) VALUES (:channel, :id, :now)")
                    .param("channel", key.channel()).param("id", key.conversationId())
                    .param("now", Instant.now().atOffset(ZoneOffset.UTC)).update();
            StoredConversations.stateRow(jdbc, key);
            keys.add(key);
        }
        return keys;
    }

    private static Map<String, Long> statuses(JdbcClient jdbc, List<ConversationKey> keys) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        jdbc.sql("SELECT status, COUNT(*) FROM outbox WHERE conversation_ref IN (SELECT id FROM conversations"
                        + " WHERE channel = :channel AND conversation_id IN (:ids))"
                        + " GROUP BY status")
                .param("channel", CHANNEL).param("ids", keys.stream().map(ConversationKey::conversationId).toList())
                .query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2))).list();
        return counts;
    }



    private static Outbound say(String text) {
        return new Outbound.Say(new Message.Text(text), "fr");
    }
}
