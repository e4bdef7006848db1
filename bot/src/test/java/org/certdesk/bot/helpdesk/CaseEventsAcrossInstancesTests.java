package org.certdesk.bot.helpdesk;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.certdesk.bot.testing.TestAccounts;
import org.certdesk.bot.testing.TestApplications;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two instances on one PostgreSQL: a console connected to one gets, within a second, the events of
 * changes made through the other (LISTEN/NOTIFY), not only at its 30 s refresh.
 */
class CaseEventsAcrossInstancesTests {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void startTwoInstances() {
        Map<String, Object> database = TestApplications.newPostgresDatabase();
        // No graceful shutdown: it would wait 30 s for the console's event stream to end.
        Map<String, Object> immediate = Map.of("server.shutdown", "immediate");
        first = TestApplications.start(database, immediate, WebApplicationType.SERVLET);
        second = TestApplications.start(database, immediate, WebApplicationType.SERVLET);
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
    }

    @Test
    void anEventRaisedOnOneInstanceReachesAConsoleOnTheOtherWithinASecond() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        CompletableFuture<HttpResponse<Stream<String>>> stream = HTTP.sendAsync(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + TestApplications.port(second) + "/api/agent/events"))
                .header("Accept", "text/event-stream")
                .header("Authorization", TestAccounts.basic(TestAccounts.AGENT)).build(),
                HttpResponse.BodyHandlers.ofLines());
        CompletableFuture<Void> reading = stream.thenAccept(response -> response.body().forEach(lines::add));
        try {
            await("the console's greeting").atMost(Duration.ofSeconds(10))
                    .until(() -> lines.contains("event:hello"));

            CaseEvents onFirst = first.getBean(CaseEvents.class);
            onFirst.queueChanged(4242); // what taking case 4242 on the first instance raises
            onFirst.messageAdded(4343);

            await("both events on the second instance's console").atMost(Duration.ofSeconds(1))
                    .until(() -> lines.stream().anyMatch(l -> l.contains("\"caseId\":4242"))
                            && lines.stream().anyMatch(l -> l.contains("\"caseId\":4343")));
        } finally {
            reading.cancel(true);
            stream.cancel(true);
        }
    }
}
