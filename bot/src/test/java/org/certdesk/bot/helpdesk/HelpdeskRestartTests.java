package org.certdesk.bot.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.certdesk.bot.conversation.TurnSubmitter;
import org.certdesk.bot.shared.ChannelAddress;
import org.certdesk.bot.testing.LoopbackPki;
import org.certdesk.bot.testing.TestAccounts;
import org.certdesk.bot.testing.TestApplications;
import org.certdesk.bot.testing.TestChat;
import org.certdesk.dialogs.engine.UserInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A case open when the service stops is still there, once, after it starts again, and the chat goes on. */
class HelpdeskRestartTests {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void anOpenCaseAndItsChatSurviveARestart(@TempDir Path directory) throws Exception {
        String database = TestApplications.h2File(directory);
        ChannelAddress address;
        long id;
        try (ConfigurableApplicationContext first = start(database)) {
            LoopbackPki.get().twoMissing();
            TestChat employee = new TestChat(first.getBean(TurnSubmitter.class));
            address = employee.address();
            employee.send("before-1", new UserInput.Start("en"));
            employee.untilChoices();
            employee.send("before-2", new UserInput.Choice("android_11_plus"));
            employee.untilText("case number");
            employee.send("before-3", new UserInput.Text("hello? anyone?"));
            id = caseOf(first, address.conversationId());
            awaitTranscriptLine(first, id, "hello? anyone?");
        }

        try (ConfigurableApplicationContext second = start(database)) {
            TestChat employee = new TestChat(second.getBean(TurnSubmitter.class), address);
            employee.send("before-3", new UserInput.Text("hello? anyone?")); // redelivered: dropped
            employee.send("after-1", new UserInput.Text("still waiting"));
            awaitTranscriptLine(second, id, "still waiting");

            assertThat(call(second, "POST", "/api/agent/cases/" + id + "/take").statusCode()).isEqualTo(200);
            employee.untilText("Alice from the helpdesk is handling your request " + id);
            assertThat(call(second, "POST", "/api/agent/cases/" + id + "/messages", "{\"text\":\"Back after the"
                    + " restart\"}").statusCode()).isEqualTo(202);
            employee.untilText("Alice (helpdesk): Back after the restart");

            JsonNode all = JsonMapper.shared().readTree(call(second, "GET", "/api/agent/cases?status=all").body());
            assertThat(all.findValuesAsString("conversationId")).as("one case for the escalation")
                    .containsOnlyOnce(address.conversationId());
            JsonNode transcript = JsonMapper.shared().readTree(
                    call(second, "GET", "/api/agent/cases/" + id).body()).path("transcript");
            assertThat(transcript.findValuesAsString("text")).containsOnlyOnce("hello? anyone?")
                    .contains("still waiting", "Back after the restart");
        }
    }

    private static ConfigurableApplicationContext start(String database) {
        return TestApplications.start(database, Map.of(), WebApplicationType.SERVLET);
    }

    private static long caseOf(ConfigurableApplicationContext app, String conversationId) {
        long[] id = new long[1];
        await("a case for " + conversationId).atMost(Duration.ofSeconds(20)).until(() -> {
            for (JsonNode c : JsonMapper.shared().readTree(call(app, "GET", "/api/agent/cases?status=open").body())) {
                if (c.path("employee").path("conversationId").asString("").equals(conversationId)) {
                    id[0] = c.path("id").asLong();
                    return true;
                }
            }
            return false;
        });
        return id[0];
    }

    private static void awaitTranscriptLine(ConfigurableApplicationContext app, long id, String text) {
        await("\"" + text + "\" in case " + id).atMost(Duration.ofSeconds(20)).until(() -> JsonMapper.shared()
                .readTree(call(app, "GET", "/api/agent/cases/" + id).body())
                .path("transcript").findValuesAsString("text").contains(text));
    }

    private static HttpResponse<String> call(ConfigurableApplicationContext app, String method, String path)
            throws Exception {
        return call(app, method, path, null);
    }

    private static HttpResponse<String> call(ConfigurableApplicationContext app, String method, String path,
            String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + TestApplications.port(app) + path))
                .header("Authorization", TestAccounts.basic(TestAccounts.AGENT))
                .header("Accept", "application/json");
        if (json != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
