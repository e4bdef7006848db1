package org.certdesk.bot.channel.teams;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;

/**
 * The one HTTP client this channel uses for Microsoft's endpoints (OpenID metadata and keys, the token
 * service, the Bot Connector), with the configured timeouts. Redirects are not followed: a bearer
 * token must never travel to a host it was not meant for.
 *
 * <p>The client's own work (reading answers off its selector, completing them) runs on one thread per
 * core: that work never blocks, so more threads only add switches and memory. The JDK's default, a
 * cached pool, grew to one thread per reply in flight (about 35 more threads at 64 conversations).
 */
@Component
class TeamsHttp {
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private final HttpClient client;
    private final Duration requestTimeout;
    private final Duration replyTimeout;
    private final String threadPrefix;

    TeamsHttp(TeamsProperties properties) {
        this.threadPrefix = "certdesk-teams-http-" + CLIENTS.incrementAndGet() + "-";
        this.client = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .executor(clientThreads(threadPrefix))
                .build();
        this.requestTimeout = properties.requestTimeout();
        this.replyTimeout = properties.replyTimeout();
    }

    /** The name of this client's threads, up to their number: certdesk-teams-http-1-2 is client 1's second. */
    String threadPrefix() {
        return threadPrefix;
    }

    /** As many threads as cores (at least two), started when needed and ended after a minute idle. */
    private static Executor clientThreads(String prefix) {
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 1, TimeUnit.MINUTES,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, prefix + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** A request builder for {@code uri} with the request timeout set. */
    HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(requestTimeout).header("User-Agent", "certdesk-bot");
    }

    /** A request builder for posting a reply to {@code uri}: it waits {@code reply-timeout} for the answer. */
    HttpRequest.Builder reply(URI uri) {
        return request(uri).timeout(replyTimeout);
    }

    Duration replyTimeout() {
        return replyTimeout;
    }

    /**
     * Sends {@code request}; the body is read as UTF-8 text.
     *
     * @throws IOException on a connection failure or timeout (an {@link java.net.http.HttpTimeoutException})
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** GETs a JSON document; a status other than 200 is an {@link IOException} naming it. */
    String getJson(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = send(request(uri).header("Accept", "application/json").GET().build());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + uri + " answered HTTP " + response.statusCode());
        }
        return response.body();
    }
}
