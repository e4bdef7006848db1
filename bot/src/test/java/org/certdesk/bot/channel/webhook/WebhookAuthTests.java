package org.certdesk.bot.channel.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

/**
 * {@code POST /api/teams-webhook} on the whole application: only a body signed with the configured
 * secret gets in; every other call is 401 and leaves no trace (no conversation, no inbox row, no
 * activity id, no mailbox row).
 */
@WebhookBotTest
class WebhookAuthTests {
    @Autowired
    private MockMvc mvc;
    @Autowired
    private JdbcClient jdbc;

    private final TeamsWebhook teams = new TeamsWebhook("unused", "fr-FR");

    @Test
    void aSignedMentionIsAnswered() throws Exception {
        byte[] body = teams.mention("");

        // Answered asynchronously: the request thread is released while the turn runs.
        MvcResult started = call(body, TeamsWebhook.sign(WebhookBotTest.SECRET, body))
                .andExpect(request().asyncStarted()).andReturn();
        mvc.perform(asyncDispatch(started))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.type").value("message"))
                .andExpect(jsonPath("$.text").value(org.hamcrest.Matchers.containsString("Bonjour !")));
        assertThat(stored()).isPositive();
    }

    @Test
    void anotherSecretIsRefused() throws Exception {
        byte[] body = teams.mention("Android 11");
        refused(body, TeamsWebhook.sign(Base64.getEncoder().encodeToString(new byte[32]), body));
    }

    @Test
    void aTamperedBodyIsRefused() throws Exception {
        byte[] body = teams.mention("Android 11");
        String signature = TeamsWebhook.sign(WebhookBotTest.SECRET, body);
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("Android 11", "Android 12")
                .getBytes(StandardCharsets.UTF_8);
        refused(tampered, signature);
    }

    @Test
    void aMissingSignatureIsRefused() throws Exception {
        refused(teams.mention("Android 11"), null);
    }

    @Test
    void aSignatureThatIsNotBase64IsRefused() throws Exception {
        refused(teams.mention("Android 11"), "HMAC %%%not-base64%%%");
    }

    @Test
    void aBearerTokenIsNoSignature() throws Exception {
        refused(teams.mention("Android 11"), "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln");
    }

    @Test
    void aSignedBodyThatIsNotAnActivityIs400AndStoresNothing() throws Exception {
        byte[] body = "{\"type\":\"message\",\"text\":".getBytes(StandardCharsets.UTF_8);
        call(body, TeamsWebhook.sign(WebhookBotTest.SECRET, body))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        byte[] noConversation = "{\"type\":\"message\",\"text\":\"hi\",\"from\":{\"id\":\"29:1\"}}"
                .getBytes(StandardCharsets.UTF_8);
        call(noConversation, TeamsWebhook.sign(WebhookBotTest.SECRET, noConversation))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("The message has no conversation.id or no from.id."));
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        byte[] body = teams.message("big", "<at>certdesk</at> " + "x".repeat(20_000));
        call(body, TeamsWebhook.sign(WebhookBotTest.SECRET, body)).andExpect(status().isContentTooLarge());
        assertThat(stored()).isZero();
    }

    private void refused(byte[] body, String authorization) throws Exception {
        call(body, authorization)
                .andExpect(status().isUnauthorized())
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "HMAC"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(401))
                .andExpect(jsonPath("$.detail").value("Missing or invalid HMAC signature."));
        assertThat(stored()).as("rows of the refused conversation").isZero();
    }

    private ResultActions call(byte[] body, String authorization) throws Exception {
        var request = post(WebhookController.PATH).contentType(MediaType.APPLICATION_JSON).content(body);
        if (authorization != null) {
            request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        return mvc.perform(request);
    }

    /** Rows anywhere that belong to this test's conversation. */
    private long stored() {
        return jdbc.sql("SELECT (SELECT COUNT(*) FROM conversations WHERE conversation_id = :id)"
                        + " + (SELECT COUNT(*) FROM inbox WHERE "
                        + " conversation_ref IN (SELECT id FROM conversations WHERE conversation_id = :id))"
                        + " + (SELECT COUNT(*) FROM processed_activities WHERE "
                        + " conversation_ref IN (SELECT id FROM conversations WHERE conversation_id = :id))"
                        + " + (SELECT COUNT(*) FROM webhook_mailbox WHERE conversation_id = :id)")
                .param("id", teams.conversationId()).query(Long.class).single();
    }
}
