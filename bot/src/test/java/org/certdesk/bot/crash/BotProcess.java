package org.certdesk.bot.crash;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

import org.certdesk.bot.system.CertdeskApplication;

/**
 * The bot as an operator runs it: the production main class in a JVM of its own, in a working
 * folder of its own (so the default store is {@code ./data} there), on the main class path only
 * (the test classes would be component-scanned). {@link #kill()} is {@code kill -9}.
 */
final class BotProcess implements AutoCloseable {
    static final String ADMIN = "crash-admin";
    static final String ADMIN_PASSWORD = "crash-admin-password";

    private final Process process;
    private final Path log;
    private final int port;

    private BotProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts the bot in {@code folder} on {@code port} (loopback), in local mode (no app id: no token
     * checks, loopback callers only), with an admin account to publish scripts and read metrics,
     * and waits until it answers.
     */
    static BotProcess start(Path folder, String name, int port, List<String> settings) {
        return start(folder, name, port, List.of("-Xmx384m", "-XX:TieredStopAtLevel=1"), settings);
    }

    /** Like {@link #start(Path, String, int, List)}, with the JVM's flags {@code jvm}. */
    static BotProcess start(Path folder, String name, int port, List<String> jvm, List<String> settings) {
        List<String> command = new ArrayList<>(List.of(javaCommand()));
        command.addAll(jvm);
        command.addAll(List.of("-cp", mainClassPath(), CertdeskApplication.class.getName(),
                "--server.port=" + port, "--server.address=127.0.0.1",
                "--certdesk.security.users[0].name=" + ADMIN,
                "--certdesk.security.users[0].password={noop}" + ADMIN_PASSWORD,
                "--certdesk.security.users[0].roles=ADMIN"));
        // The stub connector has no rate limit, and the drain after the restart is timed: Teams'
        // pacing (30 replies a second per tenant) would measure Teams' limits, not the store; unless the
        // test asks for it.
        if (settings.stream().noneMatch(setting -> setting.startsWith("--certdesk.bot.pace.enabled="))) {
            command.add("--certdesk.bot.pace.enabled=false");
        }
        command.addAll(settings);
        Path log = folder.resolve(name + ".log");
        try {
            Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            BotProcess bot = new BotProcess(process, log, port);
            bot.awaitReady();
            return bot;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() {
        HttpClient client = HttpClient.newHttpClient();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the bot stopped with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                return client.send(HttpRequest.newBuilder(uri("/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** The operating system's id of the bot's process. */
    long pid() {
        return process.pid();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    static String basicAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((ADMIN + ":" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    /** SIGKILL: no shutdown hook, no flush, no close of the database. */
    void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    /** SIGTERM: Spring's graceful shutdown, the database closed. */
    void stop() {
        process.destroy();
        waitForExit();
    }

    private void waitForExit() {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The test JVM's class path less the test classes (surefire names the real one in its own property). */
    private static String mainClassPath() {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("test-classes" + File.separator))
                .collect(Collectors.joining(File.pathSeparator));
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
