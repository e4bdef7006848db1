package org.certdesk.bot.channel.webchat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.certdesk.bot.testing.BotTest;
import org.certdesk.bot.testing.LoopbackPki;
import org.certdesk.bot.testing.TestAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The helpdesk seen from the browser: an employee chatting over Direct Line escalates, an agent takes
 * the case and writes through the agent API, and the employee's next poll of the activities shows it.
 */
@BotTest
class WebChatHelpdeskTests {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Autowired
    MockMvc mvc;

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void anAgentsMessageReachesAWebChatEmployee() throws Exception {
        LoopbackPki.get().twoMissing();
        DirectLine directLine = new DirectLine(mvc);
        DirectLine.Session employee = directLine.open("en-US");
        awaitText(directLine, employee, "Android");
        directLine.post(employee.token(), employee.conversationId(),
                DirectLine.messageBack("Android 11 or later", "android_11_plus", "c-android"));
        awaitText(directLine, employee, "case number");

        long id = caseOf(employee.conversationId());
        assertThat(agent("POST", "/api/agent/cases/" + id + "/take", null).getStatus()).isEqualTo(200);
        awaitText(directLine, employee, "Alice from the helpdesk is handling your request " + id + ".");
        assertThat(agent("POST", "/api/agent/cases/" + id + "/messages",
                "{\"text\":\"Please open Settings > Security.\"}").getStatus()).isEqualTo(202);

        assertThat(awaitText(directLine, employee, "Settings"))
                .as("what the employee's Web Chat shows, from the bot")
                .contains("Alice (helpdesk): Please open Settings > Security.");
    }

    /** Polls the activities as Web Chat does until one from the bot contains {@code part}; returns the bot's texts. */
    private List<String> awaitText(DirectLine directLine, DirectLine.Session session, String part) {
        List<String> texts = new ArrayList<>();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> {
            texts.clear();
            JsonNode page = directLine.read(directLine.activities(session.token(), session.conversationId(), ""));
            for (JsonNode activity : page.path("activities")) {
                if ("bot".equals(activity.at("/from/role").asString("")) && activity.hasNonNull("text")) {
                    texts.add(activity.get("text").asString());
                }
            }
            return texts.stream().anyMatch(text -> text.contains(part));
        });
        return texts;
    }

    private long caseOf(String conversationId) {
        long[] id = new long[1];
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (JsonNode queued : json.readTree(agent("GET", "/api/agent/cases?status=open", null)
                    .getContentAsString(StandardCharsets.UTF_8))) {
                if (queued.at("/employee/conversationId").asString("").equals(conversationId)) {
                    id[0] = queued.get("id").asLong();
                    return true;
                }
            }
            return false;
        });
        return id[0];
    }

    private MockHttpServletResponse agent(String method, String path, String body) throws Exception {
        var request = ("GET".equals(method) ? MockMvcRequestBuilders.get(path) : MockMvcRequestBuilders.post(path))
                .header(HttpHeaders.AUTHORIZATION, TestAccounts.basic(TestAccounts.AGENT))
                .accept(MediaType.APPLICATION_JSON);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return mvc.perform(request).andReturn().getResponse();
    }
}
