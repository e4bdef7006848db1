package org.certdesk.bot.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import org.certdesk.dialogs.action.Catalogue;
import org.certdesk.dialogs.engine.DialogEngine;
import org.certdesk.dialogs.engine.TurnResult;
import org.certdesk.dialogs.engine.UserInput;
import org.certdesk.dialogs.load.DefaultScripts;
import org.certdesk.dialogs.load.ScriptLoader;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Turns per second and latency of the whole bot over its Teams endpoint, against the floor of a bare
 * Spring endpoint in the same application. A plain main method (not a test, not JMH): the figures
 * depend on the machine, so they are recorded in docs/performance.md, not asserted.
 *
 * <p>Each run starts the real application (embedded Tomcat on a loopback port, Flyway, auth on) with
 * an {@link IdentityStub} for the signing keys and connector tokens and a {@link ConnectorStub} for
 * the replies, then drives it with the {@link LoadGenerator}; a turn is timed from sending the
 * activity to the last of its replies reaching the stub connector. Runs:
 * <ul>
 *   <li>{@code floor}: the same requests to {@code POST /bench/echo}, which reads the body and answers
 *       200 (no token check, no store): the HTTP round trip alone;</li>
 *   <li>{@code file}: the bot with H2 in a file in a temporary directory (state and outbox on disk; the
 *       default store);</li>
 *   <li>{@code memory}: the bot with H2 in memory, to show what the disk costs.</li>
 * </ul>
 *
 * <p>Run (from the repository root; see docs/performance.md):
 * {@code mvn -q -pl bot -am process-test-classes -Pbench [-Dbench.args="--conversations 64 --warmup 300 --duration 60 --runs floor,file,memory"] [-Dbench.jvm="-XX:StartFlightRecording=..."]}.
 * Options: {@code --conversations N} (64), {@code --warmup S} (300: on 2 cores the JIT needs 2 to 4 minutes
 * before the bot's throughput levels off; the progress line shows it), {@code --duration S} (60),
 * {@code --timeout S} per turn (10), {@code --runs} (floor,file,memory), {@code --set key=value}
 * (an extra application property, repeatable, e.g. {@code certdesk.outbox.workers=8}).
 */
public final class TurnsBenchmark {
    private static final int TOKENS = 16;

    private int conversations = 64;
    private double warmup = 300;
    private double duration = 60;
    private double timeout = 10;
    private List<String> runs = List.of("floor", "file", "memory");
    private final Map<String, Object> extra = new LinkedHashMap<>();

    private TurnsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true"); // the stubs answer at once, not after a delayed ACK
        TurnsBenchmark benchmark = new TurnsBenchmark();
        benchmark.parse(args);
        benchmark.run();
        System.exit(0); // Tomcat's and H2's threads are closed, but be sure nothing lingers
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--conversations" -> conversations = Integer.parseInt(value);
                case "--warmup" -> warmup = Double.parseDouble(value);
                case "--duration" -> duration = Double.parseDouble(value);
                case "--timeout" -> timeout = Double.parseDouble(value);
                case "--runs" -> runs = List.of(value.split(","));
                case "--set" -> {
                    int eq = value.indexOf('=');
                    extra.put(value.substring(0, eq), value.substring(eq + 1));
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--conversations N, --warmup S, --duration S, --timeout S, --runs floor,file,memory, --set k=v)");
            }
            i++;
        }
        if (conversations < 1 || conversations > 1024 || warmup < 0 || warmup > 1800 || duration <= 0 || duration > 600
                || timeout <= 0 || timeout > 60) {
            throw new IllegalArgumentException("out of bounds: 1-1024 conversations, warm-up at most 1800 s, duration at"
                    + " most 600 s, turn timeout at most 60 s");
        }
    }

    private void run() throws Exception {
        LoadGenerator.Workload workload = workload();
        System.out.println("certdesk bot turns benchmark");
        System.out.println("machine: " + Benchmarks.machine());
        System.out.printf(Locale.ROOT, "settings: %d conversations (closed loop, one turn outstanding each), warm-up %.0f s,"
                        + " measured %.0f s, turn timeout %.0f s; a turn = message \"aide\"/\"help\" (fr/en) answered by"
                        + " %d replies (the welcome: %d); extra properties %s%n",
                conversations, warmup, duration, timeout, workload.turnReplies(), workload.welcomeReplies(), extra);
        Map<String, LoadGenerator.Result> results = new LinkedHashMap<>();
        for (String run : runs) {
            System.out.printf("%n--- run %s (load average before: %s)%n", run, Benchmarks.loadAverage());
            results.put(label(run), switch (run) {
                case "floor" -> once(run, LoadGenerator.Mode.FLOOR, false, workload);
                case "file" -> once(run, LoadGenerator.Mode.BOT, false, workload);
                case "memory" -> once(run, LoadGenerator.Mode.BOT, true, workload);
                default -> throw new IllegalArgumentException("unknown run " + run + " (floor, file, memory)");
            });
        }
        System.out.printf("%n%-44s %9s %8s %8s %8s %8s %8s %8s %7s%n", "run", "turns/s", "p50 ms", "p90 ms", "p99 ms",
                "max ms", "mean ms", "turns", "errors");
        results.forEach((name, r) -> System.out.printf(Locale.ROOT, "%-44s %9.0f %8.2f %8.2f %8.2f %8.1f %8.2f %8d %7d%n",
                name, r.turnsPerSecond(), r.total().millis(0.50), r.total().millis(0.90), r.total().millis(0.99),
                r.total().maxMillis(), r.total().meanMillis(), r.turns(),
                r.refused() + r.ioErrors() + r.timeouts() + r.welcomeFailures()));
        System.out.println("load average after: " + Benchmarks.loadAverage());
    }

    private static String label(String run) {
        return switch (run) {
            case "floor" -> "floor: bare endpoint /bench/echo";
            case "file" -> "bot, H2 file (state + outbox on disk)";
            case "memory" -> "bot, H2 in memory";
            default -> run;
        };
    }

    private LoadGenerator.Result once(String run, LoadGenerator.Mode mode, boolean memory, LoadGenerator.Workload workload)
            throws Exception {
        Path directory = Files.createTempDirectory("certdesk-bench-");
        String url = memory
                ? "jdbc:h2:mem:bench-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;QUERY_CACHE_SIZE=64"
                : org.certdesk.bot.testing.TestApplications.h2File(directory); // as application.yml
        try (IdentityStub identity = new IdentityStub(); ConnectorStub connector = new ConnectorStub(8)) {
            Map<String, Object> properties = new HashMap<>();
            properties.put("server.port", "0");
            properties.put("server.address", "127.0.0.1");
            properties.put("spring.datasource.url", url);
            properties.put("spring.datasource.username", "sa");
            properties.put("spring.datasource.password", "");
            properties.put("certdesk.bot.app-id", IdentityStub.APP_ID);
            properties.put("certdesk.bot.app-password", "bench-secret");
            properties.put("certdesk.bot.tenant-id", "bench-tenant");
            properties.put("certdesk.bot.openid-metadata-url", identity.metadataUrl().toString());
            properties.put("certdesk.bot.token-url", identity.tokenUrl().toString());
            properties.put("certdesk.analyzer.hosts", "127.0.0.1:9"); // never contacted: the help turn runs no action
            properties.put("certdesk.public-base-url", "http://127.0.0.1:3978");
            properties.put("spring.main.banner-mode", "off");
            properties.put("logging.level.root", "WARN");
            properties.put("logging.level.org.certdesk", "INFO"); // nothing at INFO on the normal path; retries say why
            // The stub connector has no rate limit: measure the bot, not Teams' ~30 replies a second per tenant.
            properties.put("certdesk.bot.pace.enabled", "false");
            properties.putAll(extra);
            ConfigurableApplicationContext context = BenchApplication.start(properties);
            try {
                int port = BenchApplication.port(context);
                System.out.printf("application on 127.0.0.1:%d, store %s%n", port, memory ? "H2 in memory" : url);
                List<String> tokens = identity.tokens(connector.serviceUrl(), TOKENS);
                StoreProbe probe = new StoreProbe(context.getBean(DataSource.class), context.getBean(MeterRegistry.class));
                LoadGenerator.Result result = new LoadGenerator(mode, port, connector, tokens, workload, conversations,
                        warmup, duration, timeout, run, probe).run();
                report(result, mode, connector, identity);
                if (mode == LoadGenerator.Mode.BOT) {
                    System.out.println("  " + probe.summary());
                }
                if (mode == LoadGenerator.Mode.BOT) {
                    System.out.println("store after the run: " + storeSummary(context.getBean(DataSource.class))
                            + (memory ? "" : ", files " + size(directory) / 1024 + " KiB"));
                }
                return result;
            } finally {
                context.close();
            }
        } finally {
            Benchmarks.deleteTree(directory);
        }
    }

    private static void report(LoadGenerator.Result r, LoadGenerator.Mode mode, ConnectorStub connector,
            IdentityStub identity) {
        System.out.printf(Locale.ROOT, "turns/s %.0f over %.0f s (%d turns); latency ms p50 %.2f, p90 %.2f, p99 %.2f,"
                        + " max %.1f, mean %.2f%n", r.turnsPerSecond(), r.seconds(), r.turns(), r.total().millis(0.5),
                r.total().millis(0.9), r.total().millis(0.99), r.total().maxMillis(), r.total().meanMillis());
        if (mode == LoadGenerator.Mode.BOT) {
            System.out.printf(Locale.ROOT, "  POST -> 200          p50 %.2f  p99 %.2f%n", r.ack().millis(0.5), r.ack().millis(0.99));
            System.out.printf(Locale.ROOT, "  POST -> first reply  p50 %.2f  p99 %.2f%n", r.firstReply().millis(0.5),
                    r.firstReply().millis(0.99));
            System.out.printf(Locale.ROOT, "  POST -> last reply   p50 %.2f  p99 %.2f%n", r.total().millis(0.5),
                    r.total().millis(0.99));
            System.out.println("  connector: " + connector.replies() + " replies, surplus " + connector.surplus()
                    + (connector.anomalies().isEmpty() ? "" : ", " + connector.anomalies()) + "; identity stub requests: "
                    + identity.requests());
        }
        System.out.printf("  errors: %d refused (non-200), %d I/O, %d turn timeouts, %d welcome failures; %d connections"
                + " opened%n", r.refused(), r.ioErrors(), r.timeouts(), r.welcomeFailures(), r.connects());
        System.out.printf("  measured window (epoch ms, for JfrSummary): %d..%d%n", r.windowStartMillis(), r.windowEndMillis());
        System.out.printf(Locale.ROOT, "  GC during the window: %d collections, %d ms; JIT compilation during the window:"
                + " %d ms (still warming up if large)%n", r.gcCount(), r.gcMillis(), r.jitMillis());
        System.out.println("  CPU during the window, in cores (of " + Runtime.getRuntime().availableProcessors() + "):");
        r.cpuEnd().coresSince(r.cpuStart()).forEach((group, cores) ->
                System.out.printf(Locale.ROOT, "    %5.2f  %s%n", cores, group));
    }

    /**
     * How many activities the welcome and a help turn produce, from the engine itself: Teams gets a
     * turn's texts and the question that ends it as one activity (see channel.teams.TurnBundle), other
     * messages (facts, downloads) one each.
     */
    private static LoadGenerator.Workload workload() {
        DialogEngine engine = new DialogEngine(
                DefaultScripts.load(DefaultScripts.ANDROID_MISSING_CERTIFICATE, ScriptLoader.standard()).orElseThrow(),
                Catalogue.standard());
        List<int[]> counts = new ArrayList<>();
        for (int index = 0; index < 2; index++) {
            TurnResult welcome = engine.start(Activities.locale(index));
            TurnResult help = engine.step(welcome.state(), new UserInput.Text(Activities.helpText(index)));
            TurnResult again = engine.step(help.state(), new UserInput.Text(Activities.helpText(index)));
            if (!welcome.actions().isEmpty() || !help.actions().isEmpty() || !again.actions().isEmpty()
                    || help.messages().size() != again.messages().size() || !help.state().equals(again.state())) {
                throw new IllegalStateException("the help turn is not a steady, action-free turn any more: adapt the"
                        + " benchmark's workload");
            }
            counts.add(new int[] { activities(welcome.messages()), activities(help.messages()) });
        }
        if (counts.get(0)[0] != counts.get(1)[0] || counts.get(0)[1] != counts.get(1)[1]) {
            throw new IllegalStateException("French and English turns differ in replies: adapt the benchmark");
        }
        return new LoadGenerator.Workload(counts.get(0)[0], counts.get(0)[1]);
    }

    private static int activities(List<org.certdesk.dialogs.engine.Message> messages) {
        int activities = 0;
        boolean texts = false; // texts waiting to be joined with what follows
        for (org.certdesk.dialogs.engine.Message message : messages) {
            switch (message.kind()) {
                case TEXT -> texts = true;
                case CHOICES -> {
                    activities++;
                    texts = false;
                }
                default -> {
                    activities += texts ? 2 : 1;
                    texts = false;
                }
            }
        }
        return activities + (texts ? 1 : 0);
    }

    private static String storeSummary(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            StringBuilder text = new StringBuilder("outbox rows left (delivered ones are deleted)");
            try (ResultSet rs = statement.executeQuery("SELECT status, COUNT(*) FROM outbox GROUP BY status ORDER BY status")) {
                while (rs.next()) {
                    text.append(' ').append(rs.getString(1)).append('=').append(rs.getLong(2));
                }
            }
            try (ResultSet rs = statement.executeQuery("SELECT COUNT(*), MAX(attempts) FROM outbox WHERE attempts > 1")) {
                rs.next();
                text.append(" (tried more than once: ").append(rs.getLong(1)).append(", at most ").append(rs.getLong(2))
                        .append(" attempts)");
            }
            try (ResultSet rs = statement.executeQuery("SELECT last_error, COUNT(*) FROM outbox WHERE last_error IS NOT NULL"
                    + " GROUP BY last_error ORDER BY 2 DESC LIMIT 5")) {
                while (rs.next()) {
                    text.append(" [last error ").append(rs.getLong(2)).append("x: ").append(rs.getString(1)).append(']');
                }
            }
            try (ResultSet rs = statement.executeQuery("SELECT COUNT(*), SUM(CASE WHEN failed THEN 1 ELSE 0 END) FROM inbox")) {
                rs.next();
                text.append(", inbox rows left ").append(rs.getLong(1)).append(" (failed ").append(rs.getLong(2)).append(')');
            }
            try (ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM processed_activities")) {
                rs.next();
                text.append(", activity ids ").append(rs.getLong(1));
            }
            try (ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM conversations")) {
                rs.next();
                text.append(", conversations ").append(rs.getLong(1));
            }
            return text.toString();
        } catch (SQLException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    private static long size(Path directory) {
        try (var files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
