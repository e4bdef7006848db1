package org.certdesk.bot.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.certdesk.bot.shared.ConversationKey;
import org.certdesk.bot.testing.StoredConversations;
import org.certdesk.bot.testing.TestDatabases;
import org.certdesk.dialogs.engine.ConversationState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The funnel's record of the states each conversation reached, as turns commit or roll back. */
class StateVisitsTests {
    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aStateIsRecordedOnceWithTheTimeOfTheFirstVisit(TestDatabases database) {
        Store store = new Store(database.dataSource());
        StateVisits visits = new StateVisits(store.jdbc());
        TransactionTemplate turn = store.turn();
        long conversation = newConversation(database);

        turn.executeWithoutResult(s -> visits.reached(conversation, List.of(state("ask_version")), NOW));
        turn.executeWithoutResult(s -> visits.reached(conversation, List.of(state("ask_version"), state("analyze")),
                NOW.plusSeconds(60)));
        turn.executeWithoutResult(s -> visits.reached(conversation, List.of(state("ask_version")), NOW.plusSeconds(120)));

        assertThat(firstVisits(store.jdbc(), conversation)).isEqualTo(Map.of("ask_version", NOW, "analyze", NOW.plusSeconds(60)));
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aVisitOfATurnRolledBackIsRecordedWhenTheStateIsReachedAgain(TestDatabases database) {
        Store store = new Store(database.dataSource());
        StateVisits visits = new StateVisits(store.jdbc());
        TransactionTemplate turn = store.turn();
        long conversation = newConversation(database);

        assertThatThrownBy(() -> turn.executeWithoutResult(s -> {
            visits.reached(conversation, List.of(state("ask_version")), NOW);
            throw new IllegalStateException("the turn failed after the visit");
        })).hasMessage("the turn failed after the visit");
        assertThat(firstVisits(store.jdbc(), conversation)).isEmpty();

        turn.executeWithoutResult(s -> visits.reached(conversation, List.of(state("ask_version")), NOW.plusSeconds(5)));
        assertThat(firstVisits(store.jdbc(), conversation)).isEqualTo(Map.of("ask_version", NOW.plusSeconds(5)));
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aVisitAnotherInstanceRecordedIsNotRecordedAgain(TestDatabases database) {
        Store store = new Store(database.dataSource());
        TransactionTemplate turn = store.turn();
        long conversation = newConversation(database);

        turn.executeWithoutResult(s -> new StateVisits(store.jdbc()).reached(conversation, List.of(state("ask_version")), NOW));
        StateVisits other = new StateVisits(store.jdbc()); // remembers nothing of the first instance's turns
        turn.executeWithoutResult(s -> other.reached(conversation, List.of(state("ask_version")), NOW.plusSeconds(9)));

        assertThat(firstVisits(store.jdbc(), conversation)).isEqualTo(Map.of("ask_version", NOW));
    }

    /** A database of the tests, and turns (transactions) on it. */
    private record Store(JdbcClient jdbc, TransactionTemplate turn) {
        Store(DataSource dataSource) {
            this(JdbcClient.create(dataSource), new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
        }
    }

    private static long newConversation(TestDatabases database) {
        return StoredConversations.number(database.dataSource(), new ConversationKey("msteams", "a:" + UUID.randomUUID()));
    }

    private static ConversationState state(String stateId) {
        return new ConversationState("android-missing-certificate", 1, stateId, "fr",
                ConversationState.Status.ACTIVE, 0, false, null, null, 0, Map.of());
    }

    private static Map<String, Instant> firstVisits(JdbcClient jdbc, long conversation) {
        return jdbc.sql("SELECT state_id, first_at FROM state_visits WHERE conversation_ref = :conversation")
                .param("conversation", conversation)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant()))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
