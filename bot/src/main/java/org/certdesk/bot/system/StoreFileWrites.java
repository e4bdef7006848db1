package org.certdesk.bot.system;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

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
 * <p>{@code CHECKPOINT} does the same write ({@code MVStore.commit()}, in H2 2.3), handed on twice:
 * with a write delay (H2's default, kept by the default URL) H2 serialises the changed pages on a thread
 * of its own and writes them on another, and a write that is waited for waits for both. Those threads
 * exist for H2's background writer, which writes without anyone waiting; here the caller always waits,
 * so they only add two wake-ups to every turn's wait (the writer's CPU a turn at one conversation, a
 * write per turn, was about 15 % lower without them: docs/performance.md). Without them H2 serialises
 * and writes in the calling thread, as it does when it has no write delay.
 *
 * <p>Falls back to {@code CHECKPOINT} when H2's internals cannot be reached, with H2's threads and
 * one more weakness: a {@code CHECKPOINT} right after H2's background writer handed a write to its
 * threads (it does when nothing was written for its write delay) finds nothing left to write and
 * returns before that write is in the file. Taking the threads out closes that window too.
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
        CLOSED,
        /**
         * H2 closed the store without writing everything committed (after a failure, its "panic", or an
         * immediate shutdown): what waits for a write will never be written.
         */
        LOST
    }

    /** A write handed to H2's threads before they were taken out: it is done within this, or something is wrong. */
    private static final Duration HANDED_ON = Duration.ofSeconds(10);
    /** H2's {@code ErrorCode.DATABASE_CALLED_AT_SHUTDOWN}: "Database is already closed". */
    private static final int H2_CLOSED_AT_SHUTDOWN = 90121;

    private final MVStore store;
    private final Statement statement;
    /** H2's background writer is stopped: what nobody waits for is the group writer's to write too. */
    private final boolean h2WriterStopped;

    private StoreFileWrites(MVStore store, Statement statement, boolean h2WriterStopped) {
        this.store = store;
        this.statement = statement;
        this.h2WriterStopped = h2WriterStopped;
    }

    /** The writes to H2's file through {@code connection}, an embedded H2 connection of this process. */
    static StoreFileWrites of(Connection connection, Statement statement) {
        MVStore store = mvStore(connection);
        boolean h2WriterStopped = store != null && writeInCallingThread(store) && stopH2Writer(store);
        return new StoreFileWrites(store, statement, h2WriterStopped);
    }

    /**
     * Whether the caller must write what nobody waits for (a commit neither journaled nor awaited: a
     * reply marked delivered, a sweep), as H2's background writer did within its write delay, because
     * that writer is stopped.
     */
    boolean writesForH2() {
        return h2WriterStopped;
    }

    /**
     * Starts H2's background writer again, for when the group writer ends (stopping, or failed): what is
     * committed after that is written within H2's write delay, as before the writer started.
     */
    void handBackToH2() {
        if (h2WriterStopped && !store.isClosed()) {
            int delay = store.getAutoCommitDelay();
            try {
                store.setAutoCommitDelay(0); // H2 ignores the delay it has: 0 stops nothing here, the delay starts a writer
                store.setAutoCommitDelay(delay);
            } catch (RuntimeException e) {
                log.warn("H2's background writer not started again: {}", e.toString());
            }
        }
    }

    /**
     * Something committed is not in the file yet (always false while H2's own writer runs). When H2
     * cannot say, true: the write that follows finds out, and deals with a failure as any write does.
     */
    boolean unsaved() {
        try {
            return h2WriterStopped && !store.isClosed() && store.hasUnsavedChanges();
        } catch (RuntimeException | LinkageError e) {
            return h2WriterStopped;
        }
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
        } catch (RuntimeException | LinkageError e) { // H2's failures are not all MVStoreExceptions
            if (store.isClosed()) { // a failure inside H2's write closes the store (its "panic")
                return closed();
            }
            log.warn("store write failed, trying again: {}", e.toString());
            return Outcome.FAILED;
        }
        // Closed meanwhile: H2 returns without writing, and the close may or may not have written.
        return store.isClosed() ? closed() : Outcome.WRITTEN;
    }

    /**
     * CLOSED only when H2 closed the store as at shutdown, which writes everything and then marks the file
     * clean (the mark goes with the first write after the file is opened again); LOST otherwise.
     */
    private Outcome closed() {
        MVStoreException failure = store.getPanicException();
        FileStore<?> file = store.getFileStore();
        if (failure == null && file != null && Integer.valueOf(1).equals(file.getStoreHeader().get("clean"))) {
            return Outcome.CLOSED;
        }
        log.error("H2 closed the store without writing everything committed: the commits waiting for a write"
                + " are not acknowledged", failure);
        return Outcome.LOST;
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
     * taken out of its file store (H2 runs a write inline when they are absent, as without a write delay),
     * shut down, and waited for: a write H2's background writer handed to them just before must be in the
     * file before the first write here (which would otherwise find nothing left to write and return at
     * once). One that finds an executor shut down runs inline too (H2 catches the refusal). Best effort: if
     * H2's fields are not there (another version), the hand-offs stay and nothing else changes. H2 makes
     * both executors again if its write delay is changed while it runs ({@code SET WRITE_DELAY}).
     */
    private static boolean writeInCallingThread(MVStore store) {
        FileStore<?> file = store.getFileStore();
        if (file == null) {
            return false;
        }
        for (String name : new String[] {"serializationExecutor", "bufferSaveExecutor"}) { // in that order
            try {
                Field field = FileStore.class.getDeclaredField(name);
                field.setAccessible(true);
                ThreadPoolExecutor executor = (ThreadPoolExecutor) field.get(file);
                field.set(file, null);
                if (executor != null) {
                    executor.shutdown();
                    if (!executor.awaitTermination(HANDED_ON.toMillis(), TimeUnit.MILLISECONDS)) {
                        log.warn("H2's {} still busy after {}", name, HANDED_ON);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (ReflectiveOperationException | RuntimeException e) {
                log.info("H2 keeps handing each write to its own threads ({}): {}", name, e.toString());
                return false;
            }
        }
        return true;
    }

    /**
     * Stops H2's background writer thread, whose work the group writer does anyway: it wrote what was
     * committed within H2's write delay (the group writer writes the journal's records within 50 ms,
     * what waits at once, and looks for the rest twice a second), and compacted the file (the group
     * writer compacts after each write, {@link StoreCompaction}). H2's write delay itself stays, so a
     * commit still does not write the file on its own (H2 writes at every commit when the delay is
     * 0). One thread less, and one that woke every 166 ms. Best effort, as above: if H2's method is
     * not there (another version), its writer keeps running and nothing else changes. H2 starts one
     * again if its write delay is changed while it runs ({@code SET WRITE_DELAY}).
     */
    private static boolean stopH2Writer(MVStore store) {
        try {
            Method stop = FileStore.class.getDeclaredMethod("stopBackgroundThread", boolean.class);
            stop.setAccessible(true);
            stop.invoke(store.getFileStore(), true); // waits for a write under way
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.info("H2's background writer keeps running: {}", e.toString());
            return false;
        }
    }
}
