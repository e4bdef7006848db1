package org.certdesk.bot.system;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import javax.sql.DataSource;

import org.certdesk.bot.shared.ActivityJournal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * {@link ActivityJournal} beside H2's file ({@code certdesk.mv.db} has {@code certdesk.journal/}), in
 * segments of up to {@link #SEGMENT_BYTES} or {@link #SEGMENT_AGE}. A record is its length, a CRC-32C
 * and the activity as the inbox stores it; one {@code write} each, to the OS's page cache like H2's
 * own writes. A record whose write a crash cut short ends its segment on reading: its transaction
 * never committed.
 *
 * <p>The store's writer ({@link GroupedCheckpoints}) deletes a segment once a write of the file covers
 * it: sealed before the write began, with every transaction that appended to it ended by then
 * (committed before the write took what it writes, or rolled back). It also writes every
 * {@link #WRITE_EVERY} while the journal holds something, since turns no longer ask it to.
 */
@Component
public class AcceptedActivitiesJournal implements ActivityJournal {
    private static final Logger log = LoggerFactory.getLogger(AcceptedActivitiesJournal.class);
    static final long SEGMENT_BYTES = 256 * 1024;
    static final Duration SEGMENT_AGE = Duration.ofMillis(500);
    /**
     * How often the store's file is written while the journal holds records: what a crash makes run
     * again is at most about this much of the turns (their replies posted twice), and a write serves
     * every turn of the interval.
     */
    static final Duration WRITE_EVERY = Duration.ofMillis(50);
    private static final int MAX_RECORD = 16 * 1024 * 1024;
    private static final String SUFFIX = ".log";
    /** Bound to a transaction that appended. */
    private static final Object APPENDED = new Object();

    private final Path folder; // null: nothing kept
    private final List<String> leftByLastRun;
    private final List<Path> lastRunFiles;
    private final Deque<Segment> sealed = new ArrayDeque<>();
    private Segment current;
    private long nextSegment;
    /** Records appended since the last write of the store's file began. */
    private long unwritten;
    private long lastWrite = System.nanoTime();
    /** Wakes the store's writer, parked while the journal held nothing: the first record since the last write. */
    private volatile Runnable writerWake = () -> { };

    static final class Segment {
        final Path path;
        final FileChannel channel;
        final long opened = System.nanoTime();
        long bytes;
        int open; // transactions that appended and have not ended

        Segment(Path path, FileChannel channel) {
            this.path = path;
            this.channel = channel;
        }
    }

    public AcceptedActivitiesJournal(DataSource dataSource,
            @Value("${certdesk.store.journal.enabled:true}") boolean enabled) {
        Path journal = null;
        if (enabled) {
            try (Connection connection = dataSource.getConnection()) {
                String url = connection.getMetaData().getURL();
                journal = GroupedCheckpoints.inFile(url) ? folderOf(url) : null;
            } catch (SQLException e) {
                throw new IllegalStateException("the store cannot be reached: " + e.getMessage(), e);
            }
        }
        this.folder = journal;
        List<Path> files = new ArrayList<>();
        List<String> records = new ArrayList<>();
        if (folder != null) {
            try {
                Files.createDirectories(folder);
                try (Stream<Path> listed = Files.list(folder)) {
                    listed.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().forEach(files::add);
                }
                for (Path file : files) {
                    records.addAll(read(file));
                    nextSegment = Math.max(nextSegment, number(file) + 1);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("the journal of accepted activities cannot be read or created: " + folder, e);
            }
        }
        this.lastRunFiles = List.copyOf(files);
        this.leftByLastRun = List.copyOf(records);
    }

    /** {@code jdbc:h2:file:./data/certdesk;…} keeps its journal in {@code ./data/certdesk.journal}. */
    static Path folderOf(String url) {
        return EmbeddedStore.filesOf(url, ".journal");
    }

    @Override
    public boolean keeps() {
        return folder != null;
    }

    @Override
    public void append(String record) {
        if (folder == null) {
            return;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("an activity is journaled in the transaction that records it");
        }
        byte[] bytes = record.getBytes(UTF_8);
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        ByteBuffer buffer = ByteBuffer.allocate(8 + bytes.length).putInt(bytes.length).putInt((int) crc.getValue())
                .put(bytes).flip();
        Segment segment;
        boolean wake;
        synchronized (this) {
            segment = current != null ? current : open();
            try {
                while (buffer.hasRemaining()) {
                    segment.channel.write(buffer);
                }
            } catch (IOException e) {
                // What was written of it ends the segment: nothing more goes after it.
                seal();
                throw new UncheckedIOException("the journal of accepted activities could not be written: " + segment.path, e);
            }
            segment.bytes += 8 + bytes.length;
            segment.open++;
            wake = unwritten++ == 0;
        }
        if (wake) {
            writerWake.run();
        }
        if (!TransactionSynchronizationManager.hasResource(APPENDED)) {
            TransactionSynchronizationManager.bindResource(APPENDED, Boolean.TRUE);
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(APPENDED);
                ended(segment);
            }
        });
    }

    @Override
    public boolean appendedInThisTransaction() {
        return folder != null && TransactionSynchronizationManager.hasResource(APPENDED);
    }

    @Override
    public List<String> leftByLastRun() {
        return leftByLastRun;
    }

    @Override
    public void replayed() {
        for (Path file : lastRunFiles) {
            delete(file);
        }
    }

    private synchronized void ended(Segment segment) {
        segment.open--;
    }

    /** {@code wake} is run when a record comes while none waited for a write (the writer may be parked for good). */
    void wakeWriterWith(Runnable wake) {
        writerWake = wake;
    }

    /**
     * Nanoseconds until the store's file should be written for the journal; {@link Long#MAX_VALUE}: not
     * for it. Records not covered yet are written {@link #WRITE_EVERY} after the last write; a segment is
     * sealed (and then deleted) by a write once {@link #SEGMENT_AGE} old, so an idle journal ends empty.
     */
    synchronized long writeDueIn() {
        if (folder == null) {
            return Long.MAX_VALUE;
        }
        long now = System.nanoTime();
        long due = Long.MAX_VALUE;
        if (unwritten > 0 || !sealed.isEmpty()) {
            due = lastWrite + WRITE_EVERY.toNanos() - now;
        }
        if (current != null) {
            due = Math.min(due, current.opened + SEGMENT_AGE.toNanos() - now);
        }
        return due;
    }

    /**
     * Called by the store's writer just before it writes the file. Seals the current segment when it is
     * full or old enough ({@code everything}: whatever it holds, as the store stops).
     *
     * @return the segments the write covers, to give to {@link #written} once it succeeded
     */
    synchronized List<Segment> beforeWrite(boolean everything) {
        if (folder == null) {
            return List.of();
        }
        lastWrite = System.nanoTime();
        unwritten = 0;
        if (current != null && (everything || current.bytes >= SEGMENT_BYTES
                || lastWrite - current.opened >= SEGMENT_AGE.toNanos())) {
            seal();
        }
        List<Segment> covered = new ArrayList<>();
        for (Segment segment : sealed) {
            if (segment.open == 0) {
                covered.add(segment);
            }
        }
        return covered;
    }

    /** The write that {@link #beforeWrite} preceded is in the file: the segments it covers go. */
    synchronized void written(List<Segment> covered) {
        for (Segment segment : covered) {
            sealed.remove(segment);
            delete(segment.path);
        }
    }

    /** A write that failed: what it would have covered is written by a later one. */
    synchronized void notWritten() {
        unwritten++;
    }

    private Segment open() {
        Path path = folder.resolve(String.format(Locale.ROOT, "%020d%s", nextSegment++, SUFFIX));
        try {
            current = new Segment(path, FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
            return current;
        } catch (IOException e) {
            throw new UncheckedIOException("the journal of accepted activities could not be written: " + path, e);
        }
    }

    private void seal() {
        try {
            current.channel.close();
        } catch (IOException e) {
            log.warn("journal segment {} did not close: {}", current.path, e.toString());
        }
        sealed.add(current);
        current = null;
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Left behind, its records are read back at the next start and dropped as known: harmless.
            log.warn("journal segment {} could not be deleted: {}", file, e.toString());
        }
    }

    private static long number(Path file) {
        String name = file.getFileName().toString();
        try {
            return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The records of one segment, up to its end or to the first one a crash cut short. */
    static List<String> read(Path file) throws IOException {
        ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(file));
        List<String> records = new ArrayList<>();
        while (all.remaining() >= 8) {
            int length = all.getInt();
            int sum = all.getInt();
            if (length < 0 || length > MAX_RECORD || length > all.remaining()) {
                break;
            }
            byte[] bytes = new byte[length];
            all.get(bytes);
            CRC32C crc = new CRC32C();
            crc.update(bytes);
            if ((int) crc.getValue() != sum) {
                break;
            }
            records.add(new String(bytes, UTF_8));
        }
        return records;
    }
}
