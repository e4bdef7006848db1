package org.certdesk.bot.system;

import java.util.concurrent.TimeUnit;

import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compacts H2's file a little at a time, from the thread that writes the groups. H2 appends every
 * write as a new chunk and keeps each chunk of its file in memory until none of its pages is live;
 * its own compaction ({@code AUTO_COMPACT_FILL_RATE}, off in the default URL) either never ran under
 * load (at 50: the chunks, and the heap they take, grew with the file) or rewrote and moved megabytes
 * at a time under the store's lock (at its default, 90: the group of turns behind it waited; the p90 at
 * 64 conversations went from 48 to 61 ms, docs/performance.md). Here, at most every {@link #EVERY},
 * the pages still live in the oldest partly live chunks, up to {@link #SLICE_BYTES} (H2 ranks them
 * by fill rate over age), are rewritten and go into the next group's write, so old chunks empty out
 * and are freed while no single write grows by much more than a slice (the pages above a rewritten
 * leaf are written again too).
 * Nothing is written here: a slice only changes pages in memory, and the group's write ({@link StoreFileWrites})
 * writes them, so what is acknowledged and when is as without it.
 */
final class StoreCompaction {
    private static final Logger log = LoggerFactory.getLogger(StoreCompaction.class);
    static final long EVERY = TimeUnit.MILLISECONDS.toNanos(50);
    /** Chunks are rewritten while the file's chunks hold less than this share of live data. */
    static final int TARGET_FILL_RATE = 80;
    static final int SLICE_BYTES = 256 * 1024;

    private final MVStore store;
    private long next = System.nanoTime();
    private long failures;

    /** @param store H2's store, or null when out of reach ({@link StoreFileWrites#mvStore}): nothing is compacted */
    StoreCompaction(MVStore store) {
        this.store = store;
    }

    /** Rewrites one slice when the last was at least {@link #EVERY} ago; never throws. */
    void slice() {
        long now = System.nanoTime();
        if (store == null || now - next < 0) {
            return;
        }
        next = now + EVERY;
        rewrite();
    }

    /** One slice, now. */
    void rewrite() {
        if (store == null || store.isClosed()) {
            return;
        }
        try {
            store.compact(TARGET_FILL_RATE, SLICE_BYTES);
        } catch (RuntimeException | LinkageError e) {
            // H2 closes the store on a failure inside its lock (as with its own compaction): the
            // writer's next write then fails and says so. Logged whole the first time only,
            // as it could otherwise come every 50 ms.
            if (failures++ == 0) {
                log.error("store compaction failed", e);
            } else {
                log.debug("store compaction failed again ({} times): {}", failures, e.toString());
            }
        }
    }

    /** Share of live data in the file's chunks, in percent (H2's own measure). */
    int chunksFillRate() {
        return store == null ? 100 : store.getFileStore().getChunksFillRate();
    }
}
