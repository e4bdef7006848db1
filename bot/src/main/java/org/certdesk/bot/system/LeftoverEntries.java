package org.certdesk.bot.system;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

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
 * neither rolls it back nor commits it. Reads pass over such an entry, but an insert of the same key
 * into a unique index meets an entry "another transaction" is still writing and waits for it for ever:
 * {@code Timeout trying to lock table}, at every try. That is how a {@code kill -9} series lost an
 * acknowledged turn: the journal's replay could not insert the activity's id into
 * {@code processed_activities} (1 run in about 50; a bare H2 under inserts, killed, kept such an entry
 * after about 1 kill in 5).
 *
 * <p>So when H2's file was not closed cleanly (its header has no {@code clean:1}), every table's and
 * index's entries are read once, before anything else uses the store, and an entry of a transaction
 * H2 does not know is set to its committed value, as H2's rollback would have: removed if the
 * transaction added it. Reads saw those committed values already; nothing a reader saw changes.
 */
public final class LeftoverEntries {
    private static final Logger log = LoggerFactory.getLogger(LeftoverEntries.class);
    /** H2's header: a line of {@code key:value} pairs, written twice, in the file's first two 4 KB blocks. */
    private static final int HEADER_BLOCK = 4096;
    /** An entry's operation id holds its transaction's id above its 40 bits of log position (H2's TransactionStore). */
    private static final int LOG_ID_BITS = 40;

    private LeftoverEntries() {
    }

    /** What a sweep found: how many maps (tables and indexes) and entries it read, how many it set back. */
    public record Sweep(int maps, long entries, long leftovers, long millis) {
    }

    /**
     * Runs the sweep on the embedded H2 store when its file was not closed cleanly, once the datasource
     * is made and before anything (Flyway first) takes a connection from it.
     */
    @Configuration(proxyBeanMethods = false)
    static class AfterUncleanShutdown {
        @Bean
        static BeanPostProcessor leftoverEntriesSweep(Environment environment) {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    String url = environment.getProperty("spring.datasource.url");
                    if (bean instanceof DataSource && GroupedCheckpoints.inFile(url)) {
                        // A connection of its own, not the pool's: the pool would open others meanwhile, and
                        // their transactions could take the ids of those that left entries.
                        JdbcDataSource alone = new JdbcDataSource();
                        alone.setURL(url);
                        alone.setUser(environment.getProperty("spring.datasource.username", "sa"));
                        alone.setPassword(environment.getProperty("spring.datasource.password", ""));
                        sweepIfUnclean(alone, EmbeddedStore.fileOf(url));
                    }
                    return bean;
                }
            };
        }
    }

    /** Sweeps the store at {@code file} through {@code dataSource} if H2 did not close it cleanly; nothing else may use it meanwhile. */
    static void sweepIfUnclean(DataSource dataSource, Path file) {
        boolean clean;
        try {
            clean = closedCleanly(file);
        } catch (IOException e) {
            log.warn("H2's file {} cannot be read to tell whether it was closed cleanly; looking for leftover entries"
                    + " anyway: {}", file, e.toString());
            clean = false;
        }
        if (clean) {
            return;
        }
        log.info("H2's file {} was not closed cleanly (the last run was killed or crashed): looking for entries of"
                + " transactions that never ended", file);
        try (Connection connection = dataSource.getConnection()) {
            Sweep sweep = sweep(connection);
            if (sweep.leftovers() > 0) {
                log.warn("{} entries left by transactions the last run never ended were set back to their committed"
                        + " values (read {} entries of {} tables and indexes in {} ms); left, each would have kept its key"
                        + " from being written again", sweep.leftovers(), sweep.entries(), sweep.maps(), sweep.millis());
            } else {
                log.info("no entry left by a transaction that never ended (read {} entries of {} tables and indexes in"
                        + " {} ms)", sweep.entries(), sweep.maps(), sweep.millis());
            }
        } catch (SQLException | RuntimeException e) {
            throw new IllegalStateException("the store's file " + file + " was not closed cleanly, and what its"
                    + " unfinished transactions left could not be cleaned up: " + e, e);
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
     * Sets every entry of a transaction H2 does not know to its committed value, in every table and index
     * of {@code connection}'s database, an embedded H2 one. Run it before anything else writes: a
     * transaction that starts meanwhile could take the id of one that left entries.
     */
    static Sweep sweep(Connection connection) throws SQLException {
        long started = System.nanoTime();
        SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
        Database database = session.getDatabase();
        Set<Integer> open = new HashSet<>();
        for (Transaction transaction : database.getStore().getTransactionStore().getOpenTransactions()) {
            open.add(transaction.getId());
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
                if (index instanceof MVIndex<?, ?> mvIndex && maps.add(mvIndex.getMVMap())) { // a delegate shares its table's
                    Count count = setBack(mvIndex.getMVMap(), open, progress, index.getName());
                    entries += count.entries();
                    leftovers += count.leftovers();
                }
            }
        }
        if (leftovers > 0) {
            database.getStore().getMvStore().commit(); // in the file before anything else is
        }
        return new Sweep(maps.size(), entries, leftovers, (System.nanoTime() - started) / 1_000_000);
    }

    private record Count(long entries, long leftovers) {
    }

    /** A line every {@link #EVERY_NANOS} while the sweep reads: a big store takes seconds (7.5 million entries: 5 s). */
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

    private static <K, V> Count setBack(MVMap<K, VersionedValue<V>> map, Set<Integer> open, Progress progress,
            String index) {
        List<K> left = new ArrayList<>();
        long entries = 0;
        Cursor<K, VersionedValue<V>> cursor = map.cursor(null);
        while (cursor.hasNext()) {
            K key = cursor.next();
            entries++;
            progress.read(index);
            if (leftover(cursor.getValue(), open)) {
                left.add(key);
            }
        }
        long setBack = 0;
        for (K key : left) {
            VersionedValue<V> value = map.get(key);
            if (!leftover(value, open)) {
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

    private static boolean leftover(VersionedValue<?> value, Set<Integer> open) {
        long operation = value == null ? 0 : value.getOperationId();
        return operation != 0 && !open.contains((int) (operation >>> LOG_ID_BITS));
    }
}
