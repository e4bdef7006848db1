package org.certdesk.bot.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator does to check the store's promise ("commits before the HTTP answer: nothing
 * accepted is lost on a crash"): Teams conversations under load against the bot as a process of its
 * own, {@code kill -9} right after an acknowledgement, a restart in the same folder, and the outbox
 * drained. Then, at the stub Bot Connector: every acknowledged turn got its
 * replies, each once and in order, except the replies the connector had acknowledged but the dead
 * process had not marked sent yet (the documented window: at most {@value #WINDOW} a conversation),
 * which are sent again right after the restart, still in order. A conversation's turn that was
 * posted but not acknowledged when the process died is answered entirely or not at all. Each
 * conversation then takes one more turn: none is stuck.
 *
 * <p>The dialog is {@code echo-script.yaml}, published through the admin API as an admin would: each
 * turn's replies quote the turn's text, so they are known in advance.
 */
abstract class KillNineTest {
    /** Replies a conversation may get twice: a lane's acknowledged, unmarked batch (16) and the one in flight. */
    static final int WINDOW = 17;
    private static final int CONVERSATIONS = 24;

    private StubConnector connector;
    /** When the killed process was gone: what the connector received by then came from it. */
    private volatile Instant killedAt = Instant.MAX;

    /** An activity the connector received, from the first (killed) process or not. */
    record Received(boolean beforeKill, String conversationId, String text) {}

    /** The settings that put the bot on the store under test (none for the default). */
    abstract List<String> storeSettings();

    /** A connection to the store, once the bot stopped. */
    abstract Connection openStore(Path folder) throws SQLException;

    @BeforeEach
    void startConnector() {
        connector = new StubConnector();
    }

    /**
     * What the connector received, in the order it received it (its request journal, which records
     * each request as it comes in, before answering: a request of the killed process that the
     * connector answered only after the kill still counts as the killed process's).
     */
    private List<Received> received() {
        return connector.received().stream()
                .map(r -> new Received(!r.at().isAfter(killedAt), r.conversationId(), r.text())).toList();
    }

    @AfterEach
    void stopConnector() {
        connector.close();
    }

    /**
     * How many kill -9 runs in a row: {@code -Dcertdesk.crash.runs=20} (default 1). Each run has a
     * folder (store) and conversations of its own; the first failing run stops the series and names
     * its number.
     */
    static final int RUNS = Integer.getInteger("certdesk.crash.runs", 1);

    /** The warnings and errors the bot logged in a failed run, to tell why. */
    private static void printProblems(Path runFolder) {
        for (String name : List.of("first.log", "second.log")) {
            try {
                java.nio.file.Files.readAllLines(runFolder.resolve(name), StandardCharsets.UTF_8).stream()
                        .filter(line -> line.contains(" WARN ") || line.contains(" ERROR ") || line.startsWith("Caused by"))
                        .limit(40).forEach(line -> System.out.println(name + ": " + line));
            } catch (IOException e) {
                System.out.println(name + ": " + e);
            }
        }
    }

    /** What one run measured. */
    record Run(int acknowledged, long inFlight, int duplicates, Duration restart, Duration drained, Duration load,
            long setBack) {
        /** Turns acknowledged per second under the load before the kill (a fresh JVM: a rough figure, not a bench). */
        double rate() {
            return acknowledged * 1000.0 / Math.max(1, load.toMillis());
        }
    }

    @Test
    void everyAcknowledgedTurnIsAnsweredOnceInOrderAfterAKillNine(@TempDir Path folder) throws Exception {
        List<Run> runs = new ArrayList<>();
        for (int run = 1; run <= RUNS; run++) {
            connector.resetRequests();
            killedAt = Instant.MAX;
            try {
                runs.add(runOnce(java.nio.file.Files.createDirectories(folder.resolve("run-" + run))));
            } catch (AssertionError | Exception e) {
                System.out.printf("kill -9 run %d of %d FAILED after %d survived: %s%n", run, RUNS, runs.size(), e);
                printProblems(folder.resolve("run-" + run));
                throw e;
            }
            Run last = runs.get(runs.size() - 1);
            System.out.printf("kill -9 run %d of %d: survived; %d turns acknowledged before the kill (%d posted, not"
                    + " acknowledged), 0 lost, 0 stuck, indexes consistent, %d replies sent again; restart %.1f s,"
                    + " every acknowledged turn answered %.1f s after the restart was ready; %.0f turns/s acknowledged"
                    + " before the kill; %d entries of unfinished transactions set back at the restart%n", run, RUNS,
                    last.acknowledged(), last.inFlight(), last.duplicates(), last.restart().toMillis() / 1000.0,
                    last.drained().toMillis() / 1000.0, last.rate(), last.setBack());
        }
        if (RUNS > 1) {
            System.out.printf("kill -9 series: %d of %d runs survived, 0 lost, 0 stuck; replies sent again: %d in all,"
                    + " at most %d in a run; answered after the restart was ready: at most %.1f s, median %.1f s;"
                    + " restart (JVM start to ready) %.1f to %.1f s; turns/s acknowledged before the kill: median %.0f;"
                    + " entries of unfinished transactions set back at the restart: %d, in %d runs%n",
                    runs.size(), RUNS, runs.stream().mapToInt(Run::duplicates).sum(),
                    runs.stream().mapToInt(Run::duplicates).max().orElse(0),
                    runs.stream().mapToLong(r -> r.drained().toMillis()).max().orElse(0) / 1000.0,
                    runs.stream().mapToLong(r -> r.drained().toMillis()).sorted().skip(runs.size() / 2).findFirst()
                            .orElse(0) / 1000.0,
                    runs.stream().mapToLong(r -> r.restart().toMillis()).min().orElse(0) / 1000.0,
                    runs.stream().mapToLong(r -> r.restart().toMillis()).max().orElse(0) / 1000.0,
                    runs.stream().mapToDouble(Run::rate).sorted().skip(runs.size() / 2).findFirst().orElse(0),
                    runs.stream().mapToLong(Run::setBack).sum(), runs.stream().filter(r -> r.setBack() > 0).count());
        }
    }

    private Run runOnce(Path folder) throws Exception {
        List<Driven> conversations = new ArrayList<>();
        for (int i = 0; i < CONVERSATIONS; i++) {
            conversations.add(new Driven("a:crash-" + i + "-" + Long.toHexString(System.nanoTime())));
        }
        int killAfter = 150 + ThreadLocalRandom.current().nextInt(250);
        // The restart listens where the killed run did, as a restarted service would: that is how it
        // recognises its previous run's claims on a shared store.
        int port = BotProcess.freePort();
        Duration load;
        try (BotProcess first = BotProcess.start(folder, "first", port, storeSettings())) {
            connector.publishScript(first, "echo-script.yaml");
            Instant loading = Instant.now();
            drive(first, conversations, killAfter);
            load = Duration.between(loading, killedAt);
        }
        int acknowledged = conversations.stream().mapToInt(c -> c.acknowledged.size()).sum();
        assertThat(acknowledged).as("turns acknowledged before the kill").isGreaterThanOrEqualTo(killAfter);

        Duration restart;
        Duration drained;
        long setBack;
        Instant starting = Instant.now();
        try (BotProcess second = BotProcess.start(folder, "second", port, storeSettings())) {
            Instant ready = Instant.now();
            restart = Duration.between(starting, ready);
            awaitAnswered(conversations);
            drained = Duration.between(ready, Instant.now());
            checkWhileRunning(folder);
            for (Driven conversation : conversations) {
                assertThat(conversation.post(second, "final")).as("a turn after the restart").isEqualTo(200);
                conversation.acknowledged.add("final");
            }
            awaitAnswered(conversations);
            setBack = setBack(second.log());
            second.stop();
            // SIGTERM races H2's own shutdown hook against Spring's: the store writer must take a file
            // closed under it as written, not as a failure to retry and report.
            assertThat(second.log()).as("the log of a graceful stop")
                    .doesNotContain("store write failed").doesNotContain("store writer stopped");
        }

        int duplicates = 0;
        List<Received> received = received();
        for (Driven conversation : conversations) {
            duplicates += conversation.checkConnector(received);
        }
        try (Connection store = openStore(folder)) {
            assertDrained(store);
            checkIndexes(store);
        }
        return new Run(acknowledged, conversations.stream().filter(c -> c.inFlight != null).count(), duplicates,
                restart, drained, load, setBack);
    }

    private static final Pattern SET_BACK = Pattern.compile("(\\d+) entries left by transactions a run never ended");

    /** The entries a killed H2 left for transactions it no longer knows, which the restart set back (system/LeftoverEntries). */
    private static long setBack(String log) {
        Matcher matcher = SET_BACK.matcher(log);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }

    /** The tables a turn writes, whose indexes must agree with them after the kill. */
    private static final List<String> TURN_TABLES = List.of("outbox", "inbox", "conversations", "processed_activities");

    /**
     * Each index of the tables a turn writes agrees with its table: the indexed columns of every row,
     * read through that index (the plan is checked to use it), equal those read by a scan of the
     * table itself. The defect this guards against left index entries of rows that had changed.
     * Stores without index hints (PostgreSQL checks its own indexes) skip it.
     */
    void checkIndexes(Connection store) throws SQLException {
    }

    /**
     * Checks the store right after the restart recovered it, with the restarted bot still running,
     * where the store lets another process read it at the same time (SQLite). Others skip it.
     */
    void checkWhileRunning(Path folder) throws SQLException {
    }

    /**
     * Each conversation posts turn after turn, the next once the previous was acknowledged; the
     * thread that gets the {@code killAfter}-th acknowledgement kills the bot at once.
     */
    private void drive(BotProcess bot, List<Driven> conversations, int killAfter) throws InterruptedException {
        AtomicInteger acknowledgements = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        ExecutorService threads = Executors.newFixedThreadPool(conversations.size());
        for (Driven conversation : conversations) {
            threads.execute(() -> {
                for (int turn = 0; !killed.get(); turn++) {
                    String text = "k" + conversations.indexOf(conversation) + "q" + turn;
                    int status;
                    try {
                        status = conversation.post(bot, text);
                    } catch (IOException | InterruptedException e) {
                        conversation.inFlight = text; // the kill came first: maybe stored, maybe not
                        return;
                    }
                    if (status != 200) {
                        conversation.inFlight = text;
                        return;
                    }
                    conversation.acknowledged.add(text);
                    if (acknowledgements.incrementAndGet() == killAfter && killed.compareAndSet(false, true)) {
                        bot.kill();
                        killedAt = Instant.now();
                        return;
                    }
                }
            });
        }
        threads.shutdown();
        assertThat(threads.awaitTermination(3, TimeUnit.MINUTES)).as("the load ends with the kill").isTrue();
    }

    /**
     * Until every acknowledged turn's replies reached the connector (more may come: they are checked
     * after). Within a minute: the killed run's claims (2 minutes) must not hold the replies back.
     */
    private void awaitAnswered(List<Driven> conversations) {
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            List<Received> received = received();
            for (Driven conversation : conversations) {
                List<String> texts = conversation.texts(received, r -> true);
                List<String> expected = expected(conversation.acknowledged);
                assertThat(texts.size()).as("replies of %s so far: %s; expected at least: %s", conversation.id, texts,
                        expected).isGreaterThanOrEqualTo(expected.size());
                if (!expected.isEmpty()) {
                    // The turn whose request the kill cut short may have been committed: then its reply is last.
                    List<String> lastOnes = new ArrayList<>(List.of(expected.get(expected.size() - 1)));
                    if (conversation.inFlight != null) {
                        // The cut-short turn came before the turns posted after the restart ("final"):
                        // when it was a conversation's first and was committed, it started the dialog.
                        List<String> withIt = new ArrayList<>(conversation.acknowledged);
                        int afterRestart = withIt.indexOf("final");
                        withIt.add(afterRestart < 0 ? withIt.size() : afterRestart, conversation.inFlight);
                        List<String> all = expected(withIt);
                        lastOnes.add(all.get(all.size() - 1));
                    }
                    assertThat(texts.get(texts.size() - 1)).isIn(lastOnes);
                }
            }
        });
    }

    /**
     * The replies of a conversation's turns, in order: the first message starts the dialog, which asks
     * for something; then each text is answered with two quotes of it, and the question again: one
     * activity per turn, as Teams gets a turn's texts (paragraphs of one message).
     */
    static List<String> expected(List<String> turns) {
        List<String> replies = new ArrayList<>();
        for (String text : turns) {
            if (replies.isEmpty()) {
                replies.add("Say something.");
                continue;
            }
            replies.add("Heard " + text + ".\n\nOnce more: " + text + ".\n\nSay something.");
        }
        return replies;
    }

    /**
     * The store once the bot stopped: no inbox row left, no Teams reply left in the outbox (a delivered
     * reply is deleted; what the connector got, once and in order, is checked on its side).
     */
    static void assertDrained(Connection store) throws SQLException {
        try (Statement statement = store.createStatement()) {
            try (ResultSet inbox = statement.executeQuery("SELECT c.conversation_id, i.activity_id, i.attempts,"
                    + " i.failed, i.last_error FROM inbox i JOIN conversations c ON c.id = i.conversation_ref")) {
                List<String> left = new ArrayList<>();
                while (inbox.next()) {
                    left.add(inbox.getString(1) + " " + inbox.getString(2) + " attempts " + inbox.getInt(3) + " failed "
                            + inbox.getBoolean(4) + " " + inbox.getString(5));
                }
                assertThat(left).as("inbox rows left").isEmpty();
            }
            try (ResultSet rows = statement.executeQuery("SELECT c.conversation_id, o.sequence, o.status, o.attempts"
                    + " FROM outbox o JOIN conversations c ON c.id = o.conversation_ref WHERE c.channel = 'msteams'"
                    + " ORDER BY c.conversation_id, o.sequence")) {
                List<String> left = new ArrayList<>();
                while (rows.next()) {
                    left.add(rows.getString(1) + " #" + rows.getLong(2) + " " + rows.getString(3) + " attempts "
                            + rows.getInt(4));
                }
                assertThat(left).as("Teams replies left in the outbox").isEmpty();
            }
        }
    }

    /** One Teams conversation the test drives. */
    final class Driven {
        final String id;
        final List<String> acknowledged = new CopyOnWriteArrayList<>();
        volatile String inFlight;

        Driven(String id) {
            this.id = id;
        }

        int post(BotProcess bot, String text) throws IOException, InterruptedException {
            return connector.postMessage(bot, id, text);
        }

        List<String> allTurns() {
            List<String> turns = new ArrayList<>(acknowledged);
            turns.add(turns.size() - 1, inFlight); // before "final"
            return turns;
        }

        List<String> texts(List<Received> received, java.util.function.Predicate<Received> which) {
            return received.stream().filter(r -> r.conversationId().equals(id) && which.test(r))
                    .map(Received::text).toList();
        }

        /**
         * What the first process sent is the start of the expected replies; what the second sent
         * continues it, going back at most {@link #WINDOW} replies; every acknowledged turn is in it.
         *
         * @return how many replies were sent twice
         */
        int checkConnector(List<Received> received) {
            List<String> first = texts(received, Received::beforeKill);
            List<String> afterRestart = texts(received, r -> !r.beforeKill());
            List<String> acknowledgedReplies = expected(acknowledged);
            List<String> all = inFlight == null ? acknowledgedReplies : expected(allTurns());
            assertThat(all.subList(0, Math.min(first.size(), all.size()))).as("replies of %s before the kill", id)
                    .isEqualTo(first);
            for (int from = first.size(); from >= Math.max(0, first.size() - WINDOW); from--) {
                for (List<String> replies : List.of(acknowledgedReplies, all)) {
                    if (from + afterRestart.size() == replies.size()
                            && replies.subList(from, replies.size()).equals(afterRestart)) {
                        return first.size() - from;
                    }
                }
            }
            throw new AssertionError("replies of " + id + " after the restart do not continue those before it (at most "
                    + WINDOW + " again, then in order, every acknowledged turn):\nbefore the kill: " + first
                    + "\nafter the restart: " + afterRestart + "\nexpected: " + all);
        }
    }
}
