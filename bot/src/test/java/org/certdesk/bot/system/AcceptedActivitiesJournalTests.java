package org.certdesk.bot.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class AcceptedActivitiesJournalTests {

    @Test
    void theNextRunReadsBackWhatWasAppendedInOrderUpToARecordACrashCutShort(@TempDir Path directory) throws Exception {
        JdbcDataSource dataSource = h2File(directory);
        AcceptedActivitiesJournal journal = new AcceptedActivitiesJournal(dataSource, true);
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        assertThat(journal.keeps()).isTrue();
        transaction.executeWithoutResult(status -> {
            journal.append("first");
            assertThat(journal.appendedInThisTransaction()).isTrue();
        });
        transaction.executeWithoutResult(status -> assertThat(journal.appendedInThisTransaction()).isFalse());
        transaction.executeWithoutResult(status -> journal.append("second, é"));
        // A write the process died in: the record's length, and half of it.
        Path segment = segments(directory).get(0);
        Files.write(segment, new byte[] {0, 0, 0, 40, 1, 2, 3, 4, 'c', 'u', 't'}, StandardOpenOption.APPEND);

        AcceptedActivitiesJournal next = new AcceptedActivitiesJournal(dataSource, true);
        assertThat(next.leftByLastRun()).containsExactly("first", "second, é");
        transaction.executeWithoutResult(status -> next.append("third"));
        assertThat(segments(directory)).as("a new segment after the last run's").hasSize(2);
        next.replayed();
        assertThat(segments(directory)).as("the last run's gone, this run's kept").hasSize(1);
        assertThat(new AcceptedActivitiesJournal(dataSource, true).leftByLastRun()).containsExactly("third");
    }

    @Test
    void aSegmentGoesOnceAWriteBegunAfterItsTransactionsEndedIsInTheFile(@TempDir Path directory) throws Exception {
        JdbcDataSource dataSource = h2File(directory);
        AcceptedActivitiesJournal journal = new AcceptedActivitiesJournal(dataSource, true);
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        transaction.executeWithoutResult(status -> {
            journal.append("open while the store writes");
            List<AcceptedActivitiesJournal.Segment> covered = journal.beforeWrite(true);
            assertThat(covered).as("its transaction has not committed: not in this write").isEmpty();
            journal.written(covered);
        });
        assertThat(segments(directory)).hasSize(1);
        assertThat(journal.writeDueIn()).as("a sealed segment waits for the next write").isLessThan(Long.MAX_VALUE);

        List<AcceptedActivitiesJournal.Segment> covered = journal.beforeWrite(false);
        assertThat(covered).hasSize(1);
        assertThat(segments(directory)).as("kept until the write succeeded").hasSize(1);
        journal.written(covered);
        assertThat(segments(directory)).isEmpty();
        assertThat(journal.writeDueIn()).as("nothing left to write for").isEqualTo(Long.MAX_VALUE);
    }

    /**
     * The store's writer, parked with nothing to do, is woken by the first record and writes the file
     * within {@link AcceptedActivitiesJournal#WRITE_EVERY}, nobody waiting; the segment goes by a later write
     * once {@link AcceptedActivitiesJournal#SEGMENT_AGE} old.
     */
    @Test
    void theFirstRecordWakesTheStoresWriterWhichEmptiesTheJournal(@TempDir Path directory) throws Exception {
        JdbcDataSource dataSource = h2File(directory);
        try (java.sql.Connection connection = dataSource.getConnection()) {
            connection.createStatement().execute("CREATE TABLE t (id INT PRIMARY KEY)");
        }
        AcceptedActivitiesJournal journal = new AcceptedActivitiesJournal(dataSource, true);
        GroupedCheckpoints writer = new GroupedCheckpoints(dataSource, journal,
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        writer.start();
        try {
            Thread.sleep(200); // the writer parked, nothing to write
            TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
            transaction.executeWithoutResult(status -> {
                new org.springframework.jdbc.core.JdbcTemplate(dataSource).update("INSERT INTO t VALUES (1)");
                journal.append("the only activity");
            });
            assertThat(segments(directory)).hasSize(1);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                    .alias("the segment covered by a write and deleted").until(() -> segments(directory).isEmpty());
        } finally {
            writer.stop();
        }
    }

    @Test
    void aRecordThatCannotBeWrittenFailsItsTransaction(@TempDir Path directory) throws Exception {
        JdbcDataSource dataSource = h2File(directory);
        AcceptedActivitiesJournal journal = new AcceptedActivitiesJournal(dataSource, true);
        Path folder = directory.resolve("certdesk.journal");
        Files.delete(folder);
        Files.writeString(folder, "not a folder");
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> journal.append("lost")))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("the journal of accepted activities could not be written");
        assertThatThrownBy(() -> journal.append("outside")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void keepsNothingInMemoryOrWhenTurnedOff(@TempDir Path directory) {
        JdbcDataSource memory = new JdbcDataSource();
        memory.setURL("jdbc:h2:mem:journal-" + System.nanoTime());
        assertThat(new AcceptedActivitiesJournal(memory, true).keeps()).isFalse();
        assertThat(new AcceptedActivitiesJournal(h2File(directory), false).keeps()).isFalse();
        assertThat(directory.resolve("certdesk.journal")).doesNotExist();
    }

    @Test
    void theFolderIsBesideH2sFile() {
        assertThat(AcceptedActivitiesJournal.folderOf("jdbc:h2:file:./data/certdesk;MODE=PostgreSQL"))
                .isEqualTo(Path.of("./data/certdesk.journal"));
        assertThat(AcceptedActivitiesJournal.folderOf("jdbc:h2:/var/lib/certdesk/store"))
                .isEqualTo(Path.of("/var/lib/certdesk/store.journal"));
        assertThat(AcceptedActivitiesJournal.folderOf("jdbc:h2:~/certdesk"))
                .isEqualTo(Path.of(System.getProperty("user.home") + "/certdesk.journal"));
    }

    private static JdbcDataSource h2File(Path directory) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + directory.resolve("certdesk") + ";MODE=PostgreSQL");
        return dataSource;
    }

    private static List<Path> segments(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory.resolve("certdesk.journal"))) {
            return files.sorted().toList();
        }
    }
}
