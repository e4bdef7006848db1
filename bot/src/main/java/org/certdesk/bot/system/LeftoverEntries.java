package org.certdesk.bot.system;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.h2.engine.Database;
import org.h2.engine.SessionLocal;
import org.h2.index.Index;
import org.h2.jdbc.JdbcConnection;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.db.MVIndex;
import org.h2.mvstore.tx.Transaction;
import org.h2.table.Table;
import org.h2.value.VersionedValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Cleans up, after H2's process was killed, the entries that transactions under way left in H2's file
 * and that H2 itself never cleans up.
 *
 * <p>H2 writes its file map by map while transactions go on: a write can hold a transaction's new
 * entry in a table or an index but not the undo record that names the transaction (H2's issue 2080).
 * If the process dies before the next write, the restarted H2 does not know that transaction, so it
 * neither rolls it back nor commits it. A transaction the kill caught committing is no better: H2 keeps
 * it open for good (its commit, called again, throws in H2 2.3.232). Reads pass over such entries, but an
 * insert of the same key into a unique index meets an entry "another transaction" is still writing and
 * waits for it for ever: {@code Timeout trying to lock table}, at every try, also after clean restarts.
 * That is most likely how a {@code kill -9} series lost an acknowledged turn: the journal's replay could
 * not insert the activity's id into {@code processed_activities} (1 run in 30 that day; a bare H2 under
 * inserts, killed, kept such an entry after about 1 kill in 5).
 *
 * <p>So when H2's file was not closed cleanly (its header has no {@code clean:1}), or was never swept
 * (no {@value #SWEPT} marker beside it: a store a release without this sweep used), the entries of its
 * tables and indexes are read once, before anything else uses the store, and every entry a transaction
 * of the last run left is set to its committed value, as H2's rollback would have: removed if the
 * transaction added it. Reads saw those committed values already (only H2's quick count of a table's
 * rows counted such entries).
 */
public final class LeftoverEntries {
    private static final Logger log = LoggerFactory.getLogger(LeftoverEntries.class);
    /** Beside H2's file ({@code certdesk.mv.db}): the store was swept once; then only an unclean close sweeps again. */
    static final String SWEPT = ".leftovers-swept";
    /** H2's header: a line of {@code key:value} pairs, written twice, in the file's first two 4 KB blocks. */
    private static final int HEADER_BLOCK = 4096;

    private LeftoverEntries() {
    }

    /** What a sweep found: how many maps (tables and indexes) and entries it read, how many it set back. */
    public record Sweep(int maps, long entries, long leftovers, long millis) {
    }

    /**
     * Runs the sweep on the embedded H2 store once its datasource is made, before anything (Flyway
     * first) takes a connection from it.
     */
    @Configuration(proxyBeanMethods = false)
    static class AtStart {
        @Bean
        static BeanPostProcessor leftoverEntriesSweep(Environment environment) {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    if (!(bean instanceof DataSource)) {
                        return bean;
                    }
                    // The pool's own settings where it has them (Spring Boot sets no user for a file URL).
                    HikariDataSource pool = bean instanceof HikariDataSource hikari ? hikari : null;
                    String url = pool != null && pool.getJdbcUrl() != null ? pool.getJdbcUrl()
                            : environment.getProperty("spring.datasource.url");
                    if (!GroupedCheckpoints.inFile(url)) {
                        return bean;
                    }
                    // A connection of its own, not the pool's: the pool would open others meanwhile, and
                    // their transactions could take the ids of those that left entries.
                    JdbcDataSource alone = new JdbcDataSource();
                    alone.setURL(url);
                    String user = pool != null ? pool.getUsername()
                            : environment.getProperty("spring.datasource.username");
                    String password = pool != null ? pool.getPassword()
                            : environment.getProperty("spring.datasource.password");
                    alone.setUser(user == null ? "" : user); // what H2 takes when it is given none
                    alone.setPassword(password == null ? "" : password);
                    sweepIfNeeded(alone, url);
                    return bean;
                }
            };
        }
    }

    /**
     * Sweeps the embedded H2 store at {@code url} if it needs it, through {@code dataSource}; nothing else
     * may use the store meanwhile.
     */
    static void sweepIfNeeded(DataSource dataSource, String url) {
        String location = EmbeddedStore.filesOf(url, "").toString();
        if (location.matches("^[A-Za-z][A-Za-z0-9]+:.*")) { // nio:, split:, async:…: H2's own file systems
            log.info("H2's store {} is on a file system of H2's: not looked at for entries a crash left", location);
            return;
        }
        Path file = EmbeddedStore.fileOf(url);
        Path swept = EmbeddedStore.filesOf(url, SWEPT);
        boolean clean;
        try {
            clean = closedCleanly(file);
        } catch (IOException e) {
            log.warn("H2's file {} cannot be read to tell whether it was closed cleanly; looking for leftover entries"
                    + " anyway: {}", file, e.toString());
            clean = false;
        }
        boolean marked = Files.exists(swept);
        if (clean && (marked || !Files.exists(file))) {
            if (!marked) {
                markSwept(swept); // a new store: nothing was left in it
            }
            return;
        }
        log.info("H2's file {} {}: looking for entries of transactions that never ended", file, clean
                ? "was never looked at for entries a crash left"
                : "was not closed cleanly (the last run was killed or crashed)");
        try (Connection connection = dataSource.getConnection()) {
            Optional<Sweep> done = sweep(connection);
            if (done.isEmpty()) {
                log.warn("H2's file {} is already open in this process: not looked at for entries a crash left", file);
                return;
            }
            Sweep sweep = done.get();
            if (sweep.leftovers() > 0) {
                log.warn("{} entries left by transactions a run never ended were set back to their committed"
                        + " values (read {} entries of {} tables and indexes in {} ms); left, each would have kept"
                        + " its key from being written again", sweep.leftovers(), sweep.entries(), sweep.maps(),
                        sweep.millis());
            } else {
                log.info("no entry left by a transaction that never ended (read {} entries of {} tables and indexes in"
                        + " {} ms)", sweep.entries(), sweep.maps(), sweep.millis());
            }
        } catch (SQLException | RuntimeException e) {
            throw new IllegalStateException("the store's file " + file + " may hold entries of transactions a crash"
                    + " left unfinished, and they could not be cleaned up: " + e, e);
        }
        markSwept(swept);
    }

    private static void markSwept(Path swept) {
        try {
            Files.createDirectories(swept.toAbsolutePath().getParent());
            Files.writeString(swept, "Swept " + Instant.now() + " for entries of transactions a crash left unfinished"
                    + " (docs/reliability.md); after this, only a store not closed cleanly is swept again.\n");
        } catch (IOException e) {
            log.warn("{} not written: the next start sweeps the store again: {}", swept, e.toString());
        }
    }

    /**
     * Whether H2 closed {@code file} cleanly: both copies of its header say {@code clean:1}, which H2 writes
     * when it closes the file and removes with its first write after opening it. No file: nothing to
     * clean up, so true. A header that cannot be read as H2's is taken as not clean.
     */
    static boolean closedCleanly(Path file) throws IOException {
        byte[] head = new byte[2 * HEADER_BLOCK];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, head.length);
        } catch (NoSuchFileException e) {
            return true;
        }
        if (read == 0) {
            return true;
        }
        for (int start = 0; start < read; start += HEADER_BLOCK) {
            String block = new String(head, start, Math.min(HEADER_BLOCK, read - start), StandardCharsets.ISO_8859_1);
            int end = block.indexOf('\n');
            List<String> fields = Arrays.asList((end < 0 ? block : block.substring(0, end)).trim().split(","));
            if (!fields.contains("H:2") || !fields.contains("clean:1")) {
                return false;
            }
        }
        return true;
    }

    /**
     * Sets every entry the last run's transactions left to its committed value, in every table and index
     * of the schemas of {@code connection}'s database, an embedded H2 one (not H2's own table of them,
     * where such an entry does no harm: it has no unique index of its own). Empty, and nothing done, when
     * another session has the database open: its transactions' entries would be taken for the last
     * run's. Run it before anything else opens the database.
     */
    static Optional<Sweep> sweep(Connection connection) throws SQLException {
        long started = System.nanoTime();
        SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
        Database database = session.getDatabase();
        if (database.getSessions(false).length > 1) {
            return Optional.empty(); // open in this process already: its transactions are live, not leftovers
        }
        // No transaction of this process has written yet, so every entry still marked with one is left
        // from the last run: by a transaction H2 does not know, or by one it keeps open in the state
        // "committed" because ending it fails (its commit, called again, throws in H2 2.3.232). Readers see
        // the committed value of both.
        List<Transaction> unended = database.getStore().getTransactionStore().getOpenTransactions();
        if (!unended.isEmpty()) {
            log.info("H2 keeps {} transactions of the last run open, which it could not end: {}", unended.size(),
                    unended);
        }
        Set<MVMap<?, ?>> maps = Collections.newSetFromMap(new IdentityHashMap<>());
        long entries = 0;
        long leftovers = 0;
        Progress progress = new Progress(started);
        for (Table table : database.getAllTablesAndViews()) {
            List<Index> indexes = table.getIndexes();
            if (indexes == null) {
                continue; // a view
            }
            for (Index index : indexes) {
                // A delegate index (a primary key on the row's own key) shares its table's map: read once.
                if (index instanceof MVIndex<?, ?> mvIndex && maps.add(mvIndex.getMVMap())) {
                    Count count = setBack(mvIndex.getMVMap(), progress, index.getName());
                    entries += count.entries();
                    leftovers += count.leftovers();
                }
            }
        }
        if (leftovers > 0) {
            database.getStore().getMvStore().commit(); // in the file before anything else is
        }
        return Optional.of(new Sweep(maps.size(), entries, leftovers, (System.nanoTime() - started) / 1_000_000));
    }

    private record Count(long entries, long leftovers) {
    }

    /** A line every {@link #EVERY_NANOS} while the sweep reads: a big store takes seconds (7.5 M entries: 5 s). */
    private static final class Progress {
        private static final long EVERY_NANOS = 5_000_000_000L;
        private long read;
        private long lastLine;

        Progress(long started) {
            lastLine = started;
        }

        void read(String index) {
            if (++read % 65_536 == 0 && System.nanoTime() - lastLine > EVERY_NANOS) {
                lastLine = System.nanoTime();
                log.info("still looking for entries of transactions that never ended: {} entries read, now in {}", read,
                        index);
            }
        }
    }

    private static <K, V> Count setBack(MVMap<K, VersionedValue<V>> map, Progress progress, String index) {
        long entries = 0;
        long setBack = 0;
        // The cursor reads the map as it was when it began: what is set back meanwhile does not disturb it.
        Cursor<K, VersionedValue<V>> cursor = map.cursor(null);
        while (cursor.hasNext()) {
            K key = cursor.next();
            entries++;
            progress.read(index);
            VersionedValue<V> value = cursor.getValue();
            if (!leftover(value)) {
                continue;
            }
            V committed = value.getCommittedValue();
            if (committed == null) {
                map.remove(key);
            } else if (committed instanceof VersionedValue<?> stored) { // H2 stores a committed value as itself
                @SuppressWarnings("unchecked")
                VersionedValue<V> replacement = (VersionedValue<V>) stored;
                map.put(key, replacement);
            } else {
                log.warn("an entry of {} left by a transaction that never ended has a committed value of a kind this"
                        + " does not know ({}): left as it is", index, committed.getClass().getName());
                continue;
            }
            setBack++;
        }
        return new Count(entries, setBack);
    }

    private static boolean leftover(VersionedValue<?> value) {
        return value != null && value.getOperationId() != 0;
    }
}
