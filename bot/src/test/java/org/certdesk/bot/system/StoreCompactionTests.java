package org.certdesk.bot.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The slices rewrite what is still live in sparse chunks, so the file's chunks fill up again. */
class StoreCompactionTests {

    @Test
    void slicesRaiseTheShareOfLiveDataInTheFileAndKeepEveryRow(@TempDir Path directory) throws SQLException {
        Path file = directory.resolve("with");
        try (Connection connection = open(file); Statement statement = connection.createStatement()) {
            StoreCompaction compaction = new StoreCompaction(StoreFileWrites.mvStore(connection));
            fragment(connection, statement);
            int before = compaction.chunksFillRate();
            for (int i = 0; i < 200 && compaction.chunksFillRate() < StoreCompaction.TARGET_FILL_RATE; i++) {
                compaction.rewrite();
                statement.execute("CHECKPOINT"); // the rewritten pages go into the next write, as in the writer
            }
            assertThat(before).isLessThan(50);
            assertThat(compaction.chunksFillRate()).isGreaterThanOrEqualTo(StoreCompaction.TARGET_FILL_RATE - 10);
            assertThat(rows(statement)).as("rows and their sum").isEqualTo(ROWS_LEFT);
        }
        try (Connection reopened = open(file); Statement statement = reopened.createStatement()) {
            assertThat(rows(statement)).as("the same from the file").isEqualTo(ROWS_LEFT);
        }
    }

    @Test
    void withoutThemTheFileStaysSparse(@TempDir Path directory) throws SQLException {
        try (Connection connection = open(directory.resolve("without"));
                Statement statement = connection.createStatement()) {
            StoreCompaction compaction = new StoreCompaction(StoreFileWrites.mvStore(connection));
            fragment(connection, statement);
            for (int i = 0; i < 200; i++) {
                statement.execute("UPDATE t SET v = 'again " + i + "' WHERE id = 99999"); // writes go on
                statement.execute("CHECKPOINT");
            }
            assertThat(compaction.chunksFillRate()).isLessThan(50);
        }
    }

    @Test
    void aConnectionThatIsNotH2sCompactsNothing() throws SQLException {
        Connection notH2 = (Connection) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    throw new SQLException("not a wrapper for " + args[0]);
                });
        StoreCompaction compaction = new StoreCompaction(StoreFileWrites.mvStore(notH2));
        assertThatCode(() -> {
            compaction.slice();
            compaction.rewrite();
        }).as("the writer goes on: nothing to compact, nothing thrown").doesNotThrowAnyException();
    }

    /** 20 chunks × the last 1,000 of each 5,000 ids: the count and the sum of the ids left. */
    private static final String ROWS_LEFT = "20000 " + sumOfIdsLeft();

    private static long sumOfIdsLeft() {
        long sum = 0;
        for (int id = 0; id < 100_000; id++) {
            sum += id % 5000 >= 4000 ? id : 0;
        }
        return sum;
    }

    private static String rows(Statement statement) throws SQLException {
        try (java.sql.ResultSet result = statement.executeQuery("SELECT COUNT(*), SUM(CAST(id AS BIGINT)) FROM t")) {
            result.next();
            return result.getLong(1) + " " + result.getLong(2);
        }
    }

    /**
     * H2's own compaction off, as in the default URL; chunks may be rewritten at once (H2 leaves them
     * alone for 45 s by default, which the bot's writer waits out and a test should not).
     */
    private static Connection open(Path file) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:h2:file:" + file.toAbsolutePath()
                + ";AUTO_COMPACT_FILL_RATE=0;CACHE_SIZE=2048", "sa", "");
        ((org.h2.engine.SessionLocal) connection.unwrap(org.h2.jdbc.JdbcConnection.class).getSession())
                .getDatabase().getStore().getMvStore().setRetentionTime(0);
        return connection;
    }

    /**
     * Twenty chunks of 5,000 rows each, then 80 % of each chunk's rows deleted: the leaves of the last
     * thousand rows of each are untouched and still live in their old chunk, which is otherwise dead.
     */
    private static void fragment(Connection connection, Statement statement) throws SQLException {
        statement.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(200))");
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
            for (int chunk = 0; chunk < 20; chunk++) {
                for (int id = chunk * 5000; id < (chunk + 1) * 5000; id++) {
                    insert.setInt(1, id);
                    insert.setString(2, "row " + id + " ".repeat(100));
                    insert.addBatch();
                }
                insert.executeBatch();
                statement.execute("CHECKPOINT");
            }
        }
        statement.execute("DELETE FROM t WHERE MOD(id, 5000) < 4000");
        statement.execute("CHECKPOINT");
    }
}
