package org.certdesk.bot.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.reflect.Field;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.tx.TransactionStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.AbstractDataSource;

/**
 * What a {@code kill -9} leaves in H2's file, on a real H2 in a process of its own: inserts under way,
 * the file written as often as the store's writer can, a kill at a random moment. H2 then keeps, about
 * one kill in five, an entry of a transaction it no longer knows in a unique index, and every insert of
 * that key times out for ever. So that each run has one, the process also makes one itself, as H2
 * does: a transaction's insert written to the file without its undo record. After
 * {@link LeftoverEntries}' sweep every such key can be written again.
 */
class LeftoverEntriesTests {
    private static final int INSERTERS = 8;
    /** The key the killed process leaves behind itself: a conversation of its own. */
    private static final Key MADE = new Key(INSERTERS, "k0");
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
                statement.execute("CREATE TABLE holder (a INT)");
            }
            Connection writes = DriverManager.getConnection(url, "sa", "");
            MVStore store = ((SessionLocal) writes.unwrap(JdbcConnection.class).getSession()).getDatabase().getStore()
                    .getMvStore();
            leaveAnEntryBehind(url, store);
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

        /**
         * What H2 does when a write catches a transaction between its undo record and its entry: inserts
         * {@link #MADE} in a transaction that never ends, drops that transaction's undo records, and
         * writes the file. Before it, another transaction that never ends takes id 1, which each
         * transaction of the test's checks will have: a session sees entries of its own id as its own.
         */
        private static void leaveAnEntryBehind(String url, MVStore store) throws Exception {
            Connection holder = DriverManager.getConnection(url, "sa", "");
            holder.setAutoCommit(false);
            try (Statement statement = holder.createStatement()) {
                statement.execute("INSERT INTO holder VALUES (1)");
            }
            Connection open = DriverManager.getConnection(url, "sa", "");
            open.setAutoCommit(false);
            try (PreparedStatement insert = open.prepareStatement(
                    "INSERT INTO processed VALUES (?, ?, CURRENT_TIMESTAMP)")) {
                insert.setLong(1, MADE.conversation());
                insert.setString(2, MADE.activity());
                insert.executeUpdate();
            }
            SessionLocal session = (SessionLocal) open.unwrap(JdbcConnection.class).getSession();
            Field undoLogs = TransactionStore.class.getDeclaredField("undoLogs");
            undoLogs.setAccessible(true);
            MVMap<?, ?>[] logs = (MVMap<?, ?>[]) undoLogs.get(session.getDatabase().getStore().getTransactionStore());
            logs[session.getTransaction().getId()].clear();
            store.commit();
        }
    }

    @Test
    void afterAKillNineEveryKeyTheTableDoesNotHoldCanBeInsertedAgain(@TempDir Path folder) throws Exception {
        Path base = folder.resolve("killed").resolve("store");
        killWhileInserting(base);
        Path file = EmbeddedStore.fileOf(url(base));
        Path copy = folder.resolve("copy").resolve("store");
        Files.createDirectories(copy.getParent());
        Files.copy(file, EmbeddedStore.fileOf(url(copy)));
        long rows = rowCount(copy); // what a reader sees before the sweep (the killed file is not opened before it)
        List<Key> blocked = probe(copy).blocked();
        System.out.printf("H2 left %d key(s) no insert can write: %s%n", blocked.size(), blocked);
        assertThat(blocked).as("keys no insert can write after the kill").contains(MADE);
        assertThat(LeftoverEntries.closedCleanly(file)).as("the killed process's file is taken as clean").isFalse();

        LeftoverEntries.sweepIfNeeded(dataSource(base), url(base));

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

        // The copy was closed cleanly by the probe, with its keys still blocked: as a store a release
        // without the sweep left. It has no marker, so it is swept once too.
        assertThat(LeftoverEntries.closedCleanly(EmbeddedStore.fileOf(url(copy)))).isTrue();
        LeftoverEntries.sweepIfNeeded(dataSource(copy), url(copy));
        assertThat(probe(copy).blocked()).as("keys of the cleanly closed copy still blocked after its sweep").isEmpty();
        assertThatNoException().as("swept once: a clean file is not opened again")
                .isThrownBy(() -> LeftoverEntries.sweepIfNeeded(UNREACHABLE, url(copy)));
    }

    /** A datasource that fails the test if it is used. */
    private static final DataSource UNREACHABLE = new AbstractDataSource() {
        @Override
        public Connection getConnection() throws SQLException {
            throw new SQLException("this store must not be opened to be swept");
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }
    };

    @Test
    void aNewStoreIsNotSweptNorIsOneSweptAndClosedCleanly(@TempDir Path folder) throws Exception {
        Path base = folder.resolve("data").resolve("store");
        Path file = EmbeddedStore.fileOf(url(base));
        assertThat(LeftoverEntries.closedCleanly(file)).as("no file yet").isTrue();
        assertThatNoException().as("a store not made yet")
                .isThrownBy(() -> LeftoverEntries.sweepIfNeeded(UNREACHABLE, url(base)));
        assertThat(EmbeddedStore.filesOf(url(base), LeftoverEntries.SWEPT)).as("a new store needs no sweep").exists();
        try (Connection connection = DriverManager.getConnection(url(base), "sa", "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (a BIGINT PRIMARY KEY)");
            statement.execute("INSERT INTO t VALUES (1)");
            assertThat(LeftoverEntries.closedCleanly(file)).as("while H2 has it open").isFalse();
        }
        assertThat(LeftoverEntries.closedCleanly(file)).as("closed").isTrue();
        assertThatNoException().isThrownBy(() -> LeftoverEntries.sweepIfNeeded(UNREACHABLE, url(base)));

        Path other = folder.resolve("other.mv.db");
        Files.writeString(other, "not H2's header\n");
        assertThat(LeftoverEntries.closedCleanly(other)).as("a header that is not H2's").isFalse();
    }

    private static void killWhileInserting(Path base) throws Exception {
        Files.createDirectories(base.getParent());
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, InsertingUntilKilled.class.getName(), base.toString())
                .redirectErrorStream(true).start();
        try {
            CompletableFuture<String> started = CompletableFuture.supplyAsync(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    StringBuilder said = new StringBuilder();
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        if (line.equals("inserting")) {
                            return line;
                        }
                        said.append(line).append('\n'); // a JVM banner, or why it failed
                    }
                    return said.toString();
                } catch (IOException e) {
                    return e.toString();
                }
            });
            assertThat(started.get(60, TimeUnit.SECONDS)).as("the inserting process started").isEqualTo("inserting");
            Thread.sleep(200 + ThreadLocalRandom.current().nextInt(600));
        } finally {
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
                PreparedStatement last = connection.prepareStatement(
                        "SELECT MAX(CAST(SUBSTRING(activity_id, 2) AS INT)) FROM processed WHERE conversation_ref = ?");
                PreparedStatement held = connection.prepareStatement("SELECT COUNT(*) FROM processed"
                        + " WHERE conversation_ref = ? AND activity_id = ?");
                PreparedStatement insert = connection.prepareStatement("INSERT INTO processed"
                        + " VALUES (?, ?, CURRENT_TIMESTAMP)")) {
            for (long conversation = 0; conversation <= INSERTERS; conversation++) {
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
