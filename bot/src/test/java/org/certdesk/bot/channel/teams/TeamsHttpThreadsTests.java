package org.certdesk.bot.channel.teams;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * 64 replies in flight at once, as at 64 busy conversations: every one is answered, and the HTTP client
 * does its part of the work on no more threads than the machine has cores (its default grew one thread
 * per reply waiting).
 */
class TeamsHttpThreadsTests {
    private static final Pattern DEFAULT_WORKER = Pattern.compile("HttpClient-\\d+-Worker-\\d+");
    private static WireMockServer connector;

    @BeforeAll
    static void start() {
        connector = new WireMockServer(WireMockConfiguration.options().dynamicPort().containerThreads(80));
        connector.start();
        connector.stubFor(post(urlEqualTo("/activities"))
                .willReturn(aResponse().withStatus(200).withBody("{\"id\":\"1\"}").withFixedDelay(150)));
    }

    @AfterAll
    static void stop() {
        connector.stop();
    }

    @Test
    void sixtyFourRepliesAtOnceAreAllAnsweredOnNoMoreClientThreadsThanCores() throws Exception {
        Set<Thread> before = clientThreads();
        TeamsHttp http = new TeamsHttp(TestProperties.of(connector.baseUrl()));
        URI uri = URI.create(connector.baseUrl() + "/activities");
        ExecutorService senders = Executors.newFixedThreadPool(64);
        try {
            for (int round = 0; round < 3; round++) {
                List<Future<Integer>> statuses = new ArrayList<>();
                for (int i = 0; i < 64; i++) {
                    statuses.add(senders.submit(() -> http.send(http.reply(uri)
                            .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"message\"}")).build()).statusCode()));
                }
                for (Future<Integer> status : statuses) {
                    assertThat(status.get()).isEqualTo(200);
                }
            }
        } finally {
            senders.shutdownNow();
        }
        Set<Thread> started = clientThreads();
        started.removeAll(before);
        int cores = Math.max(2, Runtime.getRuntime().availableProcessors());
        // Other test classes' applications may still be running: only this client's threads are counted
        // exactly; the JDK's default pools (the old code gave dozens here) get the same bound.
        assertThat(started).as("this client's threads for 3 x 64 replies")
                .filteredOn(thread -> thread.getName().startsWith(http.threadPrefix()))
                .hasSizeBetween(1, cores);
        assertThat(started).as("threads of the JDK's default client pools started meanwhile")
                .filteredOn(thread -> DEFAULT_WORKER.matcher(thread.getName()).matches())
                .hasSizeLessThanOrEqualTo(cores);
    }

    /** The threads of any JDK HTTP client's pool: this channel's, or the JDK's default ones. */
    private static Set<Thread> clientThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("certdesk-teams-http-")
                        || DEFAULT_WORKER.matcher(thread.getName()).matches())
                .collect(Collectors.toCollection(HashSet::new));
    }
}
