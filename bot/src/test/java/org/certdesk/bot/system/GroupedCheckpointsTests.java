package org.certdesk.bot.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.certdesk.bot.conversation.TurnSubmitter;
import org.certdesk.bot.shared.DurableWrites;
import org.certdesk.bot.testing.HeldStoreLock;
import org.certdesk.bot.testing.LoopbackPki;
import org.certdesk.bot.testing.TestApplications;
import org.certdesk.bot.testing.TestChat;
import org.certdesk.bot.testing.TestProperties;
import org.certdesk.dialogs.engine.UserInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.mvstore.MVStore;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The writes to H2's file are counted, with the commits each one served; what waits for a write runs
 * in the order it was asked for, whether the writer or a waiting caller writes.
 */
class GroupedCheckpointsTests {

    @Test
    void whatWaitsForAWriteRunsInTheOrderItWasAskedForWhoeverWrites(@TempDir Path directory) throws Exception {
        JdbcDataSource dataSource = fileStore(directory);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (id INT PRIMARY KEY, text VARCHAR(100))");
        }
        MeterRegistry meters = new SimpleMeterRegistry();
        GroupedCheckpoints checkpoints = new GroupedCheckpoints(dataSource, new AcceptedActivitiesJournal(dataSource, false), meters);
        checkpoints.start();
        ExecutorService callers = Executors.newFixedThreadPool(5);
        try {
            List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch allRan = new CountDownLatch(1);
            int actions = 3000;
            List<Future<?>> work = new ArrayList<>();
            // One thread asks for actions in order, as a conversation's turns hand over their replies;
            // four others commit and wait for their commits at the same time, and write when they can.
            work.add(callers.submit(() -> {
                for (int i = 0; i < actions; i++) {
                    int n = i;
                    checkpoints.afterDurable(() -> {
                        ran.add(n);
                        if (n == actions - 1) {
                            allRan.countDown();
                        }
                    });
                }
                return null;
            }));
            for (int caller = 0; caller < 4; caller++) {
                int first = caller * 1_000_000;
                work.add(callers.submit(() -> {
                    try (Connection connection = dataSource.getConnection();
                            Statement statement = connection.createStatement()) {
                        for (int i = 0; i < 300; i++) {
                            statement.execute("INSERT INTO t VALUES (" + (first + i) + ", 'line')");
                            checkpoints.awaitDurable();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> done : work) {
                done.get(60, TimeUnit.SECONDS);
            }
            assertThat(allRan.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(ran).containsExactlyElementsOf(IntStream.range(0, actions).boxed().toList());
            DistributionSummary writes = meters.get("certdesk.store.write.group").summary();
            assertThat(writes.totalAmount()).as("every caller and action released by a write").isEqualTo(actions + 4 * 300);
        } finally {
            callers.shutdownNow();
            checkpoints.stop();
        }
    }

    /**
     * While commits come one at a time, a thread can get ready during the write its commit waits for
     * (a reply's lane): the signal it is given opens once that write is in the file, not before.
     */
    @Test
    void aSignalOpensOnlyOnceTheFileHoldsWhatWasCommittedBeforeIt(@TempDir Path directory) throws Exception {
        JdbcDataSource dataSource = fileStore(directory);
        GroupedCheckpoints checkpoints = new GroupedCheckpoints(dataSource, new AcceptedActivitiesJournal(dataSource, false),
                new SimpleMeterRegistry());
        checkpoints.start();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (id INT PRIMARY KEY, text VARCHAR(100))");
            checkpoints.awaitDurable();
            MVStore store = StoreFileWrites.mvStore(connection);

            statement.execute("INSERT INTO t VALUES (1, 'line')");
            DurableWrites.Signal written;
            try (HeldStoreLock stuck = new HeldStoreLock(store)) {
                written = checkpoints.signalWhenWrittenHere();
                assertThat(written).as("a signal while commits come one at a time").isNotNull();
                assertThat(written.await(Duration.ofMillis(300))).as("open before the write").isFalse();
            }
            assertThat(written.await(Duration.ofSeconds(10))).as("open once written").isTrue();
        } finally {
            checkpoints.stop();
        }
    }

    /**
     * The store's writer stops H2's own background writer and writes, within half a second, what was
     * committed without anyone waiting (a reply marked delivered, a sweep), as H2's did; once it stops,
     * H2's writer runs again.
     */
    @Test
    void theStoresWriterWritesWhatNobodyWaitsForInsteadOfH2sWriter(@TempDir Path directory) throws Exception {
        JdbcDataSource dataSource = fileStore(directory);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (id INT PRIMARY KEY, text VARCHAR(100))");
            assertThat(h2Writers(directory)).as("H2's writer, before").isEqualTo(1);
            GroupedCheckpoints checkpoints = new GroupedCheckpoints(dataSource,
                    new AcceptedActivitiesJournal(dataSource, false), new SimpleMeterRegistry());
            checkpoints.start();
            try {
                await().atMost(Duration.ofSeconds(5)).alias("H2's writer stopped").until(() -> h2Writers(directory) == 0);
                MVStore store = StoreFileWrites.mvStore(connection);
                await().atMost(Duration.ofSeconds(5)).until(() -> !store.hasUnsavedChanges());

                statement.execute("INSERT INTO t VALUES (1, 'nobody waits for me')");
                await().atMost(Duration.ofSeconds(3)).alias("written without H2's writer")
                        .until(() -> !store.hasUnsavedChanges());
                assertThat(h2Writers(directory)).isZero();
            } finally {
                checkpoints.stop();
            }
            assertThat(h2Writers(directory)).as("H2's writer, once the store's writer stopped").isEqualTo(1);
        }
    }

    /** H2 in a file of {@code directory}, with its defaults (a write delay of 500 ms, its background writer). */
    private static JdbcDataSource fileStore(Path directory) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + directory.resolve("store") + ";MODE=PostgreSQL");
        return dataSource;
    }

    /** H2's background writers of the store in {@code directory} (H2 names each after its file). */
    private static long h2Writers(Path directory) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("MVStore background writer")
                        && thread.getName().contains(directory.toString()))
                .count();
    }

    /** Without the journal of accepted activities, every turn waits for a write. */
    @Test
    void eachWriteToTheFileIsCountedWithTheCommitsItServed(@TempDir Path directory) {
        LoopbackPki.get().oneMissing();
        try (ConfigurableApplicationContext app = TestApplications.start(TestApplications.h2File(directory),
                Map.of("certdesk.store.journal.enabled", "false"), WebApplicationType.NONE)) {
            TestChat chat = new TestChat(app.getBean(TurnSubmitter.class));
            chat.send(new UserInput.Start("fr"));
            chat.untilChoices();
            chat.send(new UserInput.Choice("android_11_plus"));
            chat.untilChoices();

            DistributionSummary writes = app.getBean(MeterRegistry.class).get("certdesk.store.write.group").summary();
            // Two turns one after the other, each acknowledged after a write of its own.
            assertThat(writes.count()).isGreaterThanOrEqualTo(2);
            assertThat(writes.totalAmount()).isGreaterThanOrEqualTo(2);
        }
    }

    /**
     * With the journal, nobody waits for a write, and the writer writes on its own: within
     * {@link AcceptedActivitiesJournal#WRITE_EVERY} of the turns, and again once their segment is old enough
     * to be sealed, after which the journal holds nothing.
     */
    @Test
    void turnsInTheJournalAreWrittenWithoutWaitersAndTheIdleJournalEndsEmpty(@TempDir Path directory)
            throws Exception {
        LoopbackPki.get().oneMissing();
        try (ConfigurableApplicationContext app = TestApplications.start(TestApplications.h2File(directory))) {
            TestChat chat = new TestChat(app.getBean(TurnSubmitter.class));
            chat.send(new UserInput.Start("fr"));
            chat.untilChoices();
            chat.send(new UserInput.Choice("android_11_plus"));
            chat.untilChoices();
            Path journal = directory.resolve("certdesk.journal");
            assertThat(segments(journal)).as("the turns, journaled").isNotEmpty();

            DistributionSummary writes = app.getBean(MeterRegistry.class).get("certdesk.store.write.group").summary();
            await().atMost(Duration.ofSeconds(5)).alias("the journal covered and emptied")
                    .until(() -> segments(journal).isEmpty());
            assertThat(writes.count()).as("writes nobody waited for").isGreaterThanOrEqualTo(1);
        }
    }

    private static List<Path> segments(Path journal) throws java.io.IOException {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(journal)) {
            return files.toList();
        }
    }

    @Test
    void aStoreInMemoryWritesNothing() {
        try (ConfigurableApplicationContext app = TestApplications.start(TestProperties.h2Memory())) {
            TestChat chat = new TestChat(app.getBean(TurnSubmitter.class));
            chat.send(new UserInput.Start("fr"));
            chat.untilChoices();

            assertThat(app.getBean(MeterRegistry.class).get("certdesk.store.write.group").summary().count()).isZero();
        }
    }
}
