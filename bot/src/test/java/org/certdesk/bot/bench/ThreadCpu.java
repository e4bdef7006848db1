package org.certdesk.bot.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of the process and of its Java threads grouped by role (from the thread names), between two
 * snapshots: says which side of the benchmark (generator, Tomcat, turn workers, outbox, stubs) used
 * the cores. What the process used beyond its Java threads is the VM's own: GC, JIT compilers.
 */
final class ThreadCpu {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final long processNanos;
    private final long wallNanos;
    private final Map<Long, Long> cpuByThread = new HashMap<>();
    private final Map<Long, String> nameByThread = new HashMap<>();

    private ThreadCpu() {
        wallNanos = System.nanoTime();
        processNanos = processCpu();
        long[] ids = THREADS.getAllThreadIds();
        ThreadInfo[] infos = THREADS.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            long cpu = THREADS.getThreadCpuTime(ids[i]);
            if (cpu >= 0 && infos[i] != null) {
                cpuByThread.put(ids[i], cpu);
                nameByThread.put(ids[i], infos[i].getThreadName());
            }
        }
    }

    static ThreadCpu snapshot() {
        if (THREADS.isThreadCpuTimeSupported() && !THREADS.isThreadCpuTimeEnabled()) {
            THREADS.setThreadCpuTimeEnabled(true);
        }
        return new ThreadCpu();
    }

    /** Cores used on average since {@code before}: the process and each thread group, largest first. */
    Map<String, Double> coresSince(ThreadCpu before) {
        double wall = wallNanos - before.wallNanos;
        Map<String, Long> byGroup = new HashMap<>();
        long threads = 0;
        for (Map.Entry<Long, Long> e : cpuByThread.entrySet()) {
            long used = e.getValue() - before.cpuByThread.getOrDefault(e.getKey(), 0L);
            threads += used;
            byGroup.merge(group(nameByThread.get(e.getKey())), used, Long::sum);
        }
        long process = processNanos - before.processNanos;
        Map<String, Double> cores = new LinkedHashMap<>();
        cores.put("whole process", process / wall);
        byGroup.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .filter(e -> e.getValue() / wall >= 0.005)
                .forEach(e -> cores.put(e.getKey(), e.getValue() / wall));
        cores.put("VM (GC, JIT; not Java threads)", Math.max(0, process - threads) / wall);
        return cores;
    }

    static String group(String name) {
        if (name == null) {
            return "?";
        }
        if (name.startsWith("http-nio") && name.contains("-exec-")) {
            return "Tomcat request threads (/api/messages: auth, inbox insert)";
        }
        if (name.startsWith("http-nio")) {
            return "Tomcat poller/acceptor";
        }
        if (name.startsWith("certdesk-turn-recovery")) {
            return "turn recovery sweep";
        }
        if (name.startsWith("certdesk-turn")) {
            return "turn workers (engine + turn transaction)";
        }
        if (name.startsWith("certdesk-outbox-poll")) {
            return "outbox poller (due query)";
        }
        if (name.startsWith("certdesk-outbox")) {
            return "outbox workers (claim, POST to connector, mark sent)";
        }
        if (name.startsWith("HttpClient")) {
            return "bot's JDK HttpClient (selector, workers)";
        }
        if (name.startsWith("bench-gen")) {
            return "load generator";
        }
        if (name.startsWith("bench-connector")) {
            return "stub connector";
        }
        if (name.startsWith("HTTP-Dispatcher")) {
            return "stubs (JDK HttpServer dispatcher)";
        }
        if (name.startsWith("bench-identity")) {
            return "stub identity";
        }
        if (name.contains("MVStore") || name.startsWith("H2")) {
            return "H2 background writer";
        }
        return name.replaceAll("\\d+", "#");
    }

    private static long processCpu() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }
}
