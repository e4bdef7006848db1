package org.certdesk.bot.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The threads of the bot's process, started with the README's JVM flags, while 32 Teams conversations
 * type at once: the request threads, the delivery lanes and the store's writer carry the load, what
 * runs now and then (sweeps, the server watch, expired sessions, the caches' upkeep) does not add a
 * thread each, nor does what keeps time (the outbox's poll and claims, the turns' recovery, the
 * actions' leases, the connection pool's upkeep), nor H2's own writer. The kernel's list of the process's threads ({@code /proc}) is
 * sampled every 20 ms during the load.
 */
@EnabledOnOs(OS.LINUX)
class ThreadsUnderLoadTests {
    private static final int CONVERSATIONS = 32;
    private static final int TURNS_EACH = 25;
    /**
     * 33 on the 2-core machine of docs/performance.md (stop 38), the JVM's own 14 included, and the
     * analyzer's 2 of the server watch at start; one or two of the JVM's compiler threads more on a
     * machine with more cores. Before: 35 to 38 with a thread each for the outbox's poll, its claims,
     * the turns' recovery, H2's background writer and HikariCP's upkeep; 51 with a thread each for the
     * periodic work and 8 request threads and 8 lanes ({@code bot/tools/turn-costs.sh}).
     */
    private static final int MOST_THREADS = 35;
    private static final List<String> README_JVM = List.of("-XX:+UseSerialGC", "-Xmx144m", "-Xss512k",
            "-XX:ReservedCodeCacheSize=64m");

    @Test
    void theLoadIsCarriedByTheThreadsItNeeds(@TempDir Path folder) throws Exception {
        try (StubConnector connector = new StubConnector();
                BotProcess bot = BotProcess.start(folder, "bot", BotProcess.freePort(), README_JVM, List.of())) {
            connector.publishScript(bot, "echo-script.yaml");
            AtomicBoolean loading = new AtomicBoolean(true);
            List<Map<String, Integer>> samples = new ArrayList<>();
            Thread sampler = new Thread(() -> {
                while (loading.get()) {
                    samples.add(threadsByName(bot.pid()));
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            ExecutorService employees = Executors.newFixedThreadPool(CONVERSATIONS);
            try {
                sampler.start();
                List<Future<Integer>> answered = new ArrayList<>();
                for (int c = 0; c < CONVERSATIONS; c++) {
                    String conversation = "a:threads-" + c + "-" + Long.toHexString(System.nanoTime());
                    answered.add(employees.submit(() -> {
                        int ok = 0;
                        for (int turn = 0; turn < TURNS_EACH; turn++) {
                            ok += connector.postMessage(bot, conversation, "turn-" + turn) == 200 ? 1 : 0;
                        }
                        return ok;
                    }));
                }
                for (Future<Integer> conversation : answered) {
                    assertThat(conversation.get()).as("turns answered 200").isEqualTo(TURNS_EACH);
                }
            } finally {
                loading.set(false);
                sampler.join();
                employees.shutdownNow();
            }

            Map<String, Integer> busiest = samples.stream()
                    .max((a, b) -> Integer.compare(total(a), total(b))).orElseThrow();
            System.out.printf("threads under load: at most %d, %s%n", total(busiest), busiest);
            assertThat(total(busiest)).as("threads at the busiest sample: %s", busiest).isLessThanOrEqualTo(MOST_THREADS);
            Map<String, Integer> everSeen = new TreeMap<>();
            samples.forEach(sample -> sample.forEach((name, count) -> everSeen.merge(name, count, Math::max)));
            assertThat(everSeen).as("threads of the periodic work, at most")
                    .doesNotContainKeys("certdesk-webcha", "certdesk-helpde", "certdesk-server", "spring-session-",
                            "ForkJoinPool.co");
            assertThat(everSeen.getOrDefault("certdesk-housek", 0)).as("housekeeping threads").isLessThanOrEqualTo(1);
            assertThat(everSeen).as("what keeps time shares the timers' thread; the store's writer writes for H2")
                    .doesNotContainKeys("certdesk-turn-r", "certdesk-action", "MVStore backgro", "H2-serializatio",
                            "H2-save", "HikariPool-1:ho");
            assertThat(everSeen.getOrDefault("certdesk-timers", 0)).as("timers' threads").isLessThanOrEqualTo(1);
        }
    }

    private static int total(Map<String, Integer> sample) {
        return sample.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * The process's threads by name, as the kernel keeps it (15 characters) less a trailing number:
     * {@code http-nio-127.0.} for every request thread, {@code certdesk-outbox} for every lane.
     */
    private static Map<String, Integer> threadsByName(long pid) {
        Map<String, Integer> byName = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String name = Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).strip();
                    byName.merge(name.replaceAll("[-#]?\\d+$", ""), 1, Integer::sum);
                } catch (IOException ended) {
                    // the thread ended while listed
                }
            }
        } catch (IOException e) {
            return Map.of(); // the process ended
        }
        return byName;
    }
}
