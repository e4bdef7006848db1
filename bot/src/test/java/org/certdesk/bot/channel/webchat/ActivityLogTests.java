package org.certdesk.bot.channel.webchat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.certdesk.bot.testing.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** The activity log's SQL on both stores: H2 in PostgreSQL mode and a real PostgreSQL. */
class ActivityLogTests {
    private static final AtomicLong OUTBOX_IDS = new AtomicLong(1_000_000);

    private static ActivityLog log(TestDatabases database) {
        DataSource dataSource = database.dataSource();
        return new ActivityLog(JdbcClient.create(dataSource), new DataSourceTransactionManager(dataSource),
                Clock.systemUTC());
    }

    private static String newId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 22);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aConversationIsStartedOnlyOnce(TestDatabases database) {
        ActivityLog log = log(database);
        String id = newId();
        log.create(id, "fr-FR");
        assertThat(log.find(id)).contains(new ActivityLog.Conversation(id, "fr-FR", false));

        assertThat(log.markStarted(id)).isTrue();
        assertThat(log.markStarted(id)).isFalse();
        assertThat(log.find(id).orElseThrow().started()).isTrue();
        assertThat(log.find("nobody")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void appendsAreNumberedInOrderAndReadAfterAWatermark(TestDatabases database) {
        ActivityLog log = log(database);
        String id = newId();
        log.create(id, null);
        for (int i = 1; i <= 5; i++) {
            int n = i;
            assertThat(log.append(id, null, seq -> "{\"n\":" + n + ",\"seq\":" + seq + "}")).hasValue(i);
        }
        assertThat(log.after(id, 0, 3)).extracting(ActivityLog.Stored::seq).containsExactly(1L, 2L, 3L);
        assertThat(log.after(id, 3, 100)).extracting(ActivityLog.Stored::json)
                .containsExactly("{\"n\":4,\"seq\":4}", "{\"n\":5,\"seq\":5}");
        assertThat(log.after(id, 5, 100)).isEmpty();
    }

    /** The retention sweep: a conversation goes, with its activities, only once nothing happened in it since. */
    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void conversationsQuietSinceTheCutOffAreDeletedWithTheirActivities(TestDatabases database) {
        DataSource dataSource = database.dataSource();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        Instant now = Instant.now();
        Instant cutOff = now.minus(Duration.ofDays(30));
        ActivityLog then = new ActivityLog(jdbc, new DataSourceTransactionManager(dataSource),
                Clock.fixed(cutOff.minus(Duration.ofDays(1)), ZoneOffset.UTC));
        ActivityLog today = new ActivityLog(jdbc, new DataSourceTransactionManager(dataSource),
                Clock.fixed(now, ZoneOffset.UTC));
        String quiet = newId();
        String neverUsed = newId();
        String stillTalking = newId();
        String recent = newId();
        then.create(quiet, "fr");
        then.append(quiet, null, seq -> "{\"text\":\"old\"}");
        then.create(neverUsed, null);
        then.create(stillTalking, "en");
        then.append(stillTalking, null, seq -> "{\"text\":\"old\"}");
        today.append(stillTalking, null, seq -> "{\"text\":\"today\"}");
        today.create(recent, "en");

        assertThat(today.deleteInactiveSince(cutOff)).isGreaterThanOrEqualTo(2);

        assertThat(today.find(quiet)).isEmpty();
        assertThat(today.find(neverUsed)).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM webchat_activities WHERE conversation_id = :id").param("id", quiet)
                .query(Long.class).single()).as("its activities went with it").isZero();
        assertThat(today.find(stillTalking)).isPresent();
        assertThat(today.after(stillTalking, 0, 10)).hasSize(2);
        assertThat(today.find(recent)).isPresent();
        assertThat(today.deleteInactiveSince(cutOff)).as("nothing left to delete").isZero();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void theSameOutboxEntryIsAppendedOnce(TestDatabases database) {
        ActivityLog log = log(database);
        String id = newId();
        log.create(id, null);
        long outboxId = OUTBOX_IDS.incrementAndGet();
        assertThat(log.append(id, outboxId, seq -> "{\"first\":true}")).hasValue(1);
        assertThat(log.append(id, outboxId, seq -> "{\"again\":true}")).hasValue(1);
        assertThat(log.after(id, 0, 10)).extracting(ActivityLog.Stored::json).containsExactly("{\"first\":true}");
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void nothingIsAppendedToAnUnknownConversation(TestDatabases database) {
        assertThat(log(database).append("unknown-" + newId(), null, seq -> "{}")).isEqualTo(OptionalLong.empty());
    }

    /** The bot's replies and the user's echo arrive on different threads (and instances): no number twice, none skipped. */
    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void concurrentAppendsGetConsecutiveNumbers(TestDatabases database) throws Exception {
        ActivityLog log = log(database);
        String id = newId();
        log.create(id, null);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Long>> appends = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                Long outboxId = i % 2 == 0 ? OUTBOX_IDS.incrementAndGet() : null;
                appends.add(() -> log.append(id, outboxId, seq -> "{}").orElseThrow());
            }
            List<Long> seqs = new ArrayList<>();
            for (Future<Long> seq : threads.invokeAll(appends)) {
                seqs.add(seq.get());
            }
            assertThat(seqs).containsExactlyInAnyOrderElementsOf(
                    java.util.stream.LongStream.rangeClosed(1, 40).boxed().toList());
        } finally {
            threads.shutdownNow();
        }
        assertThat(log.after(id, 0, 100)).extracting(ActivityLog.Stored::seq)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 40).boxed().toList());
    }
}
