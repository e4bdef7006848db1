package org.certdesk.bot.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The Bot Connector on loopback: {@code POST /v3/conversations/{id}/activities} answers 201 with a
 * resource id at once, after telling the {@link Conversation} it addresses that a reply arrived (with
 * the arrival time). Anything it cannot attribute, or that lacks the connector token, is counted.
 */
final class ConnectorStub implements AutoCloseable {
    private static final String PREFIX = "/v3/conversations/";
    private static final String SUFFIX = "/activities";

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, Conversation> conversations = new ConcurrentHashMap<>();
    private final AtomicLong replies = new AtomicLong();
    private final AtomicLong unattributed = new AtomicLong();
    private final AtomicLong withoutToken = new AtomicLong();
    private final AtomicLong typing = new AtomicLong();

    ConnectorStub(int threads) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.createContext("/v3/conversations/", this::handle);
        executor = Executors.newFixedThreadPool(threads, Benchmarks.daemon("bench-connector"));
        server.setExecutor(executor);
        server.start();
    }

    /** The serviceUrl activities carry: replies come back here. */
    String serviceUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    void register(Conversation conversation) {
        conversations.put(conversation.id(), conversation);
    }

    private void handle(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String path = exchange.getRequestURI().getRawPath();
        Conversation conversation = null;
        if ("POST".equals(exchange.getRequestMethod()) && path.startsWith(PREFIX) && path.endsWith(SUFFIX)) {
            String id = URLDecoder.decode(path.substring(PREFIX.length(), path.length() - SUFFIX.length()),
                    StandardCharsets.UTF_8);
            conversation = conversations.get(id);
        }
        if (!("Bearer " + IdentityStub.CONNECTOR_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            withoutToken.incrementAndGet();
        }
        if (conversation == null) {
            unattributed.incrementAndGet();
        } else {
            replies.incrementAndGet();
            if (contains(body, "\"type\":\"typing\"")) {
                typing.incrementAndGet();
            }
            conversation.replyArrived(arrived);
        }
        byte[] answer = ("{\"id\":\"" + replies.get() + "\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(201, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    private static boolean contains(byte[] body, String text) {
        return new String(body, StandardCharsets.UTF_8).contains(text);
    }

    long replies() {
        return replies.get();
    }

    /** Replies beyond what the conversations announced, over all of them: should be 0. */
    long surplus() {
        return conversations.values().stream().mapToLong(Conversation::surplus).sum();
    }

    /** Problems seen, or the empty string. */
    String anomalies() {
        StringBuilder text = new StringBuilder();
        if (unattributed.get() > 0) {
            text.append(unattributed.get()).append(" replies to no known conversation; ");
        }
        if (withoutToken.get() > 0) {
            text.append(withoutToken.get()).append(" replies without the connector token; ");
        }
        if (typing.get() > 0) {
            text.append(typing.get()).append(" typing indicators (an action ran); ");
        }
        return text.toString();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
