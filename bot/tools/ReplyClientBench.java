import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * CPU per reply POST of the two HTTP clients the Teams channel could use, against the shared bench's
 * stub connector (started separately), from SENDERS threads at once:
 *
 * <pre>
 *   node ../shared/bench/harness/stub-connector.js --port 39950 --host 127.0.0.1 &amp;
 *   java -XX:+UseSerialGC bot/tools/ReplyClientBench.java jdk|buffered|streamed SENDERS REQUESTS_EACH
 * </pre>
 *
 * jdk: java.net.http.HttpClient (HTTP/1.1, its own executor of 2 threads, as the channel had it);
 * buffered: HttpURLConnection with the body written with the headers (what TeamsHttp does);
 * streamed: HttpURLConnection in fixed-length streaming mode (the body written after the headers).
 * One untimed round first (JIT), then a measured one: the process's CPU time per request.
 */
public class ReplyClientBench {
    private static final String BODY = "{\"type\":\"message\",\"text\":\"" + "x".repeat(900) + "\"}";

    public static void main(String[] args) throws Exception {
        System.setProperty("http.maxConnections", "64");
        String mode = args[0];
        int senders = Integer.parseInt(args[1]);
        int each = Integer.parseInt(args[2]);
        URI uri = URI.create("http://127.0.0.1:39950/v3/conversations/bench/activities");
        HttpClient jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(2)).build();
        Callable<Void> sender = () -> {
            for (int i = 0; i < each; i++) {
                post(mode, jdk, uri);
            }
            return null;
        };
        run(senders, sender);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long wall = System.nanoTime();
        run(senders, sender);
        cpu = os.getProcessCpuTime() - cpu;
        wall = System.nanoTime() - wall;
        int requests = senders * each;
        System.out.printf("%s, %d senders: %d requests, %.1f us of CPU each, %.0f requests/s%n",
                mode, senders, requests, cpu / 1e3 / requests, requests / (wall / 1e9));
        System.exit(0);
    }

    private static void run(int senders, Callable<Void> sender) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        List<Future<Void>> done = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            done.add(pool.submit(sender));
        }
        for (Future<Void> future : done) {
            future.get();
        }
        pool.shutdown();
    }

    private static void post(String mode, HttpClient jdk, URI uri) throws Exception {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        int status;
        if (mode.equals("jdk")) {
            HttpResponse<String> response = jdk.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json; charset=utf-8").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
        } else {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(5_000);
            connection.setReadTimeout(10_000);
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", "application/json; charset=utf-8");
            connection.setRequestProperty("Accept", "application/json");
            if (mode.equals("streamed")) {
                connection.setFixedLengthStreamingMode(body.length);
            }
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            status = connection.getResponseCode();
            try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                in.readAllBytes();
            }
        }
        if (status != 200) {
            throw new IllegalStateException("HTTP " + status);
        }
    }
}
