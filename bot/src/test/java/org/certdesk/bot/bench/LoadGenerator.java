package org.certdesk.bot.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * N concurrent conversations, one platform thread and one keep-alive connection each, closed loop:
 * each sends its next activity as soon as the previous turn ended. In {@link Mode#BOT} a turn is a
 * Teams {@code message} posted to {@code /api/messages} with a valid token, and it ends when all its
 * replies reached the stub connector; each conversation first gets the {@code conversationUpdate}
 * welcome. In {@link Mode#FLOOR} the same request goes to the bare echo endpoint and ends with its
 * HTTP response. Turns sent during the warm-up are not measured; a turn is measured if it was sent
 * in the measured window. Bounded: threads stop sending at the end of the window, and a turn whose
 * replies do not all come within the timeout takes its conversation out of the run.
 */
final class LoadGenerator {
    enum Mode { BOT, FLOOR }

    /** Told when the measured window starts and ends. */
    interface Window {
        void start();

        void end();
    }

    /** What one conversation sends and what each of its turns produces. */
    record Workload(int welcomeReplies, int turnReplies) {
    }

    record Result(int conversations, double seconds, long turns, Latencies total, Latencies ack, Latencies firstReply,
            long refused, long ioErrors, long timeouts, long welcomeFailures, int connects, ThreadCpu cpuStart,
            ThreadCpu cpuEnd, long gcCount, long gcMillis, long jitMillis, long windowStartMillis, long windowEndMillis) {

        double turnsPerSecond() {
            return turns / seconds;
        }
    }

    private final Mode mode;
    private final int port;
    private final ConnectorStub connector;
    private final List<String> tokens;
    private final Workload workload;
    private final int conversations;
    private final long warmupNanos;
    private final long measureNanos;
    private final long turnTimeoutNanos;
    private final String runId;
    private final Window window;

    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong ioErrors = new AtomicLong();
    private final AtomicLong timeouts = new AtomicLong();
    private final AtomicLong welcomeFailures = new AtomicLong();
    /** Turns completed so far, warm-up included: the progress lines show the warm-up curve. */
    private final AtomicLong completed = new AtomicLong();

    LoadGenerator(Mode mode, int port, ConnectorStub connector, List<String> tokens, Workload workload,
            int conversations, double warmupSeconds, double measureSeconds, double turnTimeoutSeconds, String runId,
            Window window) {
        this.mode = mode;
        this.port = port;
        this.connector = connector;
        this.tokens = tokens;
        this.workload = workload;
        this.conversations = conversations;
        this.warmupNanos = (long) (warmupSeconds * 1e9);
        this.measureNanos = (long) (measureSeconds * 1e9);
        this.turnTimeoutNanos = (long) (turnTimeoutSeconds * 1e9);
        this.runId = runId;
        this.window = window;
    }

    Result run() throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + warmupNanos;
        long measureUntil = measureFrom + measureNanos;
        List<Worker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < conversations; i++) {
            Worker worker = new Worker(i, measureFrom, measureUntil);
            workers.add(worker);
            Thread thread = new Thread(worker, "bench-gen-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        Thread progress = new Thread(() -> progress(start, measureUntil), "bench-progress");
        progress.setDaemon(true);
        progress.start();
        sleepUntil(measureFrom);
        long windowStart = System.currentTimeMillis();
        window.start();
        ThreadCpu cpuStart = ThreadCpu.snapshot();
        long gcCount = Benchmarks.gcCount();
        long gcMillis = Benchmarks.gcMillis();
        long jitMillis = Benchmarks.jitMillis();
        sleepUntil(measureUntil);
        long windowEnd = System.currentTimeMillis();
        ThreadCpu cpuEnd = ThreadCpu.snapshot();
        window.end();
        gcCount = Benchmarks.gcCount() - gcCount;
        gcMillis = Benchmarks.gcMillis() - gcMillis;
        jitMillis = Benchmarks.jitMillis() - jitMillis;
        for (Thread thread : threads) {
            thread.join(TimeUnit.NANOSECONDS.toMillis(turnTimeoutNanos) + 5_000);
            if (thread.isAlive()) {
                thread.interrupt();
            }
        }
        progress.join(15_000);
        List<Latencies> totals = new ArrayList<>();
        List<Latencies> acks = new ArrayList<>();
        List<Latencies> firsts = new ArrayList<>();
        int connects = 0;
        for (Worker worker : workers) {
            totals.add(worker.total);
            acks.add(worker.ack);
            firsts.add(worker.firstReply);
            connects += worker.http.connects();
        }
        Latencies total = Latencies.merge(totals);
        return new Result(conversations, measureNanos / 1e9, total.count(), total, Latencies.merge(acks),
                Latencies.merge(firsts), refused.get(), ioErrors.get(), timeouts.get(), welcomeFailures.get(), connects,
                cpuStart, cpuEnd, gcCount, gcMillis, jitMillis, windowStart, windowEnd);
    }

    /** Every 10 s: turns per second over the last 10 s, so one sees when the warm-up levels off. */
    private void progress(long start, long end) {
        StringBuilder line = new StringBuilder("  turns/s per 10 s (warm-up included):");
        long before = 0;
        try {
            for (long at = start + 10_000_000_000L; at - end <= 0; at += 10_000_000_000L) {
                sleepUntil(at);
                long now = completed.get();
                line.append(' ').append((now - before) / 10);
                before = now;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.out.println(line);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime()) {
            TimeUnit.NANOSECONDS.sleep(Math.min(left, 100_000_000L));
        }
    }

    private final class Worker implements Runnable {
        private final int index;
        private final long measureFrom;
        private final long measureUntil;
        private final Http11Connection http;
        private final Conversation conversation;
        private final Latencies total = new Latencies();
        private final Latencies ack = new Latencies();
        private final Latencies firstReply = new Latencies();
        private final String path;
        private final byte[] messageHead;
        private final byte[] messageTail;

        Worker(int index, long measureFrom, long measureUntil) {
            this.index = index;
            this.measureFrom = measureFrom;
            this.measureUntil = measureUntil;
            this.http = new Http11Connection(port);
            this.conversation = new Conversation("a:bench-" + runId + "-" + index);
            this.path = mode == Mode.BOT ? "/api/messages" : BenchApplication.ECHO_PATH;
            String message = Activities.message(index, conversation.id(), connector.serviceUrl(), "\u0000");
            int hole = message.indexOf('\u0000');
            this.messageHead = message.substring(0, hole).getBytes(StandardCharsets.UTF_8);
            this.messageTail = message.substring(hole + 1).getBytes(StandardCharsets.UTF_8);
            connector.register(conversation);
        }

        @Override
        public void run() {
            try {
                if (mode == Mode.BOT && !welcome()) {
                    welcomeFailures.incrementAndGet();
                    return;
                }
                for (long turn = 1; ; turn++) {
                    long sent = System.nanoTime();
                    if (sent - measureUntil >= 0) {
                        return;
                    }
                    if (!turn(turn, sent)) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                http.close();
            }
        }

        private boolean welcome() throws InterruptedException {
            byte[] body = Activities.welcome(index, conversation.id(), connector.serviceUrl())
                    .getBytes(StandardCharsets.UTF_8);
            conversation.expect(workload.welcomeReplies());
            try {
                int status = http.post(path, token(0), body);
                if (status != 200) {
                    conversation.cancel(workload.welcomeReplies());
                    return false;
                }
            } catch (IOException e) {
                return false;
            }
            return conversation.awaitTurn(System.nanoTime() + turnTimeoutNanos) != null;
        }

        /** @return whether to go on */
        private boolean turn(long turn, long sent) throws InterruptedException {
            byte[] id = (index + "-" + turn).getBytes(StandardCharsets.UTF_8);
            byte[] body = new byte[messageHead.length + id.length + messageTail.length];
            System.arraycopy(messageHead, 0, body, 0, messageHead.length);
            System.arraycopy(id, 0, body, messageHead.length, id.length);
            System.arraycopy(messageTail, 0, body, messageHead.length + id.length, messageTail.length);
            boolean bot = mode == Mode.BOT;
            if (bot) {
                conversation.expect(workload.turnReplies());
            }
            int status;
            sent = System.nanoTime();
            try {
                status = http.post(path, token(turn), body);
            } catch (IOException e) {
                ioErrors.incrementAndGet();
                if (bot) {
                    conversation.cancel(workload.turnReplies()); // may be wrong if it was accepted: then a timeout follows
                }
                Thread.sleep(10);
                return true;
            }
            long answered = System.nanoTime();
            boolean measured = sent - measureFrom >= 0;
            if (status != 200) {
                refused.incrementAndGet();
                if (bot) {
                    conversation.cancel(workload.turnReplies());
                }
                Thread.sleep(10);
                return true;
            }
            if (!bot) {
                completed.incrementAndGet();
                if (measured) {
                    total.add(answered - sent);
                    ack.add(answered - sent);
                }
                return true;
            }
            long[] replies = conversation.awaitTurn(sent + turnTimeoutNanos);
            if (replies == null) {
                timeouts.incrementAndGet();
                return false; // its late replies would be taken for the next turn's: leave the run
            }
            completed.incrementAndGet();
            if (measured) {
                total.add(replies[1] - sent);
                ack.add(answered - sent);
                firstReply.add(replies[0] - sent);
            }
            return true;
        }

        private String token(long turn) {
            return tokens.get((int) ((index + turn) % tokens.size()));
        }
    }
}
