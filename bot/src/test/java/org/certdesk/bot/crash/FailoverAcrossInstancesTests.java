package org.certdesk.bot.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.certdesk.bot.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of the bot (processes of their own, default settings) on one PostgreSQL, Teams
 * conversations whose turns go to either instance at random (no stickiness), and one instance
 * killed with SIGKILL while the conversations are under way. Without a new message from anyone, the
 * surviving instance answers every turn either instance acknowledged, within 10 s of the kill (the
 * issue's goal: inbox rows through its recovery sweep, replies once the dead instance's claims ran
 * out), each conversation's replies in order, each once except those the dead instance had sent but
 * not yet marked sent (the documented window, at most {@value #WINDOW} a conversation). Then every
 * conversation takes one more turn through the survivor. Prints the figures.
 *
 * <p>The dialog is the crash tests' {@code echo-script.yaml}: each turn's replies quote its text.
 */
class FailoverAcrossInstancesTests {
    /** The goal: the dead instance's conversations answer again within this. */
    private static final Duration FAILOVER = Duration.ofSeconds(10);
    /** Replies a conversation may get twice: a lane's acknowledged, unmarked batch (16) and the one in flight. */
    private static final int WINDOW = 17;
    private static final int CONVERSATIONS = 12;

    private final Map<String, Object> database = TestDatabases.postgresProperties();
    private StubConnector connector;

    @BeforeEach
    void startConnector() {
        connector = new StubConnector();
    }

    @AfterEach
    void stopConnector() {
        connector.close();
    }

    /** The settings that put an instance on the test's PostgreSQL database. */
    private List<String> store() {
        return List.of("--spring.profiles.active=postgres", "--certdesk.db.url=" + database.get("spring.datasource.url"),
                "--certdesk.db.username=" + database.get("spring.datasource.username"), "--certdesk.db.password=");
    }

    @Test
    void theSurvivorAnswersEveryAcknowledgedTurnWithinTenSecondsOfAKillNine(@TempDir Path folder) throws Exception {
        List<String> store = store();
        List<Driven> conversations = new ArrayList<>();
        for (int i = 0; i < CONVERSATIONS; i++) {
            conversations.add(new Driven("a:failover-" + i + "-" + Long.toHexString(System.nanoTime())));
        }
        // The doomed instance paces its replies as for Teams (30 a second): it is killed with replies of
        // acknowledged turns still to send, however fast it is otherwise.
        List<String> paced = new ArrayList<>(store);
        paced.add("--certdesk.bot.pace.enabled=true");
        try (BotProcess doomed = BotProcess.start(java.nio.file.Files.createDirectories(folder.resolve("a")), "a",
                        BotProcess.freePort(), paced);
                BotProcess survivor = BotProcess.start(java.nio.file.Files.createDirectories(folder.resolve("b")), "b",
                        BotProcess.freePort(), store)) {
            connector.publishScript(doomed, "echo-script.yaml");
            int killAfter = 60 + ThreadLocalRandom.current().nextInt(60);
            Instant killedAt = drive(doomed, survivor, conversations, killAfter);
            List<StubConnector.Received> atKill = received();
            long unfinished = conversations.stream().filter(c -> !c.answered(atKill)).count();
            long acknowledgedByDoomed = conversations.stream().mapToLong(c -> c.acknowledgedBy.get("a")).sum();

            // Nobody writes meanwhile: the survivor must find the work by itself.
            await().atMost(FAILOVER.minus(Duration.between(killedAt, Instant.now()))).pollInterval(Duration.ofMillis(50))
                    .untilAsserted(() -> {
                        List<StubConnector.Received> received = received();
                        for (Driven conversation : conversations) {
                            assertThat(conversation.answered(received)).as("%s answered", conversation.id).isTrue();
                        }
                    });
            Duration failover = Duration.between(killedAt, Instant.now());

            for (Driven conversation : conversations) {
                assertThat(conversation.post(survivor, "final")).as("a turn after the kill").isEqualTo(200);
                conversation.acknowledged.add("final");
            }
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                List<StubConnector.Received> received = received();
                for (Driven conversation : conversations) {
                    assertThat(conversation.answered(received)).as("%s answered", conversation.id).isTrue();
                }
            });
            survivor.stop();

            List<StubConnector.Received> received = received();
            int duplicates = 0;
            for (Driven conversation : conversations) {
                duplicates += conversation.checkConnector(received);
            }
            checkStore();
            System.out.printf("failover: %d conversations on 2 instances, %d turns acknowledged (%d by the killed"
                    + " instance), %d conversations with unanswered turns at the kill; every acknowledged turn"
                    + " answered %.1f s after the kill (goal %d s), 0 lost, in order, %d replies sent twice%n",
                    CONVERSATIONS, conversations.stream().mapToInt(c -> c.acknowledged.size() - 1).sum(),
                    acknowledgedByDoomed, unfinished, failover.toMillis() / 1000.0, FAILOVER.toSeconds(), duplicates);
            assertThat(unfinished).as("the kill interrupted conversations under way").isPositive();
            assertThat(acknowledgedByDoomed).as("the killed instance took turns").isPositive();
        }
    }

    /**
     * The TLS probe (a slow action) runs on the instance that took the turn, against a sign-in server
     * that does not answer the handshake. While that instance lives, the probe keeps its lease well
     * past the lease's length (renewed); once the instance is killed, the other one runs the probe
     * again within 10 s (the server then refuses at once, so the probe ends: inconclusive) and the
     * conversation goes on from there, each reply once.
     */
    @Test
    void aProbeOfTheKilledInstanceRunsAgainOnTheOtherWithinTenSeconds(@TempDir Path folder) throws Exception {
        try (ServerSocket signInServer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Instant> connections = new CopyOnWriteArrayList<>();
            List<Socket> held = new CopyOnWriteArrayList<>();
            AtomicBoolean answerNothing = new AtomicBoolean(true);
            Thread acceptor = new Thread(() -> {
                while (!signInServer.isClosed()) {
                    try {
                        Socket socket = signInServer.accept();
                        connections.add(Instant.now());
                        if (answerNothing.get()) {
                            held.add(socket); // open, silent: the handshake waits
                        } else {
                            socket.close();
                        }
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "silent-sign-in-server");
            acceptor.setDaemon(true);
            acceptor.start();
            List<String> settings = new ArrayList<>(store());
            settings.addAll(List.of("--certdesk.analyzer.hosts[0]=127.0.0.1:" + signInServer.getLocalPort(),
                    "--certdesk.analyzer.allow-private=true", "--certdesk.analyzer.handshake-timeout=5m",
                    "--certdesk.analyzer.watch-interval=0"));
            Duration lease = Duration.ofSeconds(6); // certdesk.turns.action-lease, the default
            try (BotProcess doomed = BotProcess.start(java.nio.file.Files.createDirectories(folder.resolve("a")), "a",
                            BotProcess.freePort(), settings);
                    BotProcess survivor = BotProcess.start(java.nio.file.Files.createDirectories(folder.resolve("b")),
                            "b", BotProcess.freePort(), settings)) {
                connector.publishScript(doomed, "probe-script.yaml");
                Driven alice = new Driven("a:probe-" + Long.toHexString(System.nanoTime()));
                assertThat(alice.post(doomed, "hello")).isEqualTo(200);
                await().atMost(Duration.ofSeconds(30)).until(() -> alice.said(received()).contains("Say something."));
                assertThat(alice.post(doomed, "x1")).isEqualTo(200);
                await().atMost(Duration.ofSeconds(30)).until(() -> !connections.isEmpty());
                assertThat(alice.said(received())).containsExactly("Say something.", "Checking x1.");

                // Longer than the lease: renewed, so the other instance leaves the probe alone.
                await().during(lease.plusSeconds(3)).atMost(lease.plusSeconds(8)).until(() -> connections.size() == 1);

                answerNothing.set(false);
                doomed.kill();
                Instant killedAt = Instant.now();
                await().atMost(FAILOVER).pollInterval(Duration.ofMillis(50)).until(() -> connections.size() > 1);
                Duration takenOver = Duration.between(killedAt, connections.get(1));
                await().atMost(Duration.ofSeconds(30)).until(() -> alice.said(received()).size() >= 3);
                assertThat(alice.said(received())).as("each reply once, in order (a turn's texts are one activity)")
                        .containsExactly("Say something.", "Checking x1.", "Checked x1.\n\nSay something.");
                System.out.printf("probe failover: the probe of the killed instance ran again on the other %.1f s"
                        + " after the kill (goal %d s; lease %d s, renewed while it ran: not taken over during %d s"
                        + " before the kill)%n", takenOver.toMillis() / 1000.0, FAILOVER.toSeconds(),
                        lease.toSeconds(), lease.plusSeconds(3).toSeconds());
                held.forEach(socket -> {
                    try {
                        socket.close();
                    } catch (IOException e) {
                        // closing anyway
                    }
                });
            }
        }
    }

    /**
     * Each conversation posts turn after turn, each to either instance at random, the next once the
     * previous was acknowledged; the thread that gets the {@code killAfter}-th acknowledgement kills
     * the first instance at once, and every thread stops.
     *
     * @return when the killed instance was gone
     */
    private Instant drive(BotProcess doomed, BotProcess survivor, List<Driven> conversations, int killAfter)
            throws InterruptedException {
        AtomicInteger acknowledgements = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        Instant[] killedAt = new Instant[1];
        ExecutorService threads = Executors.newFixedThreadPool(conversations.size());
        for (Driven conversation : conversations) {
            threads.execute(() -> {
                for (int turn = 0; !killed.get(); turn++) {
                    String text = "f" + conversations.indexOf(conversation) + "q" + turn;
                    boolean toDoomed = turn == 0 || ThreadLocalRandom.current().nextBoolean();
                    int status;
                    try {
                        status = conversation.post(toDoomed ? doomed : survivor, text);
                    } catch (IOException | InterruptedException e) {
                        conversation.inFlight = text; // the kill came first: maybe stored, maybe not
                        return;
                    }
                    if (status != 200) {
                        conversation.inFlight = text;
                        return;
                    }
                    conversation.acknowledged.add(text);
                    conversation.acknowledgedBy.merge(toDoomed ? "a" : "b", 1L, Long::sum);
                    // The kill comes once enough turns were taken, right after the doomed instance
                    // acknowledged one whose reply is not out yet: it then always interrupts a turn
                    // under way, however fast that instance answers (a kill at a fixed count found
                    // every reply already sent, once, 106 turns in).
                    if (acknowledgements.incrementAndGet() >= killAfter && toDoomed
                            && !conversation.answered(received()) && killed.compareAndSet(false, true)) {
                        doomed.kill();
                        killedAt[0] = Instant.now();
                        return;
                    }
                }
            });
        }
        threads.shutdown();
        assertThat(threads.awaitTermination(3, TimeUnit.MINUTES)).as("the load ends with the kill").isTrue();
        return killedAt[0];
    }

    /** What the connector received, in the order it received it. */
    private List<StubConnector.Received> received() {
        return connector.received();
    }

    /** No inbox row and no Teams reply left in the store (checked on the connector's side: once, in order). */
    private void checkStore() throws SQLException {
        try (Connection store = DriverManager.getConnection((String) database.get("spring.datasource.url"),
                (String) database.get("spring.datasource.username"), "")) {
            KillNineTest.assertDrained(store);
        }
    }

    /** One Teams conversation the test drives. */
    final class Driven {
        final String id;
        final List<String> acknowledged = new CopyOnWriteArrayList<>();
        final Map<String, Long> acknowledgedBy = new java.util.concurrent.ConcurrentHashMap<>(Map.of("a", 0L, "b", 0L));
        /** A turn posted to the killed instance as it died: acknowledged or not, maybe stored. */
        volatile String inFlight;

        Driven(String id) {
            this.id = id;
        }

        int post(BotProcess bot, String text) throws IOException, InterruptedException {
            return connector.postMessage(bot, id, text);
        }

        /** The turns with the one in flight at the kill (stored after all), before "final" if it came. */
        List<String> allTurns() {
            List<String> turns = new ArrayList<>(acknowledged);
            int beforeFinal = !turns.isEmpty() && turns.get(turns.size() - 1).equals("final") ? turns.size() - 1
                    : turns.size();
            turns.add(beforeFinal, inFlight);
            return turns;
        }

        /** What the bot said in this conversation, typing indicators left out. */
        List<String> said(List<StubConnector.Received> received) {
            return texts(received).stream().filter(text -> !text.isEmpty()).toList();
        }

        List<String> texts(List<StubConnector.Received> received) {
            return received.stream().filter(r -> r.conversationId().equals(id)).map(StubConnector.Received::text).toList();
        }

        /** Every acknowledged turn's replies arrived: those of the last one, which come after all others. */
        boolean answered(List<StubConnector.Received> received) {
            List<String> texts = texts(received);
            if (acknowledged.size() <= 1) {
                return acknowledged.isEmpty() || !texts.isEmpty();
            }
            // A turn's texts are one activity (Teams' one bubble per turn): the quotes, then the question.
            String quoted = "Once more: " + acknowledged.get(acknowledged.size() - 1) + ".";
            return texts.stream().anyMatch(text -> text.contains(quoted) && text.endsWith("Say something."));
        }

        /**
         * The replies received are the expected ones in order, with at most {@link #WINDOW} of them
         * received a second time right after their first copies (the dead instance's sent but unmarked
         * entries, sent again by the survivor).
         *
         * @return how many replies were received twice
         */
        int checkConnector(List<StubConnector.Received> received) {
            List<String> texts = texts(received);
            for (List<String> all : inFlight == null ? List.of(KillNineTest.expected(acknowledged))
                    : List.of(KillNineTest.expected(acknowledged), KillNineTest.expected(allTurns()))) {
                int twice = texts.size() - all.size();
                if (twice < 0 || twice > WINDOW) {
                    continue;
                }
                for (int end = twice; end <= all.size(); end++) {
                    // texts = all[0, end) + all[end - twice, all.size())
                    List<String> joined = new ArrayList<>(all.subList(0, end));
                    joined.addAll(all.subList(end - twice, all.size()));
                    if (joined.equals(texts)) {
                        return twice;
                    }
                }
            }
            throw new AssertionError("replies of " + id + " are not its turns' replies in order (at most " + WINDOW
                    + " again):\nreceived: " + texts + "\nturns: " + acknowledged + " in flight: " + inFlight);
        }
    }
}
