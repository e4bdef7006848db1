package org.certdesk.bot.channel.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;

import org.certdesk.bot.testing.BotTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** The application as it starts by default, without {@code certdesk.webhook.secret}: the webhook refuses everyone. */
@BotTest
class WebhookWithoutSecretTests {
    @Autowired
    private MockMvc mvc;
    @Autowired
    private JdbcClient jdbc;

    @Test
    void evenACorrectlySignedCallIs401AndStoresNothing() throws Exception {
        String thread = "19:nosecret" + System.nanoTime() + "@thread.tacv2;messageid=1";
        // Small: BotTest's body limit is 1 KB.
        byte[] body = ("{\"type\":\"message\",\"id\":\"1\",\"conversation\":{\"id\":\"" + thread + "\"},"
                + "\"from\":{\"id\":\"29:1\",\"aadObjectId\":\"u-1\"},\"text\":\"<at>certdesk</at> hello\"}")
                .getBytes(StandardCharsets.UTF_8);

        mvc.perform(post(WebhookController.PATH).contentType(MediaType.APPLICATION_JSON).content(body)
                        .header(HttpHeaders.AUTHORIZATION, TeamsWebhook.sign(WebhookBotTest.SECRET, body)))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.detail").value("Missing or invalid HMAC signature."));

        assertThat(jdbc.sql("SELECT (SELECT COUNT(*) FROM conversations WHERE conversation_id LIKE :prefix)"
                        + " + (SELECT COUNT(*) FROM processed_activities WHERE "
                        + " conversation_ref IN (SELECT id FROM conversations WHERE conversation_id LIKE :prefix))"
                        + " + (SELECT COUNT(*) FROM inbox WHERE "
                        + " conversation_ref IN (SELECT id FROM conversations WHERE conversation_id LIKE :prefix))")
                .param("prefix", thread + "%").query(Long.class).single()).isZero();
    }
}
