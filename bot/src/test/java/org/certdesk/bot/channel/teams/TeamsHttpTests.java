package org.certdesk.bot.channel.teams;

import static org.certdesk.bot.shared.DurableWrites.Signal.OPEN;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import org.certdesk.bot.system.JdkHttpDefaults;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The channel's HTTP client against real sockets: connections are kept and reused (64 replies at once,
 * three times over, open no more connections than the first time), a connection the connector closed
 * while idle costs the next reply nothing, and a redirect is not followed (a token never travels to a
 * host it was not meant for), nor is an address of another scheme read, and no token is logged.
 */
class TeamsHttpTests {
    private static final String REPLY = "{\"type\":\"message\",\"text\":\"hi\"}";

    @Test
    void sixtyFourRepliesAtOnceAreAllAnsweredOverConnectionsKeptAlive() throws Exception {
        Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
        HttpServer connector = connector(exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            exchange.getResponseHeaders().add("Keep-Alive", "timeout=60"); // a slow machine between rounds
            answer(exchange, 200, "{\"id\":\"1\"}");
        });
        TeamsHttp http = new TeamsHttp(TestProperties.of("http://127.0.0.1"));
        URI uri = uri(connector, "/v3/conversations/a/activities");
        ExecutorService senders = Executors.newFixedThreadPool(64);
        try {
            for (int round = 0; round < 3; round++) {
                List<Future<TeamsHttp.Answer>> answers = new ArrayList<>();
                for (int i = 0; i < 64; i++) {
                    answers.add(senders.submit(() -> http.postReply(uri, REPLY, "token-1", OPEN)));
                }
                for (Future<TeamsHttp.Answer> answer : answers) {
                    assertThat(answer.get().status()).isEqualTo(200);
                    assertThat(answer.get().body()).isEqualTo("{\"id\":\"1\"}");
                }
            }
        } finally {
            senders.shutdownNow();
            connector.stop(0);
        }
        // The JDK keeps 5 connections per host unless told otherwise: 64 + 59 + 59 connections then.
        assertThat(clientPorts).as("connections opened for 3 x 64 replies")
                .hasSizeLessThanOrEqualTo(JdkHttpDefaults.KEPT_ALIVE);
    }

    /** An answer is read whole whether it declares its length or comes in chunks, errors too, in UTF-8. */
    @Test
    void answersAreReadWholeWithOrWithoutALength() throws Exception {
        String body = "{\"id\":\"1\",\"text\":\"Réponse reçue\",\"pad\":\"" + "x".repeat(20_000) + "\"}";
        HttpServer connector = connector(exchange -> {
            int status = exchange.getRequestURI().getPath().endsWith("/error") ? 400 : 201;
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            boolean chunked = exchange.getRequestURI().getPath().contains("/chunked");
            exchange.sendResponseHeaders(status, chunked ? 0 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        TeamsHttp http = new TeamsHttp(TestProperties.of("http://127.0.0.1"));
        try {
            for (String path : List.of("/sized/ok", "/chunked/ok", "/sized/error", "/chunked/error")) {
                TeamsHttp.Answer answer = http.postReply(uri(connector, path), REPLY, "token-1", OPEN);
                assertThat(answer.status()).as(path).isEqualTo(path.endsWith("/error") ? 400 : 201);
                assertThat(answer.body()).as(path).isEqualTo(body);
            }
        } finally {
            connector.stop(0);
        }
    }

    /** The JDK sends a buffered POST once more on a new connection when the kept one fails. */
    @Test
    void aConnectionTheConnectorClosedWhileIdleDoesNotFailTheNextReply() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread connector = new Thread(() -> {
                try {
                    for (int connection = 0; connection < 2; connection++) {
                        try (Socket socket = server.accept()) { // one exchange, then the connection is closed
                            received.add(readRequest(socket));
                            socket.getOutputStream().write(("HTTP/1.1 201 Created\r\nContent-Type: application/json\r\n"
                                    + "Content-Length: 10\r\n\r\n{\"id\":\"1\"}").getBytes(StandardCharsets.UTF_8));
                            socket.getOutputStream().flush();
                        }
                    }
                } catch (IOException e) {
                    received.add("failed: " + e);
                }
            });
            connector.start();
            TeamsHttp http = new TeamsHttp(TestProperties.of("http://127.0.0.1"));
            URI uri = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/v3/conversations/a/activities");

            assertThat(http.postReply(uri, REPLY, null, OPEN).status()).isEqualTo(201);
            Thread.sleep(100); // the connector has closed the connection the client keeps
            assertThat(http.postReply(uri, REPLY, null, OPEN).status()).isEqualTo(201);
            connector.join(5_000);
        }
        assertThat(received).hasSize(2).allSatisfy(request -> assertThat(request).endsWith(REPLY));
    }

    @Test
    void aRedirectIsNotFollowed() throws Exception {
        List<String> paths = new CopyOnWriteArrayList<>();
        HttpServer connector = connector(exchange -> {
            paths.add(exchange.getRequestURI().getPath());
            if (exchange.getRequestURI().getPath().equals("/v3/conversations/a/activities")) {
                exchange.getResponseHeaders().add("Location", "/elsewhere");
                answer(exchange, 302, "");
            } else {
                answer(exchange, 200, "{}");
            }
        });
        try {
            TeamsHttp http = new TeamsHttp(TestProperties.of("http://127.0.0.1"));
            TeamsHttp.Answer answer = http.postReply(uri(connector, "/v3/conversations/a/activities"), REPLY, "token-1",
                    OPEN);
            assertThat(answer.status()).isEqualTo(302);
        } finally {
            connector.stop(0);
        }
        assertThat(paths).containsExactly("/v3/conversations/a/activities");
    }

    @Test
    void anAddressThatIsNotHttpIsRefusedWithoutBeingRead() {
        TeamsHttp http = new TeamsHttp(TestProperties.of("http://127.0.0.1"));
        assertThatThrownBy(() -> http.getJson(URI.create("file:///etc/hostname")))
                .isInstanceOf(IOException.class).hasMessageContaining("not an http(s) URL");
        assertThatThrownBy(() -> http.getJson(URI.create("jar:file:/tmp/a.jar!/keys.json")))
                .isInstanceOf(IOException.class).hasMessageContaining("not an http(s) URL");
    }

    @Test
    void noBearerTokenIsLoggedEvenWithTheJdksLoggersAtTheirFinestLevel() throws Exception {
        Logger root = Logger.getLogger("");
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getLoggerName() + ": " + record.getMessage()
                        + (record.getParameters() == null ? "" : List.of(record.getParameters())));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setLevel(Level.ALL);
        Level before = root.getLevel();
        HttpServer connector = connector(exchange -> answer(exchange, 201, "{\"id\":\"1\"}"));
        root.addHandler(capture);
        root.setLevel(Level.ALL); // what logging.level.root=TRACE gives the JDK's loggers
        try {
            TeamsHttp http = new TeamsHttp(TestProperties.of("http://127.0.0.1"));
            assertThat(http.postReply(uri(connector, "/v3/conversations/a/activities"), REPLY,
                    "token-that-must-not-be-logged", OPEN).status()).isEqualTo(201);
        } finally {
            root.setLevel(before);
            root.removeHandler(capture);
            connector.stop(0);
        }
        assertThat(logged).noneMatch(line -> line.contains("token-that-must-not-be-logged"));
    }

    private static HttpServer connector(HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        server.setExecutor(Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "test-connector");
            thread.setDaemon(true); // idle ones end after a minute; none outlives the test run
            return thread;
        }));
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                handler.handle(exchange);
            }
        });
        server.start();
        return server;
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static URI uri(HttpServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** A request's head and its body (by Content-Length), as text. */
    private static String readRequest(Socket socket) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder request = new StringBuilder();
        int length = 0;
        for (String line; (line = in.readLine()) != null && !line.isEmpty(); ) {
            request.append(line).append('\n');
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        char[] body = new char[length];
        for (int read = 0, n; read < length; read += n) {
            n = in.read(body, read, length - read);
            if (n < 0) {
                break;
            }
        }
        return request.append('\n').append(body).toString();
    }
}
