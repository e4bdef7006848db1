package org.certdesk.bot.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import org.awaitility.Awaitility;
import org.certdesk.bot.shared.ChannelAddress;
import org.certdesk.bot.testing.TestDatabases;
import org.certdesk.dialogs.engine.ActionRequest;
import org.certdesk.dialogs.engine.ConversationState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The conversation store on both databases: round trips, the version check, the row lock. */
class ConversationStoreTests {
    private static final Instant NOW = Instant.parse("2026-11-02T08:00:00Z");

    private ConversationStore store(DataSource dataSource) {
        return new ConversationStore(JdbcClient.create(dataSource), JsonMapper.builder().build());
    }

    static ChannelAddress address(String conversationId) {
        return new ChannelAddress("msteams", conversationId, "https://smba.trafficmanager.net/emea/", "28:bot",
                "Certdesk", "29:user", "Alex Dupont", "aad-1", "tenant-1", "personal");
    }

    static ConversationState state(String stateId, Map<String, String> variables) {
        return new ConversationState("android-missing-certificate", 1, stateId, "fr",
                ConversationState.Status.ACTIVE, 0, false, null, null, 0, variables);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aNewRowHasNoStateUntilItsFirstSave(TestDatabases database) {
        ConversationStore store = store(database.dataSource());
        ChannelAddress address = address(UUID.randomUUID().toString());
        store.createIfAbsent(address, NOW);
        store.createIfAbsent(address, NOW); // a second instance racing: no error, one row

        Conversation created = store.find(address.key()).orElseThrow();
        assertThat(created.state()).isNull();
        assertThat(created.version()).isZero();
        assertThat(created.address().channel()).isEqualTo("msteams");

        Conversation saved = store.save(created.withAddress(address).withState(state("ask_version", Map.of("a", "é"))), NOW);

        Conversation read = store.find(address.key()).orElseThrow();
        assertThat(saved.version()).isEqualTo(1);
        assertThat(read.version()).isEqualTo(1);
        assertThat(read.state()).isEqualTo(saved.state());
        assertThat(read.address()).isEqualTo(address);
        assertThat(read.pendingAction()).isNull();
        assertThat(read.androidApiLevel()).isNull();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aStaleSaveFailsAndKeepsTheFirst(TestDatabases database) {
        ConversationStore store = store(database.dataSource());
        ChannelAddress address = address(UUID.randomUUID().toString());
        store.createIfAbsent(address, NOW);
        Conversation read = store.find(address.key()).orElseThrow().withAddress(address);

        store.save(read.withState(state("first", Map.of())), NOW);

        assertThatThrownBy(() -> store.save(read.withState(state("second", Map.of())), NOW))
                .isInstanceOf(StaleConversationException.class)
                .hasMessageContaining("no longer at version 0");
        assertThat(store.find(address.key()).orElseThrow().state().stateId()).isEqualTo("first");
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void pendingActionAndItsLeaseRoundTrip(TestDatabases database) {
        ConversationStore store = store(database.dataSource());
        ChannelAddress address = address(UUID.randomUUID().toString());
        store.createIfAbsent(address, NOW);
        Conversation read = store.find(address.key()).orElseThrow().withAddress(address);
        ActionRequest request = new ActionRequest("3", "cert.analyze", Map.of("android_version", "11_plus"));
        Instant lease = NOW.plus(Duration.ofMinutes(2)).truncatedTo(ChronoUnit.MILLIS);

        store.save(read.withState(state("analyze", Map.of())).withPendingAction(request, lease, 1), NOW);

        Conversation stored = store.find(address.key()).orElseThrow();
        assertThat(stored.pendingAction()).isEqualTo(request);
        assertThat(stored.actionLeaseUntil()).isEqualTo(lease);
        assertThat(stored.actionAttempts()).isEqualTo(1);
        assertThat(store.withExpiredActionLease(lease.minusSeconds(1))).doesNotContain(address.key());
        assertThat(store.withExpiredActionLease(lease.plusSeconds(1))).contains(address.key());
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void theAndroidLevelIsSavedWithoutTouchingTheVersion(TestDatabases database) {
        ConversationStore store = store(database.dataSource());
        ChannelAddress address = address(UUID.randomUUID().toString());
        store.createIfAbsent(address, NOW);
        Conversation read = store.find(address.key()).orElseThrow();

        assertThat(store.saveAndroidApiLevel(read.id(), 33)).isTrue();
        assertThat(store.saveAndroidApiLevel(-1, 33)).isFalse();

        Conversation after = store.find(address.key()).orElseThrow();
        assertThat(after.androidApiLevel()).isEqualTo(33);
        assertThat(after.version()).isEqualTo(read.version());
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aSaveLeavesALeaseRenewedSinceItsReadAlone(TestDatabases database) {
        ConversationStore store = store(database.dataSource());
        ChannelAddress address = address(UUID.randomUUID().toString());
        store.createIfAbsent(address, NOW);
        ActionRequest request = new ActionRequest("3", "cert.analyze", Map.of("android_version", "11_plus"));
        Instant lease = NOW.plus(Duration.ofMinutes(2));
        store.save(store.find(address.key()).orElseThrow().withAddress(address)
                .withState(state("analyze", Map.of())).withPendingAction(request, lease, 1), NOW);
        Conversation read = store.find(address.key()).orElseThrow();

        // The action's worker renews its lease after the turn read the conversation: a turn locks the
        // conversation's state row, not the row the lease is in, so the renewal does not wait for it.
        Instant renewed = lease.plus(Duration.ofMinutes(1));
        assertThat(store.renewActionLease(address.key(), request, NOW.plusSeconds(30), renewed)).isTrue();
        store.save(read.withState(state("analyze", Map.of("note", "kept"))), NOW.plusSeconds(31));

        Conversation after = store.find(address.key()).orElseThrow();
        assertThat(after.state().variables()).containsEntry("note", "kept");
        assertThat(after.actionLeaseUntil()).as("the renewal is not undone by a save that did not change the action")
                .isEqualTo(renewed);
        assertThat(after.pendingAction()).isEqualTo(request);
        assertThat(after.address()).isEqualTo(address);

        // A save that does change it writes it.
        store.save(after.withPendingAction(null, null, 0), NOW.plusSeconds(40));
        assertThat(store.find(address.key()).orElseThrow().pendingAction()).isNull();
        assertThat(store.withExpiredActionLease(renewed.plusSeconds(1))).doesNotContain(address.key());
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void theRowLockMakesASecondTurnWaitForTheFirst(TestDatabases database) throws Exception {
        DataSource dataSource = database.dataSource();
        ConversationStore store = store(dataSource);
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        ChannelAddress address = address(UUID.randomUUID().toString());
        store.createIfAbsent(address, NOW);
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);

        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(status -> {
            Conversation conversation = store.lock(address.key()).orElseThrow().withAddress(address);
            locked.countDown();
            await(finish);
            store.save(conversation.withState(state("first", Map.of())), NOW);
        }));
        assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Conversation> second = CompletableFuture.supplyAsync(
                () -> transaction.execute(status -> store.lock(address.key()).orElseThrow()));

        // The fact, not a duration: the database reports the second turn waiting for the first's lock.
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> database.hasASessionWaitingForALock(dataSource));
        assertThat(second).as("the second turn waits while the first holds the lock").isNotDone();
        finish.countDown();
        first.get(10, TimeUnit.SECONDS);
        Conversation seen = second.get(10, TimeUnit.SECONDS);

        assertThat(seen.version()).as("the second lock sees the first turn's commit").isEqualTo(1);
        assertThat(seen.state().stateId()).isEqualTo("first");
    }

    /**
     * A turn locks a conversation it has seen by its number. Rows an operator deleted by hand are
     * not locked under their old number: the conversation, created again, is locked under its new one.
     */
    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aConversationDeletedByHandAndCreatedAgainIsLockedUnderItsNewNumber(TestDatabases database) {
        DataSource dataSource = database.dataSource();
        ConversationStore store = store(dataSource);
        JdbcClient jdbc = JdbcClient.create(dataSource);
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        ChannelAddress address = address(UUID.randomUUID().toString());
        store.createIfAbsent(address, NOW);
        long first = transaction.execute(status -> store.lock(address.key()).orElseThrow().id());
        Long second = transaction.execute(status -> store.lock(address.key()).orElseThrow().id());
        assertThat(second).isEqualTo(first);

        jdbc.sql("DELETE FROM conversation_states WHERE conversation_ref = ?").param(first).update();
        jdbc.sql("DELETE FROM conversations WHERE id = ?").param(first).update();
        Optional<Conversation> gone = transaction.execute(status -> store.lock(address.key()));
        assertThat(gone).isEmpty();

        store.createIfAbsent(address, NOW);
        Conversation again = transaction.execute(status -> store.lock(address.key()).orElseThrow());
        assertThat(again.id()).isNotEqualTo(first).isEqualTo(store.find(address.key()).orElseThrow().id());
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void theOutboxCounterNumbersRepliesOnWithinTurnsAndAfterARollback(TestDatabases database) {
        DataSource dataSource = database.dataSource();
        ConversationStore store = store(dataSource);
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        ChannelAddress address = address(UUID.randomUUID().toString());
        store.createIfAbsent(address, NOW);

        // A turn locks the row, then reserves (twice when it escalated): counted on from what it locked.
        long[] turn = transaction.execute(s -> {
            store.lock(address.key()).orElseThrow();
            return new long[] {store.reserve(address.key(), 2).last(), store.reserve(address.key(), 1).last()};
        });
        assertThat(turn).containsExactly(2, 3);
        // An append without a turn (an agent's message) reads the counter back.
        Long appended = transaction.execute(s -> store.reserve(address.key(), 1).last());
        assertThat(appended).isEqualTo(4);
        // A turn rolled back: its numbers are free again, and the next turn does not count on from them.
        assertThatThrownBy(() -> transaction.executeWithoutResult(s -> {
            store.lock(address.key()).orElseThrow();
            assertThat(store.reserve(address.key(), 5).last()).isEqualTo(9);
            throw new IllegalStateException("the turn failed");
        })).hasMessage("the turn failed");
        Long next = transaction.execute(s -> store.reserve(address.key(), 1).last());
        assertThat(next).isEqualTo(5);
        Long last = transaction.execute(s -> {
            store.lock(address.key()).orElseThrow();
            return store.reserve(address.key(), 1).last();
        });
        assertThat(last).isEqualTo(6);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aTurnsSaveNumbersItsRepliesAndEveryOtherAppendCountsOn(TestDatabases database) {
        DataSource dataSource = database.dataSource();
        ConversationStore store = store(dataSource);
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        ChannelAddress address = address(UUID.randomUUID().toString());
        store.createIfAbsent(address, NOW);

        long[] first = transaction.execute(s -> {
            Conversation locked = store.lock(address.key()).orElseThrow();
            store.save(locked.withAddress(address).withState(state("ask_version", Map.of())), NOW, 2);
            return new long[] {store.reserve(address.key(), 2).last(), store.reserve(address.key(), 1).last()};
        });
        assertThat(first).as("the turn's two replies, then one more (an escalation's notice)").containsExactly(2, 3);
        Long agent = transaction.execute(s -> store.reserve(address.key(), 1).last());
        assertThat(agent).isEqualTo(4);
        Long other = transaction.execute(s -> {
            Conversation locked = store.lock(address.key()).orElseThrow();
            store.save(locked.withState(state("analyze", Map.of())), NOW, 3);
            return store.reserve(address.key(), 1).last(); // not what the save numbered: counted on after them
        });
        assertThat(other).isEqualTo(8);
        Long next = transaction.execute(s -> store.reserve(address.key(), 1).last());
        assertThat(next).isEqualTo(9);
        assertThat(store.find(address.key()).orElseThrow().state().stateId()).isEqualTo("analyze");
        // Each way of reserving names the conversation its entries are stored under.
        long number = store.number(address.key()).orElseThrow();
        List<Long> reserved = transaction.execute(s -> {
            Conversation locked = store.lock(address.key()).orElseThrow();
            store.save(locked, NOW, 1);
            return List.of(store.reserve(address.key(), 1).conversation(), store.reserve(address.key(), 1).conversation());
        });
        assertThat(reserved).as("numbered by the save, then counted on from the lock").containsExactly(number, number);
        Long readBack = transaction.execute(s -> store.reserve(address.key(), 1).conversation());
        assertThat(readBack).as("read back").isEqualTo(number);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let the first turn finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
