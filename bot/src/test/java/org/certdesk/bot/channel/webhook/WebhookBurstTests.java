package org.certdesk.bot.channel.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import org.certdesk.bot.testing.LoopbackPki;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.Lifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.json.JsonMapper;

/**
 * A burst of mentions on a server with ONE request thread: each mention waits up to the reply
 * timeout for its turn, and the wait must not hold that thread, or the other mentions of the burst
 * would not even be read (let alone answered within Teams' 5 seconds) until the ones before them
 * are answered.
 */
@WebhookBotTest
@TestPropertySource(properties = {"server.tomcat.threads.max=1", "server.tomcat.threads.min-spare=1"})
class WebhookBurstTests {
    private static final int MENTIONS = 6;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aBurstOfMentionsIsReadAtOnceByOneThreadAndEachGetsItsAnswerOrTheMailbox() throws Exception {
        LoopbackPki.get().oneMissing();
        SlowTlsRelay.get().delay(Duration.ZERO);
        Lifecycle turns = context.getBean("turnQueue", Lifecycle.class);
        List<TeamsWebhook> users = new ArrayList<>();
        for (int i = 0; i < MENTIONS; i++) {
            users.add(new TeamsWebhook("http://localhost:" + port, "fr-FR"));
        }
        List<String> conversations = users.stream().map(TeamsWebhook::conversationId).toList();

        // No turn runs meanwhile: every mention waits for its whole reply timeout.
        turns.stop();
        AtomicLong acceptedAtFirstAnswer = new AtomicLong(-1);
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        try {
            for (TeamsWebhook user : users) {
                answers.add(send(user.mention("Android 11")).whenComplete((response, failure) ->
                        acceptedAtFirstAnswer.compareAndSet(-1, accepted(conversations))));
            }
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();
        } finally {
            turns.start();
        }

        // With the thread held by each wait, at most the first one or two would have been read by then.
        assertThat(acceptedAtFirstAnswer.get()).as("mentions accepted when the first answer came")
                .isEqualTo(MENTIONS);
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.join();
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(text(response)).contains("mentionnez-moi à nouveau dans un instant pour avoir la suite");
        }

        // The turns run now; what they say waits in the mailbox for the next mention, as before.
        for (TeamsWebhook user : users) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !mailboxOf(user.conversationId()).isEmpty());
            assertThat(user.say("")).isNotBlank().doesNotContain(WebhookTexts.NOT_DONE.in("fr-FR"),
                    WebhookTexts.NOTHING_NEW.in("fr-FR"));
        }
    }

    private long accepted(List<String> conversations) {
        return jdbc.sql("SELECT COUNT(*) FROM processed_activities WHERE conversation_ref IN (SELECT id FROM conversations"
                + " WHERE channel = 'webhook' AND conversation_id IN (:ids))").param("ids", conversations)
                .query(Long.class).single();
    }

    private List<String> mailboxOf(String conversationId) {
        return jdbc.sql("SELECT text FROM webhook_mailbox WHERE conversation_id = :id AND drained_at IS NULL")
                .param("id", conversationId).query(String.class).list();
    }

    private CompletableFuture<HttpResponse<String>> send(byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + WebhookController.PATH))
                // Long enough for the mentions to be answered one after the other, as without the fix.
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Authorization", TeamsWebhook.sign(WebhookBotTest.SECRET, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String text(HttpResponse<String> response) {
        return JsonMapper.shared().readTree(response.body()).path("text").asString();
    }
}
