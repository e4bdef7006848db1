package org.certdesk.bot.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the CPU went in a JFR recording of {@link TurnsBenchmark}: execution samples by thread group,
 * by the package of the top frame (self time), by top frame, and inclusive time of the bot's own
 * methods; then the blocking events (monitor enter/wait, park, socket reads) by the first bot or H2
 * frame, which is where latency that is not CPU goes.
 *
 * <p>Run: {@code java -cp <test classpath> org.certdesk.bot.bench.JfrSummary recording.jfr [FROM..TO [thread-group]]}
 * where {@code FROM..TO} is the measured window in epoch milliseconds, as {@link TurnsBenchmark} prints
 * it (start-up, warm-up and shutdown are left out), and {@code thread-group} keeps one group only.
 */
public final class JfrSummary {
    private static final int TOP = 25;

    private final Map<String, Long> byGroup = new HashMap<>();
    private final Map<String, Long> byPackage = new HashMap<>();
    private final Map<String, Long> byTopFrame = new HashMap<>();
    private final Map<String, Long> inclusive = new HashMap<>();
    private final Map<String, Long> blockedNanos = new HashMap<>();
    private final Map<String, Long> blockedCount = new HashMap<>();
    private final Map<String, Long> exceptions = new HashMap<>();
    private long samples;
    private long jitMinNanos = Long.MAX_VALUE;
    private long jitMaxNanos = Long.MIN_VALUE;
    private long gcCpuNanos;
    private long gcPauseNanos;
    private long firstMillis = Long.MAX_VALUE;
    private long lastMillis = Long.MIN_VALUE;

    private JfrSummary() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        long from = Long.MIN_VALUE;
        long to = Long.MAX_VALUE;
        if (args.length > 1) {
            String[] window = args[1].split("\\.\\.");
            from = Long.parseLong(window[0]);
            to = Long.parseLong(window[1]);
        }
        String onlyGroup = args.length > 2 ? args[2] : null;
        JfrSummary summary = new JfrSummary();
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            long at = event.getStartTime().toEpochMilli();
            if (at >= from && at < to) {
                summary.add(event, onlyGroup);
            }
        }
        summary.print();
    }

    private void add(RecordedEvent event, String onlyGroup) {
        String type = event.getEventType().getName();
        RecordedStackTrace stack = event.getStackTrace();
        firstMillis = Math.min(firstMillis, event.getStartTime().toEpochMilli());
        lastMillis = Math.max(lastMillis, event.getStartTime().toEpochMilli());
        if (type.equals("jdk.CompilerStatistics")) {
            long spent = event.getDuration("totalTimeSpent").toNanos();
            jitMinNanos = Math.min(jitMinNanos, spent);
            jitMaxNanos = Math.max(jitMaxNanos, spent);
        } else if (type.equals("jdk.GCCPUTime")) {
            gcCpuNanos += event.getDuration("userTime").toNanos() + event.getDuration("systemTime").toNanos();
        } else if (type.equals("jdk.GarbageCollection")) {
            gcPauseNanos += event.getDuration("sumOfPauses").toNanos();
        } else if (type.equals("jdk.ExecutionSample")) {
            RecordedThread thread = event.getThread("sampledThread");
            String group = ThreadCpu.group(thread == null ? null : thread.getJavaName());
            if (onlyGroup != null && !group.startsWith(onlyGroup)) {
                return;
            }
            samples++;
            byGroup.merge(group, 1L, Long::sum);
            if (stack == null || stack.getFrames().isEmpty()) {
                return;
            }
            RecordedFrame top = stack.getFrames().get(0);
            byTopFrame.merge(name(top), 1L, Long::sum);
            byPackage.merge(area(top), 1L, Long::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame frame : stack.getFrames()) {
                String name = name(frame);
                if (name.startsWith("org.certdesk.") && !name.contains("$$") && seen.add(name)) {
                    inclusive.merge(name, 1L, Long::sum);
                }
            }
        } else if (type.equals("jdk.JavaExceptionThrow")) {
            RecordedThread thread = event.getThread();
            String group = ThreadCpu.group(thread == null ? null : thread.getJavaName());
            Object thrown = event.getValue("thrownClass");
            String name = thrown instanceof jdk.jfr.consumer.RecordedClass c ? c.getName() : String.valueOf(thrown);
            exceptions.merge(name + " | " + group + " | " + (stack == null ? "?" : firstInteresting(stack)), 1L, Long::sum);
        } else if (type.equals("jdk.JavaMonitorEnter") || type.equals("jdk.JavaMonitorWait") || type.equals("jdk.ThreadPark")
                || type.equals("jdk.SocketRead") || type.equals("jdk.FileWrite") || type.equals("jdk.FileForce")
                || type.equals("jdk.FileRead") || type.equals("jdk.ThreadSleep")) {
            RecordedThread thread = event.getThread();
            String group = ThreadCpu.group(thread == null ? null : thread.getJavaName());
            if (group.startsWith("load generator") || group.startsWith("stub") || group.startsWith("Tomcat poller")) {
                return; // waiting for work, not in the bot's path
            }
            if (onlyGroup != null && !group.startsWith(onlyGroup)) {
                return;
            }
            String where = stack == null ? "?" : firstInteresting(stack);
            String key = type.substring(4) + " | " + group + " | " + where;
            Duration duration = event.getDuration();
            blockedNanos.merge(key, duration.toNanos(), Long::sum);
            blockedCount.merge(key, 1L, Long::sum);
        }
    }

    private static String firstInteresting(RecordedStackTrace stack) {
        String h2 = null;
        for (RecordedFrame frame : stack.getFrames()) {
            String name = name(frame);
            if (name.startsWith("org.certdesk.")) {
                return (h2 == null ? "" : h2 + " <- ") + name;
            }
            if (h2 == null && name.startsWith("org.h2.")) {
                h2 = name;
            }
        }
        if (h2 != null) {
            return h2;
        }
        return stack.getFrames().isEmpty() ? "?" : name(stack.getFrames().get(0));
    }

    private static String name(RecordedFrame frame) {
        if (frame.getMethod() == null) {
            return "?";
        }
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    /** A coarse owner of the top frame. */
    private static String area(RecordedFrame frame) {
        String name = name(frame);
        String[][] areas = {
            { "org.h2.", "H2" }, { "com.zaxxer.hikari.", "HikariCP" }, { "org.springframework.jdbc.", "Spring JDBC" },
            { "org.springframework.transaction.", "Spring transactions" }, { "org.springframework.", "Spring (other)" },
            { "org.apache.tomcat.", "Tomcat" }, { "org.apache.catalina.", "Tomcat" }, { "org.apache.coyote.", "Tomcat" },
            { "tools.jackson.", "Jackson" }, { "com.fasterxml.jackson.", "Jackson" }, { "com.nimbusds.", "Nimbus JOSE" },
            { "io.micrometer.", "Micrometer" }, { "org.certdesk.dialogs.", "certdesk dialogs engine" },
            { "org.certdesk.bot.bench.", "benchmark harness" }, { "org.certdesk.", "certdesk bot" },
            { "jdk.internal.net.http.", "JDK HttpClient" }, { "sun.net.httpserver.", "JDK HttpServer (stubs)" },
            { "sun.nio.ch.", "JDK NIO / sockets" }, { "java.net.", "java.net" }, { "sun.security.", "JDK crypto" },
            { "java.math.", "java.math (RSA)" }, { "sun.nio.fs.", "JDK file system" }, { "java.util.regex.", "regex" },
            { "java.time.", "java.time" }, { "java.util.concurrent.", "java.util.concurrent" }, { "java.lang.invoke.", "java.lang.invoke" },
            { "java.lang.String", "String" }, { "java.lang.", "java.lang (other)" }, { "java.util.", "java.util" },
            { "jdk.internal.", "jdk.internal" }, { "sun.", "sun.* (other)" } };
        for (String[] area : areas) {
            if (name.startsWith(area[0])) {
                return area[1];
            }
        }
        return name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
    }

    private void print() {
        double seconds = (lastMillis - firstMillis) / 1000.0;
        System.out.printf(Locale.ROOT, "execution samples: %d over %.1f s%n", samples, seconds);
        if (jitMaxNanos >= jitMinNanos && seconds > 0) {
            System.out.printf(Locale.ROOT, "JIT compilation: %.2f s in the window (%.2f cores); GC: %.2f s CPU (%.2f cores),"
                    + " %.0f ms of pauses%n", (jitMaxNanos - jitMinNanos) / 1e9, (jitMaxNanos - jitMinNanos) / 1e9 / seconds,
                    gcCpuNanos / 1e9, gcCpuNanos / 1e9 / seconds, gcPauseNanos / 1e6);
        }
        section("by thread group", byGroup, samples);
        section("self time by area (top frame)", byPackage, samples);
        section("self time by method (top frame)", byTopFrame, samples);
        section("inclusive time of certdesk methods", inclusive, samples);
        if (!exceptions.isEmpty()) {
            System.out.println();
            System.out.println("== exceptions constructed (jdk.JavaExceptionThrow, if enabled): count | class | thread group | first certdesk/H2 frame");
            exceptions.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(15)
                    .forEach(e -> System.out.printf("%8d  %s%n", e.getValue(), e.getKey()));
        }
        System.out.println();
        System.out.println("== blocking events (JFR thresholds apply): total ms, count | event | thread group | first certdesk/H2 frame");
        blockedNanos.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(40)
                .forEach(e -> System.out.printf(Locale.ROOT, "%10.0f %7d  %s%n", e.getValue() / 1e6,
                        blockedCount.get(e.getKey()), e.getKey()));
    }

    private static void section(String title, Map<String, Long> counts, long total) {
        System.out.println();
        System.out.println("== " + title);
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(TOP)
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        sorted.forEach((k, v) -> System.out.printf(Locale.ROOT, "%6.1f%%  %s%n", 100.0 * v / total, k));
    }
}
