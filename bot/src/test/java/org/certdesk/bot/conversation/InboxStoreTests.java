package org.certdesk.bot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.certdesk.bot.shared.ChannelAddress;
import org.certdesk.bot.testing.TestDatabases;
import org.certdesk.dialogs.engine.UserInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** The inbox on both databases: de-duplication by activity id, order, failures, the retention sweep. */
class InboxStoreTests {
    private static final Instant NOW = Instant.parse("2026-11-02T08:00:00Z");
    private static final InboundJson CODEC = new InboundJson(JsonMapper.builder().build());

    private static InboxStore store(TestDatabases database) {
        return new InboxStore(JdbcClient.create(database.dataSource()), CODEC,
                new org.certdesk.bot.system.AcceptedActivitiesJournal(database.dataSource(), false));
    }

    /** The conversation's number, its row created first if need be (as the inbox's callers do). */
    static long number(TestDatabases database, ChannelAddress address) {
        return new ConversationStore(JdbcClient.create(database.dataSource()), JsonMapper.builder().build())
                .number(address, NOW);
    }

    static Inbound inbound(ChannelAddress address, String activityId, UserInput input, Instant at) {
        return new Inbound(activityId, address, input, "fr-FR", at);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void theSameActivityIdIsAcceptedOncePerConversation(TestDatabases database) {
        InboxStore store = store(database);
        ChannelAddress one = ConversationStoreTests.address(UUID.randomUUID().toString());
        ChannelAddress other = ConversationStoreTests.address(UUID.randomUUID().toString());

        assertThat(store.accept(number(database, one), inbound(one, "a1", new UserInput.Text("bonjour"), NOW))).isTrue();
        assertThat(store.accept(number(database, one), inbound(one, "a1", new UserInput.Text("bonjour"), NOW))).isFalse();
        assertThat(store.accept(number(database, other), inbound(other, "a1", new UserInput.Text("bonjour"), NOW))).isTrue();

        assertThat(store.oldest(number(database, one))).get().extracting(row -> row.inbound().activityId()).isEqualTo("a1");
        store.done(store.oldest(number(database, one)).orElseThrow().id());
        assertThat(store.oldest(number(database, one))).isEmpty();
        assertThat(store.accept(number(database, one), inbound(one, "a1", new UserInput.Text("bonjour"), NOW)))
                .as("still a duplicate after processing").isFalse();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void rowsComeOutInArrivalOrderAndFailedOnesAreSetAside(TestDatabases database) {
        InboxStore store = store(database);
        ChannelAddress address = ConversationStoreTests.address(UUID.randomUUID().toString());
        for (String id : List.of("a1", "a2", "a3")) {
            store.accept(number(database, address), inbound(address, id, new UserInput.Text(id), NOW));
        }
        InboxRow first = store.oldest(number(database, address)).orElseThrow();
        assertThat(first.inbound().activityId()).isEqualTo("a1");

        assertThat(store.failed(first.id(), "boom", 2)).isEqualTo(1);
        assertThat(store.oldest(number(database, address)).orElseThrow().attempts()).isEqualTo(1);
        assertThat(store.failed(first.id(), "boom", 2)).isEqualTo(2);

        assertThat(store.oldest(number(database, address)).orElseThrow().inbound().activityId()).isEqualTo("a2");
        assertThat(store.waiting(NOW.plusSeconds(1))).contains(address.key());
        assertThat(store.waiting(NOW.minusSeconds(1))).doesNotContain(address.key());
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void anUnreadableRowIsSetAsideAndDoesNotBlockItsConversation(TestDatabases database) {
        InboxStore store = store(database);
        ChannelAddress address = ConversationStoreTests.address(UUID.randomUUID().toString());
        store.accept(number(database, address), inbound(address, "a1", new UserInput.Text("a1"), NOW));
        store.accept(number(database, address), inbound(address, "a2", new UserInput.Text("a2"), NOW));
        // What a newer release may have written: an input type this one does not know.
        JdbcClient.create(database.dataSource())
                .sql("UPDATE inbox SET payload = REPLACE(payload, '\"type\":\"text\"', '\"type\":\"voice\"')"
                        + " WHERE conversation_ref = :conversation AND activity_id = 'a1'")
                .param("conversation", number(database, address)).update();

        assertThat(store.oldest(number(database, address)).orElseThrow().inbound().activityId()).isEqualTo("a2");
        assertThat(JdbcClient.create(database.dataSource())
                .sql("SELECT failed FROM inbox WHERE conversation_ref = :conversation AND activity_id = 'a1'")
                .param("conversation", number(database, address)).query(Boolean.class).single()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void theSweepForgetsOldActivityIds(TestDatabases database) {
        InboxStore store = store(database);
        ChannelAddress address = ConversationStoreTests.address(UUID.randomUUID().toString());
        Instant longAgo = Instant.parse("2020-01-01T00:00:00Z");
        store.accept(number(database, address), inbound(address, "old", new UserInput.Text("x"), longAgo));
        store.done(store.oldest(number(database, address)).orElseThrow().id());

        assertThat(store.sweep(longAgo.plusSeconds(1))).isGreaterThanOrEqualTo(1);

        assertThat(store.accept(number(database, address), inbound(address, "old", new UserInput.Text("x"), NOW))).isTrue();
    }

    @Test
    void everyInputSurvivesTheStoredForm() {
        ChannelAddress address = new ChannelAddress("directline", "c-1", null, null, null, "u-1", null, null, null, null);
        List<UserInput> inputs = List.of(new UserInput.Start("fr-CA"), new UserInput.Start(null),
                new UserInput.Text("« Contoso » ça marche"), new UserInput.Choice("android_11_plus"),
                new UserInput.SwitchLocale("en"), new UserInput.Resume("ask_version"),
                new UserInput.ActionResult("2", "cert.lookup-by-name", "found", Map.of("missing_name", "X")));
        for (UserInput input : inputs) {
            Inbound inbound = new Inbound("a-" + input.hashCode(), address, input, null, NOW);
            assertThat(CODEC.read(CODEC.write(inbound))).isEqualTo(inbound);
        }
    }
}
