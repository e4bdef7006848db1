package org.certdesk.bot.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.MeterRegistry;
import org.certdesk.analyzer.CertificateFacts;
import org.certdesk.bot.conversation.TurnSubmitter;
import org.certdesk.bot.testing.BotTest;
import org.certdesk.bot.testing.LoopbackPki;
import org.certdesk.bot.testing.TestAccounts;
import org.certdesk.bot.testing.TestChat;
import org.certdesk.dialogs.engine.UserInput;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/**
 * The helpdesk end to end: a conversation escalates through the real turns and analyzer, an agent
 * takes the case through the API, chats with the employee through the outbox, and closes it.
 */
@BotTest
class HelpdeskFlowTests {
    @Autowired
    TurnSubmitter submitter;
    @Autowired
    MockMvc mvc;
    @Autowired
    MeterRegistry meters;
    @Autowired
    JdbcClient jdbc;

    private final LoopbackPki pki = LoopbackPki.get();

    @Test
    void twoMissingCertificatesReachAnAgentWhoTakesChatsAndResolves() throws Exception {
        double escalationsBefore = escalations("several_missing");
        TestChat employee = escalatedWithTwoMissing("en-GB");
        List<String> told = TestChat.texts(employee.untilText("case number"));
        AgentApi alice = new AgentApi(mvc, TestAccounts.AGENT);

        JsonNode queued = alice.queuedCaseOf(employee.conversationId());
        long id = queued.path("id").asLong();
        assertThat(told).last().asString().isEqualTo("Your request is case number " + id + ". A person from the"
                + " helpdesk will answer you in this conversation; until then, I won’t answer in their place. To"
                + " cancel the request, type “cancel”.");
        assertThat(queued.path("status").asString()).isEqualTo("open");
        assertThat(queued.path("reason").asString()).isEqualTo("several_missing");
        assertThat(queued.path("reasonText").asString()).isEqualTo("several certificates are missing");
        assertThat(new tools.jackson.databind.json.JsonMapper().readTree(mvc.perform(get("/api/agent/cases/" + id)
                        .header(HttpHeaders.AUTHORIZATION, TestAccounts.basic(TestAccounts.AGENT))
                        .header(HttpHeaders.ACCEPT_LANGUAGE, "fr-FR")).andReturn().getResponse()
                        .getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).path("reasonText").asString())
                .as("in the agent's language").isEqualTo("plusieurs certificats manquent");
        assertThat(queued.path("androidVersion").asString()).isEqualTo("11+");
        assertThat(queued.path("employee").path("name").asString()).isEqualTo("Test User");
        assertThat(queued.path("verdict").asString()).isNotBlank();
        assertThat(queued.path("missingCertificates").findValuesAsString("sha256"))
                .as("every certificate missing, not only the one the dialog kept")
                .containsExactlyInAnyOrder(CertificateFacts.sha256(pki.issuing1()), CertificateFacts.sha256(pki.issuing2()));
        assertThat(queued.path("missingCertificates").findValuesAsString("name"))
                .containsExactlyInAnyOrder("Contoso Issuing CA 1", "Contoso Issuing CA 2");
        String agentLink = queued.path("missingCertificates").get(0).path("downloadUrl").asString();
        assertThat(agentLink).startsWith("https://certdesk.test/certificates/")
                .as("the agent's link is not the employee's").doesNotContain("c=");
        mvc.perform(get(java.net.URI.create(agentLink).getPath()).header(HttpHeaders.USER_AGENT,
                "Mozilla/5.0 (Linux; Android 9; SM-G960F) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36"))
                .andExpect(status().isOk());
        assertThat(alice.get(id).path("androidVersion").asString())
                .as("an agent opening the link on their own phone changes nothing of the employee's")
                .isEqualTo("11+");
        assertThat(escalations("several_missing")).isEqualTo(escalationsBefore + 1);
        assertThat(meters.counter("certdesk.conversations.started", "channel", "test").count())
                .as("what the escalation rate is divided by").isPositive();

        long repliesBefore = outboxEntries(employee);
        employee.send(new UserInput.Text("is anyone there?"));
        awaitTranscript(alice, id, "is anyone there?");
        // The line reached the case in the turn's own transaction, with whatever the turn said: the
        // turn is over, and it stored nothing for the employee.
        assertThat(outboxEntries(employee)).as("the bot does not answer in the agent's place").isEqualTo(repliesBefore);
        assertThat(employee.replies(replies -> true)).isEmpty();

        assertThat(alice.take(id).getStatus()).isEqualTo(200);
        assertThat(TestChat.texts(employee.untilText("is handling"))).containsExactly(
                "Alice from the helpdesk is handling your request " + id + ".");
        assertThat(meters.timer("certdesk.helpdesk.time-to-take").count()).isPositive();

        assertThat(alice.say(id, "Please open Settings > Security.", "message-1").getStatus()).isEqualTo(202);
        assertThat(alice.say(id, "Please open Settings > Security.", "message-1").getStatus())
                .as("the same message sent again, e.g. a retry after a timeout").isEqualTo(202);
        assertThat(TestChat.texts(employee.untilText("Settings"))).containsExactly(
                "Alice (helpdesk): Please open Settings > Security.");
        employee.send(new UserInput.Text("done, it works now"));
        JsonNode transcript = awaitTranscript(alice, id, "done, it works now").path("transcript");
        assertThat(transcript.findValuesAsString("text")).containsSubsequence(
                "[android_11_plus]", "is anyone there?", "Please open Settings > Security.", "done, it works now");
        assertThat(transcript.findValuesAsString("author")).contains("employee", "bot", "agent");
        assertThat(transcript.findValuesAsString("text")).as("recorded once, sent once")
                .containsOnlyOnce("Please open Settings > Security.");

        assertThat(alice.resolve(id).getStatus()).isEqualTo(200);
        assertThat(TestChat.texts(employee.untilText("resolved"))).containsExactly(
                "Alice closed your request " + id + " as resolved. If it happens again, type “restart”.");
        assertThat(alice.get(id).path("status").asString()).isEqualTo("resolved");
        assertThat(meters.timer("certdesk.helpdesk.time-to-resolve").count()).isPositive();
        assertThat(meters.get("certdesk.helpdesk.cases.open").gauge()).isNotNull();

        employee.send(new UserInput.Text("thanks"));
        assertThat(TestChat.texts(employee.untilText("welcome"))).as("the bot answers again, small talk first")
                .containsExactly("You’re welcome!");
        employee.send(new UserInput.Text("one more thing"));
        assertThat(TestChat.texts(employee.untilText("restart"))).as("the conversation ended")
                .containsExactly("This conversation is over. Type “restart” to start again.");
    }

    @Test
    void twoAgentsTakingTheSameCaseOneWinsTheOtherIsTold() throws Exception {
        TestChat employee = escalatedWithTwoMissing("fr-FR");
        employee.untilText("numéro de dossier");
        long id = new AgentApi(mvc, TestAccounts.AGENT).queuedCaseOf(employee.conversationId()).path("id").asLong();

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<MockHttpServletResponse>> takes = new ArrayList<>();
            for (String[] account : List.of(TestAccounts.AGENT, TestAccounts.OTHER_AGENT)) {
                Callable<MockHttpServletResponse> take = () -> {
                    start.await();
                    return new AgentApi(mvc, account).take(id);
                };
                takes.add(pool.submit(take));
            }
            start.countDown();
            MockHttpServletResponse first = takes.get(0).get();
            MockHttpServletResponse second = takes.get(1).get();
            assertThat(List.of(first.getStatus(), second.getStatus())).containsExactlyInAnyOrder(200, 409);
            MockHttpServletResponse lost = first.getStatus() == 409 ? first : second;
            String winner = first.getStatus() == 409 ? "Bob" : "Alice"; // as people read it
            assertThat(lost.getContentAsString()).contains("already taken by " + winner);
            String loser = first.getStatus() == 409 ? TestAccounts.basic(TestAccounts.AGENT)
                    : TestAccounts.basic(TestAccounts.OTHER_AGENT);
            assertThat(mvc.perform(post("/api/agent/cases/" + id + "/take").header(HttpHeaders.AUTHORIZATION, loser)
                    .header(HttpHeaders.ACCEPT_LANGUAGE, "fr-FR")).andExpect(status().isConflict()).andReturn()
                    .getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
                    .as("a French-speaking agent is told in French").contains("est déjà pris par " + winner);
        } finally {
            pool.shutdownNow();
        }
        assertThat(TestChat.texts(employee.untilText("s’occupe de votre demande")))
                .as("the employee is told once").hasSize(1);
    }

    @Test
    void anAgentSignedInWithEntraIdOwnsTheCaseByObjectIdAndIsShownByName() throws Exception {
        TestChat employee = escalatedWithTwoMissing("en");
        employee.untilText("case number");
        long id = new AgentApi(mvc, TestAccounts.AGENT).queuedCaseOf(employee.conversationId()).path("id").asLong();
        var entra = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin()
                .idToken(token -> token.claim("oid", "5f0c6a1e-0000-4000-8000-00000000a11c").claim("name", "Alice Martin"))
                .authorities(new org.springframework.security.core.authority.SimpleGrantedAuthority("ROLE_AGENT"));

        String taken = mvc.perform(post("/api/agent/cases/" + id + "/take").with(entra)
                        .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);

        assertThat(taken).contains("\"takenBy\":\"5f0c6a1e-0000-4000-8000-00000000a11c\"")
                .contains("\"takenByName\":\"Alice Martin\"");
        assertThat(new AgentApi(mvc, TestAccounts.OTHER_AGENT).take(id).getContentAsString())
                .as("another agent is told who has it, by name").contains("taken by Alice Martin");
    }

    @Test
    void theAgentHandsTheConversationBackToTheBotAtAStateOfTheScript() throws Exception {
        TestChat employee = escalatedWithTwoMissing("en");
        employee.untilText("case number");
        AgentApi bob = new AgentApi(mvc, TestAccounts.OTHER_AGENT);
        long id = bob.queuedCaseOf(employee.conversationId()).path("id").asLong();
        bob.take(id);
        employee.untilText("is handling");

        assertThat(strings(bob.get(id).path("states"))).contains("pc_open_portal").doesNotContain("escalate_no_pc");
        MockHttpServletResponse refused = bob.giveBack(id, "no_such_state");
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString()).contains("pc_open_portal");

        assertThat(bob.giveBack(id, "pc_open_portal").getStatus()).isEqualTo(200);
        List<String> texts = TestChat.texts(employee.untilChoices());
        assertThat(texts.get(0)).isEqualTo("Bob handed you back to me: I’m taking over again.");
        assertThat(texts.get(1)).startsWith("I couldn’t identify the certificate by myself.");
        assertThat(bob.get(id).path("status").asString()).isEqualTo("returned");
    }

    @Test
    void withoutTheAgentRoleNothingIsShown() throws Exception {
        mvc.perform(get("/api/agent/cases")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/agent/cases").header(HttpHeaders.AUTHORIZATION, TestAccounts.basic(TestAccounts.ADMIN)))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/agent/cases/1/take").header(HttpHeaders.AUTHORIZATION,
                TestAccounts.basic(TestAccounts.ADMIN))).andExpect(status().isForbidden());
        mvc.perform(get("/agent/").header(HttpHeaders.AUTHORIZATION, TestAccounts.basic(TestAccounts.ADMIN)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/agent/events")).andExpect(status().isUnauthorized());
        mvc.perform(post("/api/agent/cases/1/take").with(user("alice").roles("AGENT")))
                .andExpect(status().isForbidden()); // a session without the CSRF token
        mvc.perform(get("/agent/").with(user("alice").roles("AGENT")))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.header()
                        .string("Content-Security-Policy", org.hamcrest.Matchers.containsString("script-src 'self'")));
    }

    private TestChat escalatedWithTwoMissing(String language) {
        pki.twoMissing();
        TestChat employee = new TestChat(submitter);
        employee.send(new UserInput.Start(language));
        employee.untilChoices();
        employee.send(new UserInput.Choice("android_11_plus"));
        return employee;
    }

    /** The replies ever stored for the employee, sent or not. */
    private long outboxEntries(TestChat employee) {
        return jdbc.sql("SELECT COUNT(*) FROM outbox WHERE conversation_ref IN (SELECT id FROM conversations"
                        + " WHERE channel = :channel AND conversation_id = :id)")
                .param("channel", employee.address().channel()).param("id", employee.conversationId())
                .query(Long.class).single();
    }

    private static JsonNode awaitTranscript(AgentApi agent, long id, String text) {
        JsonNode[] found = new JsonNode[1];
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> {
            found[0] = agent.get(id);
            return found[0].path("transcript").findValuesAsString("text").contains(text);
        });
        return found[0];
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }

    private double escalations(String reason) {
        var counter = meters.find("certdesk.helpdesk.escalations").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }
}
