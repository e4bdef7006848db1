package org.certdesk.bot.system;

import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadPoolExecutor;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what was committed to H2's file, from the group writer's own thread, as cheaply as H2 allows.
 *
 * <p>{@code CHECKPOINT} would do the same write, with two costs measured at one conversation (a write per
 * turn, docs/performance.md): H2 first looks for chunks to compact, going over every chunk of the file
 * (tens of thousands under load; {@link StoreCompaction} does that job here, at most every 50 ms), and it
 * hands the write to two threads of its own, one that serialises the changed pages and one that writes
 * them, then waits for both. Those threads exist for H2's background writer ({@code WRITE_DELAY}), which
 * writes without anyone waiting; here the caller always waits, so they only add two hand-offs to every
 * turn's wait. Without them H2 serialises and writes in the calling thread, as it does when it has no
 * write delay.
 *
 * <p>Falls back to {@code CHECKPOINT} when H2's internals cannot be reached; the write is the same.
 */
final class StoreFileWrites {
    private static final Logger log = LoggerFactory.getLogger(StoreFileWrites.class);

    /** What a write found. */
    enum Outcome {
        /** Everything committed before the call is in the file. */
        WRITTEN,
        /** Not written; try again. */
        FAILED,
        /** H2 closed the store at shutdown: closing wrote everything committed, and nothing is left to write. */
        CLOSED
    }

    /** H2's {@code ErrorCode.DATABASE_CALLED_AT_SHUTDOWN}: "Database is already closed". */
    private static final int H2_CLOSED_AT_SHUTDOWN = 90121;

    private final MVStore store;
    private final Statement statement;

    private StoreFileWrites(MVStore store, Statement statement) {
        this.store = store;
        this.statement = statement;
    }

    /** The writes to H2's file through {@code connection}, an embedded H2 connection of this process. */
    static StoreFileWrites of(Connection connection, Statement statement) {
        MVStore store = mvStore(connection);
        if (store != null) {
            writeInCallingThread(store);
        }
        return new StoreFileWrites(store, statement);
    }

    /** The store behind an embedded H2 connection, or null (logged) when H2's internals cannot be reached. */
    static MVStore mvStore(Connection connection) {
        try {
            SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
            return session.getDatabase().getStore().getMvStore();
        } catch (SQLException | RuntimeException | LinkageError e) { // LinkageError: another H2 on the path
            log.warn("H2's internals are out of reach ({}): its file is written with CHECKPOINT and not compacted"
                    + " while the bot runs", e.toString());
            return null;
        }
    }

    /** The store, for {@link StoreCompaction}; null when out of reach. */
    MVStore store() {
        return store;
    }

    Outcome write() {
        return store == null ? checkpoint() : commit();
    }

    private Outcome commit() {
        if (store.isClosed()) {
            return closed();
        }
        try {
            store.commit(); // waits until the changed pages are in the file
        } catch (MVStoreException e) {
            log.warn("store write failed, trying again: {}", e.toString());
            return Outcome.FAILED;
        }
        // Closed meanwhile: H2 returns without writing; the close itself wrote, unless a failure closed it.
        return store.isClosed() ? closed() : Outcome.WRITTEN;
    }

    private Outcome closed() {
        MVStoreException failure = store.getPanicException();
        if (failure != null) { // what was committed since the last write may not be in the file: never say it is
            log.warn("store write failed, H2 closed the store: {}", failure.toString());
            return Outcome.FAILED;
        }
        return Outcome.CLOSED;
    }

    private Outcome checkpoint() {
        try {
            statement.execute("CHECKPOINT");
            return Outcome.WRITTEN;
        } catch (SQLException e) {
            if (e.getErrorCode() == H2_CLOSED_AT_SHUTDOWN) {
                return Outcome.CLOSED;
            }
            log.warn("store write failed, trying again: {}", e.toString());
            return Outcome.FAILED;
        }
    }

    /**
     * Lets H2 serialise and write its pages in the thread that asks for a write: H2's two executors are
     * taken out of its file store (H2 runs a write inline when they are absent, as without a write delay)
     * and shut down once idle. A write already handed to them completes there; one that finds an executor
     * shut down runs inline too (H2 catches the refusal). Best effort: if H2's fields are not there (another
     * version), the hand-offs stay and nothing else changes.
     */
    private static void writeInCallingThread(MVStore store) {
        FileStore<?> file = store.getFileStore();
        if (file == null) {
            return;
        }
        for (String name : new String[] {"serializationExecutor", "bufferSaveExecutor"}) {
            try {
                Field field = FileStore.class.getDeclaredField(name);
                field.setAccessible(true);
                ThreadPoolExecutor executor = (ThreadPoolExecutor) field.get(file);
                field.set(file, null);
                if (executor != null) {
                    executor.shutdown();
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                log.info("H2 keeps handing each write to its own threads ({}): {}", name, e.toString());
                return;
            }
        }
    }
}
