package org.certdesk.bot.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write leaves in H2's file everything committed before it, as a {@code kill -9} right after it would
 * find the file (a copy of the file taken while the database is open), and is done by the writer's own
 * thread; a store that H2 closed after a failure is never reported written.
 */
class StoreFileWritesTests {

    @Test
    void aWriteLeavesEverythingCommittedInTheFile(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("store");
        try (Connection connection = open(file); Statement statement = connection.createStatement()) {
            StoreFileWrites writes = StoreFileWrites.of(connection, statement);
            statement.execute("INSERT INTO t SELECT x, 'line ' || x FROM SYSTEM_RANGE(1, 500)");
            assertThat(rowsInACopy(file, directory.resolve("before"))).as("committed, not written yet").isZero();

            assertThat(writes.write()).isEqualTo(StoreFileWrites.Outcome.WRITTEN);

            assertThat(rowsInACopy(file, directory.resolve("after"))).isEqualTo(500);
        }
    }

    @Test
    void theWriteIsDoneInTheCallersThreadWithoutH2sTwoWriterThreads(@TempDir Path directory) throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        try (Connection connection = open(directory.resolve("store"));
                Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO t VALUES (1, 'one')");
            statement.execute("CHECKPOINT"); // H2 starts its threads on the first write handed to them
            List<Thread> h2s = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> !before.contains(thread))
                    .filter(thread -> thread.getName().startsWith("H2-serialization")
                            || thread.getName().startsWith("H2-save"))
                    .toList();
            assertThat(h2s).as("this database's writer threads").hasSize(2);

            StoreFileWrites writes = StoreFileWrites.of(connection, statement);
            statement.execute("INSERT INTO t VALUES (2, 'two')");
            assertThat(writes.write()).isEqualTo(StoreFileWrites.Outcome.WRITTEN);

            for (Thread thread : h2s) {
                thread.join(Duration.ofSeconds(10).toMillis());
            }
            assertThat(h2s).noneMatch(Thread::isAlive);
        }
    }

    @Test
    void aStoreThatH2ClosedAfterAFailureIsNeverReportedWritten(@TempDir Path directory) throws Exception {
        Connection connection = open(directory.resolve("store")); // not closed: H2 refuses, the store being gone
        Statement statement = connection.createStatement();
        StoreFileWrites writes = StoreFileWrites.of(connection, statement);
        statement.execute("INSERT INTO t VALUES (1, 'one')");
        MVStoreException failure = DataUtils.newMVStoreException(DataUtils.ERROR_WRITING_FAILED, "disk gone (test)");
        assertThatThrownBy(() -> writes.store().panic(failure)).isSameAs(failure); // H2 records it, then closes

        assertThat(writes.write()).isEqualTo(StoreFileWrites.Outcome.LOST);
        assertThat(writes.write()).as("and again").isEqualTo(StoreFileWrites.Outcome.LOST);
    }

    @Test
    void aStoreClosedWithoutWritingIsNeverReportedWritten(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("store");
        open(file).close(); // closed as at shutdown once: the file is marked clean
        Connection connection = DriverManager.getConnection("jdbc:h2:file:" + file.toAbsolutePath()
                + ";WRITE_DELAY=60000;AUTO_COMPACT_FILL_RATE=0", "sa", "");
        Statement statement = connection.createStatement();
        StoreFileWrites writes = StoreFileWrites.of(connection, statement);
        statement.execute("INSERT INTO t VALUES (1, 'one')");
        assertThat(writes.write()).isEqualTo(StoreFileWrites.Outcome.WRITTEN);
        statement.execute("INSERT INTO t VALUES (2, 'two')");
        statement.execute("SHUTDOWN IMMEDIATELY"); // closes without writing

        assertThat(writes.write()).isEqualTo(StoreFileWrites.Outcome.LOST);
        assertThat(rowsInACopy(file, directory.resolve("copy"))).as("only the written row").isEqualTo(1);
    }

    @Test
    void aStoreClosedAtShutdownHasNothingLeftToWrite(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("store");
        Connection connection = open(file);
        Statement statement = connection.createStatement();
        StoreFileWrites writes = StoreFileWrites.of(connection, statement);
        statement.execute("INSERT INTO t VALUES (1, 'one')");
        statement.execute("SHUTDOWN");

        assertThat(writes.write()).isEqualTo(StoreFileWrites.Outcome.CLOSED);
        assertThat(rowsInACopy(file, directory.resolve("copy"))).as("closing wrote it").isEqualTo(1);
    }

    @Test
    void withoutH2sInternalsTheWriteIsACheckpoint(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("store");
        Connection notReachable = (Connection) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    throw new SQLException("not a wrapper (test)");
                });
        try (Connection connection = open(file); Statement statement = connection.createStatement()) {
            StoreFileWrites writes = StoreFileWrites.of(notReachable, statement);
            assertThat(writes.store()).isNull();
            statement.execute("INSERT INTO t VALUES (1, 'one')");

            assertThat(writes.write()).isEqualTo(StoreFileWrites.Outcome.WRITTEN);

            assertThat(rowsInACopy(file, directory.resolve("copy"))).isEqualTo(1);
        }
    }

    /** H2 would write on its own after its write delay (500 ms by default): a minute keeps it out of the test. */
    private static Connection open(Path file) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:h2:file:" + file.toAbsolutePath()
                + ";WRITE_DELAY=60000;AUTO_COMPACT_FILL_RATE=0", "sa", "");
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(100))");
            statement.execute("CHECKPOINT"); // the table itself is in the file before each test begins
        }
        return connection;
    }

    /** The rows a process would find in the file if it was killed now: a copy opened on its own. */
    private static long rowsInACopy(Path file, Path copy) throws IOException, SQLException {
        Files.copy(file.resolveSibling(file.getFileName() + ".mv.db"),
                copy.resolveSibling(copy.getFileName() + ".mv.db"));
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + copy.toAbsolutePath(), "sa", "");
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM t")) {
            result.next();
            return result.getLong(1);
        }
    }
}
