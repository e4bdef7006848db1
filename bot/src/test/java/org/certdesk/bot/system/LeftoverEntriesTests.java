package org.certdesk.bot.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.AbstractDataSource;

/**
 * What a {@code kill -9} leaves in H2's file, on a real H2 in a process of its own: inserts under way,
 * the file written as often as the store's writer can, a kill at a random moment. H2 then keeps, about
 * one kill in five, an entry of a transaction it no longer knows in a unique index, and every insert of
 * that key times out for ever. After {@link LeftoverEntries}' sweep each such key can be written again.
 */
class LeftoverEntriesTests {
    /** Kills to wait for H2 to leave an entry (1 in 5 here; the chance that 60 leave none is below 1 in 100,000). */
    private static final int MOST_KILLS = 60;
    private static final int INSERTERS = 8;
    /** The default store's URL settings (application.yml) that bear on the file. */
    private static final String SETTINGS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
            + ";AUTO_COMPACT_FILL_RATE=0;RETENTION_TIME=1000";
    /** H2's {@code ErrorCode.LOCK_TIMEOUT_1}: what an insert meets at a key another transaction holds. */
    private static final int LOCK_TIMEOUT = 50200;

    /** A key of {@code processed_activities}' shape: a conversation's number and an activity id. */
    record Key(long conversation, String activity) {
    }

    private static String url(Path base) {
        return "jdbc:h2:file:" + base.toAbsolutePath() + SETTINGS;
    }

    /**
     * The process that is killed: {@value #INSERTERS} threads insert keys of their own, one a transaction,
     * and a thread writes H2's file over and over, as the store's writer does under load.
     */
    public static final class InsertingUntilKilled {
        public static void main(String[] args) throws Exception {
            String url = url(Path.of(args[0]));
            try (Connection connection = DriverManager.getConnection(url, "sa", "");
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE processed (conversation_ref BIGINT, activity_id VARCHAR(64),"
                        + " received_at TIMESTAMP, PRIMARY KEY (conversation_ref, activity_id))");
            }
            Connection writes = DriverManager.getConnection(url, "sa", "");
            MVStore store = ((SessionLocal) writes.unwrap(JdbcConnection.class).getSession()).getDatabase().getStore()
                    .getMvStore();
            for (int i = 0; i < INSERTERS; i++) {
                long conversation = i;
                Thread inserter = new Thread(() -> {
                    try (Connection connection = DriverManager.getConnection(url, "sa", "");
                            PreparedStatement insert = connection.prepareStatement("INSERT INTO processed"
                                    + " VALUES (?, ?, CURRENT_TIMESTAMP) ON CONFLICT DO NOTHING")) {
                        connection.setAutoCommit(false);
                        for (int n = 0; ; n++) {
                            insert.setLong(1, conversation);
                            insert.setString(2, "k" + n);
                            insert.executeUpdate();
                            connection.commit();
                        }
                    } catch (SQLException e) {
                        e.printStackTrace();
                    }
                });
                inserter.start();
            }
            Thread writer = new Thread(() -> {
                while (true) {
                    store.commit();
                }
            });
            writer.setDaemon(true);
            writer.start();
            try (PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8)) {
                out.println("inserting");
            }
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    @Test
    void afterAKillNineEveryKeyTheTableDoesNotHoldCanBeInsertedAgain(@TempDir Path folder) throws Exception {
        for (int kill = 1; kill <= MOST_KILLS; kill++) {
            Path base = folder.resolve("kill-" + kill).resolve("store");
            killWhileInserting(base);
            Path file = EmbeddedStore.fileOf(url(base));
            Path copy = folder.resolve("copy-" + kill).resolve("store");
            Files.createDirectories(copy.getParent());
            Files.copy(file, EmbeddedStore.fileOf(url(copy)));
            long rows = rowCount(copy); // the rows a reader sees, before the sweep (the killed file is not opened before it)
            List<Key> blocked = probe(copy).blocked();
            if (blocked.isEmpty()) {
                continue;
            }
            System.out.printf("kill %d: H2 left %d key(s) no insert can write: %s%n", kill, blocked.size(), blocked);
            assertThat(LeftoverEntries.closedCleanly(file)).as("the killed process's file is taken as clean").isFalse();

            LeftoverEntries.sweepIfUnclean(dataSource(base), file);

            Probe after = probe(base);
            assertThat(after.blocked()).as("keys still blocked after the sweep").isEmpty();
            assertThat(after.inserted()).as("keys written again").containsAll(blocked);
            assertThat(rowCount(base)).as("rows after the sweep").isEqualTo(rows + after.inserted().size());
            try (Connection connection = DriverManager.getConnection(url(base), "sa", "");
                    Statement statement = connection.createStatement();
                    ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM processed")) {
                count.next();
                assertThat(count.getLong(1)).as("the table's own count of its rows").isEqualTo(rowCount(base));
            }
            assertThat(LeftoverEntries.closedCleanly(file)).as("closed cleanly after the sweep").isTrue();
            return;
        }
        fail("H2 left no blocked key in %d kills: this test showed nothing on this machine", MOST_KILLS);
    }

    @Test
    void aCleanlyClosedOrMissingFileIsNotSwept(@TempDir Path folder) throws Exception {
        Path base = folder.resolve("store");
        Path file = EmbeddedStore.fileOf(url(base));
        assertThat(LeftoverEntries.closedCleanly(file)).as("no file yet").isTrue();
        try (Connection connection = DriverManager.getConnection(url(base), "sa", "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (a BIGINT PRIMARY KEY)");
            statement.execute("INSERT INTO t VALUES (1)");
            assertThat(LeftoverEntries.closedCleanly(file)).as("while H2 has it open").isFalse();
        }
        assertThat(LeftoverEntries.closedCleanly(file)).as("closed").isTrue();
        DataSource unreachable = new AbstractDataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                throw new SQLException("a clean file must not be opened to be swept");
            }

            @Override
            public Connection getConnection(String username, String password) throws SQLException {
                return getConnection();
            }
        };
        assertThatNoException().isThrownBy(() -> LeftoverEntries.sweepIfUnclean(unreachable, file));

        Path other = folder.resolve("other.mv.db");
        Files.writeString(other, "not H2's header\n");
        assertThat(LeftoverEntries.closedCleanly(other)).as("a header that is not H2's").isFalse();
    }

    private static void killWhileInserting(Path base) throws IOException, InterruptedException {
        Files.createDirectories(base.getParent());
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, InsertingUntilKilled.class.getName(), base.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertThat(line).as("the inserting process started").isEqualTo("inserting");
            Thread.sleep(200 + ThreadLocalRandom.current().nextInt(600));
            process.destroyForcibly(); // SIGKILL
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("killed").isTrue();
        }
    }

    /** What inserting the keys the table does not hold near each inserter's last did: blocked, or written. */
    record Probe(List<Key> blocked, List<Key> inserted) {
    }

    private static Probe probe(Path base) throws SQLException {
        List<Key> blocked = new ArrayList<>();
        List<Key> inserted = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url(base) + ";LOCK_TIMEOUT=50", "sa", "");
                PreparedStatement last = connection.prepareStatement("SELECT MAX(CAST(SUBSTRING(activity_id, 2) AS INT))"
                        + " FROM processed WHERE conversation_ref = ?");
                PreparedStatement held = connection.prepareStatement("SELECT COUNT(*) FROM processed"
                        + " WHERE conversation_ref = ? AND activity_id = ?");
                PreparedStatement insert = connection.prepareStatement("INSERT INTO processed"
                        + " VALUES (?, ?, CURRENT_TIMESTAMP)")) {
            for (long conversation = 0; conversation < INSERTERS; conversation++) {
                last.setLong(1, conversation);
                int highest;
                try (ResultSet result = last.executeQuery()) {
                    result.next();
                    highest = result.getInt(1);
                }
                for (int n = Math.max(0, highest - 30); n <= highest + 5; n++) {
                    Key key = new Key(conversation, "k" + n);
                    held.setLong(1, key.conversation());
                    held.setString(2, key.activity());
                    try (ResultSet result = held.executeQuery()) {
                        result.next();
                        if (result.getLong(1) > 0) {
                            continue;
                        }
                    }
                    insert.setLong(1, key.conversation());
                    insert.setString(2, key.activity());
                    try {
                        insert.executeUpdate();
                        inserted.add(key);
                    } catch (SQLException e) {
                        if (e.getErrorCode() != LOCK_TIMEOUT) {
                            throw e;
                        }
                        blocked.add(key);
                    }
                }
            }
        }
        return new Probe(blocked, inserted);
    }

    private static long rowCount(Path base) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url(base), "sa", "");
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM processed USE INDEX ()"
                        + " WHERE conversation_ref >= 0")) {
            result.next();
            return result.getLong(1);
        }
    }

    private static DataSource dataSource(Path base) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url(base));
        dataSource.setUser("sa");
        return dataSource;
    }
}
