package org.certdesk.bot.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;

import org.certdesk.bot.conversation.TurnSubmitter;
import org.certdesk.bot.testing.BotTest;
import org.certdesk.bot.testing.LoopbackPki;
import org.certdesk.bot.testing.TestAccounts;
import org.certdesk.bot.testing.TestChat;
import org.certdesk.dialogs.engine.UserInput;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The analyzer's verdict reaches the agent in words, in the agent's language, next to its code. */
@BotTest
class HelpdeskVerdictTests {
    @Autowired
    TurnSubmitter submitter;
    @Autowired
    MockMvc mvc;

    @Test
    void theVerdictIsReadInTheAgentsLanguage() throws Exception {
        LoopbackPki.get().twoMissing();
        TestChat employee = new TestChat(submitter);
        employee.send(new UserInput.Start("en"));
        employee.untilChoices();
        employee.send(new UserInput.Choice("android_11_plus"));
        employee.untilText("case number");
        AgentApi alice = new AgentApi(mvc, TestAccounts.AGENT);
        JsonNode queued = alice.queuedCaseOf(employee.conversationId());
        long id = queued.path("id").asLong();

        assertThat(queued.path("verdict").asString()).as("the code, for scripts").isEqualTo("INCOMPLETE_CHAIN");
        assertThat(queued.path("verdictText").asString()).as("without Accept-Language: English")
                .isEqualTo("incomplete chain: the server omits intermediate certificates");
        assertThat(caseIn(id, "en-GB").path("verdictText").asString())
                .isEqualTo("incomplete chain: the server omits intermediate certificates");
        JsonNode french = caseIn(id, "fr-FR");
        assertThat(french.path("verdictText").asString())
                .isEqualTo("chaîne incomplète : le serveur omet des certificats intermédiaires");
        assertThat(french.path("verdict").asString()).isEqualTo("INCOMPLETE_CHAIN");
    }

    private JsonNode caseIn(long id, String language) throws Exception {
        return JsonMapper.shared().readTree(mvc.perform(get("/api/agent/cases/" + id)
                        .header(HttpHeaders.AUTHORIZATION, TestAccounts.basic(TestAccounts.AGENT))
                        .header(HttpHeaders.ACCEPT_LANGUAGE, language))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
    }
}
