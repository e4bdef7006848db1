package org.certdesk.dialogs.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.certdesk.dialogs.action.Catalogue;
import org.certdesk.dialogs.engine.ConversationState;
import org.certdesk.dialogs.engine.DialogEngine;
import org.certdesk.dialogs.engine.TurnResult;
import org.certdesk.dialogs.engine.UserInput;
import org.certdesk.dialogs.load.DefaultScripts;
import org.certdesk.dialogs.load.ScriptLoader;
import org.certdesk.dialogs.script.Script;

/**
 * Steps per second of the engine on the default script, on one thread, and the size of a stored
 * conversation state. A plain main method rather than a test: figures depend on the machine, so
 * they are recorded in docs/performance.md, not asserted.
 *
 * <p>Run: {@code mvn -q -pl dialogs test-compile exec:java@bench}. Each measured conversation
 * replays a full path of the default script (mixing button presses, free text with a typo, and
 * action results), starting from {@code start}.
 */
public final class EngineBenchmark {

    private static final Map<String, String> ONE_MISSING = Map.of(
            "missing_name", "Contoso Issuing CA 2",
            "missing_sha256", "11f0b04eda61baebd5646fde72b0058e9713c30e950d2f3457bbbc1c3c68b31a",
            "missing_download_url", "https://certdesk.example.com/certificates/"
                    + "11f0b04eda61baebd5646fde72b0058e9713c30e950d2f3457bbbc1c3c68b31a.crt",
            "missing_file_name", "contoso-issuing-ca-2.crt",
            "verdict", "INTERMEDIATE_NOT_SENT",
            "report_summary", "sts.contoso.com:443 sends its own certificate without the intermediate"
                    + " Contoso Issuing CA 2; Android 11+ cannot build the path to a trusted root.");

    private EngineBenchmark() {
    }

    public static void main(String[] args) {
        Script script = DefaultScripts.load(DefaultScripts.ANDROID_MISSING_CERTIFICATE, ScriptLoader.standard())
                .orElseThrow();
        DialogEngine engine = new DialogEngine(script, Catalogue.standard());
        List<UserInput> resolvedPath = List.of(
                new UserInput.Text("c’est un android 12"),
                new UserInput.ActionResult("1", "cert.analyze", "one_missing", ONE_MISSING),
                new UserInput.Text("telecharge"),
                new UserInput.Choice("installed"),
                new UserInput.Text("oui ça marche"));
        List<UserInput> pcPath = List.of(
                new UserInput.Choice("android_7_to_10"),
                new UserInput.ActionResult("1", "cert.analyze", "inconclusive", Map.of("reason", "HOST_UNREACHABLE")),
                new UserInput.Choice("pc_ready"),
                new UserInput.Text("oui je le vois"),
                new UserInput.Text("Contoso Root CA"),
                new UserInput.ActionResult("2", "cert.lookup-by-name", "not_found", Map.of()),
                new UserInput.Choice("give_up"));

        System.out.printf("machine: %d cores, %s %s, Java %s (%s)%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"),
                System.getProperty("java.vm.name"));
        measure("resolved path (6 steps: start, text, result, text, choice, text)", engine, resolvedPath);
        measure("PC fallback path (8 steps: start, 3 choices, 2 texts, 2 results)", engine, pcPath);
        sizes(engine, resolvedPath);
    }

    private static void measure(String name, DialogEngine engine, List<UserInput> path) {
        int stepsPerConversation = path.size() + 1;
        long sink = 0;
        long warmupEnd = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < warmupEnd) {
            sink += converse(engine, path);
        }
        double[] rates = new double[5];
        double[] cpuRates = new double[5];
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int round = 0; round < rates.length; round++) {
            long conversations = 0;
            long cpuStart = cpu.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            long end = start + 2_000_000_000L;
            long now;
            do {
                for (int i = 0; i < 1_000; i++) {
                    sink += converse(engine, path);
                }
                conversations += 1_000;
                now = System.nanoTime();
            } while (now < end);
            rates[round] = conversations * stepsPerConversation / ((now - start) / 1e9);
            // Per second of this thread's CPU: what the engine costs, whatever else the machine runs.
            cpuRates[round] = conversations * stepsPerConversation / ((cpu.getCurrentThreadCpuTime() - cpuStart) / 1e9);
        }
        Arrays.sort(rates);
        Arrays.sort(cpuRates);
        System.out.printf("%s: median %,.0f steps/s (min %,.0f, max %,.0f; 5 rounds of 2 s after 3 s warm-up) [sink %d]%n",
                name, rates[2], rates[0], rates[4], sink & 0xff);
        System.out.printf("    per CPU-second of the benchmark thread: median %,.0f steps/s (min %,.0f, max %,.0f); load average %.1f%n",
                cpuRates[2], cpuRates[0], cpuRates[4],
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** One whole conversation; returns something derived from it so the JIT cannot drop the work. */
    private static long converse(DialogEngine engine, List<UserInput> path) {
        TurnResult result = engine.start("fr");
        long messages = result.messages().size();
        for (UserInput input : path) {
            result = engine.step(result.state(), input);
            messages += result.messages().size();
        }
        if (!result.state().ended()) {
            throw new IllegalStateException("path did not end: " + result.state());
        }
        return messages;
    }

    private static void sizes(DialogEngine engine, List<UserInput> path) {
        List<String> lines = new ArrayList<>();
        TurnResult result = engine.start("fr");
        lines.add(size("after the greeting (ask_version)", result.state()));
        for (UserInput input : path) {
            result = engine.step(result.state(), input);
            if (result.state().stateId().equals("show_missing")) {
                lines.add(size("after the analyzer named the certificate (show_missing, 7 variables)", result.state()));
            }
        }
        lines.add(size("resolved", result.state()));
        lines.forEach(System.out::println);
        ConversationState state = result.state();
        int rounds = 200_000;
        long sink = 0;
        for (int i = 0; i < rounds; i++) {
            sink += ConversationState.fromJson(state.toJson()).actionSeq();
        }
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            sink += ConversationState.fromJson(state.toJson()).actionSeq();
        }
        System.out.printf("state JSON write+read: %.2f µs per round trip [sink %d]%n",
                (System.nanoTime() - start) / 1e3 / rounds, sink & 0xff);
    }

    private static String size(String when, ConversationState state) {
        return String.format("serialised state %s: %d bytes (UTF-8 JSON)", when,
                state.toJson().getBytes(StandardCharsets.UTF_8).length);
    }
}
