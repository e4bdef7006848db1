package org.certdesk.analyzer.bench;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import com.sun.net.httpserver.HttpServer;

import org.certdesk.analyzer.CertAnalyzer;
import org.certdesk.analyzer.CertificateFacts;
import org.certdesk.analyzer.HostReport;
import org.certdesk.analyzer.ProblemCode;
import org.certdesk.analyzer.Target;
import org.certdesk.analyzer.aia.AiaFetcher;
import org.certdesk.analyzer.net.AddressPolicy;
import org.certdesk.analyzer.testing.TestPki.Held;
import org.certdesk.analyzer.testing.TestPki;
import org.certdesk.analyzer.testing.TestTlsServer;

/**
 * Prints what a diagnosis costs on loopback next to its floor (a bare TLS handshake and a bare HTTP
 * fetch of the intermediate), with the bundled Android stores (13 API levels) and the desktop check,
 * as the bot uses them. Not a test: run it on a quiet machine, see docs/performance.md for the command.
 */
public final class AnalyzerBenchmark {
    private static final int WARMUP = 300;
    private static final int ROUNDS = 1_000;
    private static final int CACHE_HITS = 1_000_000;

    public static void main(String[] args) throws Exception {
        Held root = TestPki.certificate("Bench Root").ca(2).build();
        Held issuing = TestPki.certificate("Bench Issuing CA").ca(0).signedBy(root).build();
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        byte[] issuingDer = CertificateFacts.der(issuing.certificate());
        http.createContext("/issuing.crt", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/pkix-cert");
            exchange.sendResponseHeaders(200, issuingDer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(issuingDer);
            }
        });
        http.start();
        String aiaUrl = "http://127.0.0.1:" + http.getAddress().getPort() + "/issuing.crt";
        Held leaf = TestPki.certificate("localhost").dnsNames("localhost").signedBy(issuing).caIssuers(aiaUrl).build();

        try (TestTlsServer complete = TestTlsServer.tls(leaf, leaf.certificate(), issuing.certificate());
                TestTlsServer leafOnly = TestTlsServer.tls(leaf, leaf.certificate());
                CertAnalyzer uncached = analyzer(root, Duration.ZERO, null);
                CertAnalyzer cached = analyzer(root, Duration.ofMinutes(10), null)) {
            Target completeTarget = new Target("localhost", complete.port());
            Target leafOnlyTarget = new Target("localhost", leafOnly.port());
            SSLContext trustAll = trustAll();

            System.out.printf(Locale.ROOT, "cert-analyzer benchmark: %d rounds after %d warm-up, loopback, %d cores, %s%n",
                    ROUNDS, WARMUP, Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name")
                            + " " + System.getProperty("java.version"));
            double handshake = report("bare TLS handshake, complete-chain server", () -> time(() -> handshake(trustAll, complete.port())));
            double leafHandshake = report("bare TLS handshake, leaf-only server", () -> time(() -> handshake(trustAll, leafOnly.port())));
            double fetch = report("bare HTTP GET of the intermediate (floor)", () -> time(() -> get(http.getAddress().getPort())));
            double cold = report("cold diagnosis, complete chain", () -> time(() -> expect(uncached.analyze(completeTarget, 30),
                    ProblemCode.OK)));
            // The analyzer remembers verified signatures; a host diagnosed before costs no verification.
            CertAnalyzer.Builder alwaysFetching = CertAnalyzer.builder().allowPrivate(true)
                    .trustedRoots(List.of(root.certificate())).cacheTtl(Duration.ZERO)
                    .issuerFetcher(url -> AiaFetcher.builder().policy(AddressPolicy.allowingPrivate()).build().fetch(url));
            double seenAia;
            try (CertAnalyzer analyzer = alwaysFetching.build()) {
                seenAia = report("cold diagnosis, leaf only + AIA, chain seen before", () -> time(() ->
                        expect(analyzer.analyze(leafOnlyTarget, 30), ProblemCode.INCOMPLETE_CHAIN)));
            }
            double coldAia = report("cold diagnosis, leaf only + AIA, first sight", () -> {
                // A new analyzer per round with its own empty AIA cache: the fetch really happens each time.
                try (CertAnalyzer fresh = analyzer(root, Duration.ZERO, AiaFetcher.builder()
                        .policy(AddressPolicy.allowingPrivate()).build())) {
                    return time(() -> expect(fresh.analyze(leafOnlyTarget, 30), ProblemCode.INCOMPLETE_CHAIN));
                }
            });
            report("diagnosis alone (offline chain, no I/O)", () -> time(() -> expect(uncached.analyzeChain(
                    List.of(leaf.certificate(), issuing.certificate()), "localhost", 30), ProblemCode.OK)));
            cached.analyze(completeTarget, 30);
            long start = System.nanoTime();
            for (int i = 0; i < CACHE_HITS; i++) {
                expect(cached.analyze(completeTarget, 30), ProblemCode.OK);
            }
            double hitMicros = (System.nanoTime() - start) / 1_000.0 / CACHE_HITS;
            System.out.printf(Locale.ROOT, "%-52s mean %8.3f µs over %d calls%n", "cache hit", hitMicros, CACHE_HITS);
            System.out.printf(Locale.ROOT, "ratios (medians): cold / handshake = %.2f; cold with AIA / (handshake + GET) = %.2f"
                    + " (chain seen before: %.2f)%n", cold / handshake, coldAia / (leafHandshake + fetch),
                    seenAia / (leafHandshake + fetch));
        } finally {
            http.stop(0);
        }
    }

    private static CertAnalyzer analyzer(Held root, Duration ttl, AiaFetcher fetcher) {
        CertAnalyzer.Builder builder = CertAnalyzer.builder().allowPrivate(true).trustedRoots(List.of(root.certificate()))
                .cacheTtl(ttl);
        if (fetcher != null) {
            builder.issuerFetcher(fetcher);
        }
        return builder.build();
    }

    /** Runs warm-up and measured rounds; prints and returns the median in milliseconds. */
    private static double report(String name, LongSupplier round) {
        for (int i = 0; i < WARMUP; i++) {
            round.getAsLong();
        }
        long[] nanos = new long[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            nanos[i] = round.getAsLong();
        }
        Arrays.sort(nanos);
        double median = nanos[ROUNDS / 2] / 1e6;
        System.out.printf(Locale.ROOT, "%-52s median %7.3f ms   p90 %7.3f ms   p99 %7.3f ms%n", name, median,
                nanos[ROUNDS * 9 / 10] / 1e6, nanos[ROUNDS * 99 / 100] / 1e6);
        return median;
    }

    private static long time(ThrowingRunnable action) {
        long start = System.nanoTime();
        try {
            action.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return System.nanoTime() - start;
    }

    private static void expect(HostReport report, ProblemCode verdict) {
        if (report.verdict() != verdict) {
            throw new IllegalStateException("benchmark setup broken: expected " + verdict + ", got " + report.verdict()
                    + " " + report.problems());
        }
    }

    private static void handshake(SSLContext context, int port) throws Exception {
        try (Socket plain = new Socket()) {
            plain.setTcpNoDelay(true);
            plain.connect(new InetSocketAddress("127.0.0.1", port));
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, "127.0.0.1", port, false)) {
                socket.startHandshake();
            }
        }
    }

    private static void get(int port) throws Exception {
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress("127.0.0.1", port));
            socket.getOutputStream().write(("GET /issuing.crt HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            try (InputStream in = socket.getInputStream()) {
                in.readAllBytes();
            }
        }
    }

    private static SSLContext trustAll() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        return context;
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
