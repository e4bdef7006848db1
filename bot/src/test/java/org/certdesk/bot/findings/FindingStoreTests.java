package org.certdesk.bot.findings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.certdesk.bot.shared.ConversationKey;
import org.certdesk.bot.testing.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The findings store on both databases: a finding opens once per key however often (or by however
 * many instances) it is seen, closes once, and a later problem with the same key opens a new one;
 * employees are counted once each, whatever conversations and analyses they had.
 */
class FindingStoreTests {
    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aFindingOpensOnceClosesOnceAndCanOpenAgain(TestDatabases database) {
        FindingStore store = new FindingStore(JdbcClient.create(database.fresh()));
        FoundProblem problem = problem("sts." + UUID.randomUUID() + ".test");

        long id = store.open(problem, List.of(30, 24), T0).orElseThrow();
        assertThat(store.open(problem, List.of(24), T0.plusSeconds(60))).as("already open").isEmpty();
        assertThat(store.openKeysOn(problem.host(), 443)).containsEntry(problem.key(), id);
        store.seen(id, List.of(24, 25, 30), T0.plusSeconds(900));

        ServerFinding open = store.find(id).orElseThrow();
        assertThat(open.open()).isTrue();
        assertThat(open.androidLevels()).containsExactly(24, 25, 30);
        assertThat(open.firstSeen()).isEqualTo(T0);
        assertThat(open.lastSeen()).isEqualTo(T0.plusSeconds(900));
        assertThat(open.certificateName()).isEqualTo("Contoso Issuing CA 1");

        assertThat(store.close(id, T0.plusSeconds(1800))).isTrue();
        assertThat(store.close(id, T0.plusSeconds(1900))).as("closed once").isFalse();
        assertThat(store.find(id).orElseThrow().closedAt()).isEqualTo(T0.plusSeconds(1800));
        assertThat(store.openKeysOn(problem.host(), 443)).isEmpty();

        long again = store.open(problem, List.of(24), T0.plusSeconds(3600)).orElseThrow();
        assertThat(again).isNotEqualTo(id);
        assertThat(store.list(true)).extracting(ServerFinding::id).containsExactly(again);
        assertThat(store.list(false)).extracting(ServerFinding::id).containsExactly(id);
        assertThat(store.list(null)).extracting(ServerFinding::id).containsExactly(again, id);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void employeesAreCountedOnceEach(TestDatabases database) {
        JdbcClient jdbc = JdbcClient.create(database.fresh());
        FindingStore store = new FindingStore(jdbc);
        long id = store.open(problem("adfs.contoso.test"), List.of(30), T0).orElseThrow();
        ConversationKey first = conversation(jdbc, "aad-1");
        ConversationKey again = conversation(jdbc, "aad-1"); // the same employee, a second conversation
        ConversationKey other = conversation(jdbc, "aad-2");

        store.met(id, first, "action:1", T0);
        store.met(id, first, "action:1", T0); // the same analysis recorded again
        store.met(id, first, "action:2", T0);
        store.met(id, again, "action:1", T0);
        store.met(id, other, "action:1", T0);

        assertThat(store.find(id).orElseThrow().employeesAffected()).isEqualTo(2);
        assertThat(store.metIn(first, "action:2")).extracting(ServerFinding::id).containsExactly(id);
        assertThat(store.metIn(other, "action:2")).isEmpty();
        assertThat(store.metBy(again)).extracting(ServerFinding::id).containsExactly(id);
    }

    private static FoundProblem problem(String host) {
        return new FoundProblem(host, 443, "INCOMPLETE_CHAIN", "Contoso Issuing CA 1", "ab".repeat(32),
                "served without it");
    }

    private static ConversationKey conversation(JdbcClient jdbc, String aadObjectId) {
        ConversationKey key = new ConversationKey("msteams", "a:" + UUID.randomUUID());
        jdbc.sql("INSERT INTO conversations (channel, conversation_id, user_aad_object_id, created_at)"
                        + " VALUES (:channel, :id, :aad, :now)")
                .param("channel", key.channel()).param("id", key.conversationId()).param("aad", aadObjectId)
                .param("now", FindingStore.utc(T0)).update();
        return key;
    }
}
