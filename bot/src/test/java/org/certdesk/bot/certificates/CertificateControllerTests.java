package org.certdesk.bot.certificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.certdesk.analyzer.CertificateFacts;
import org.certdesk.bot.shared.ConversationKey;
import org.certdesk.bot.testing.BotTest;
import org.certdesk.bot.testing.LoopbackPki;
import org.certdesk.bot.testing.StoredConversations;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@BotTest
class CertificateControllerTests {
    private static final String GALAXY = "Mozilla/5.0 (Linux; Android 12; SM-G991B) AppleWebKit/537.36";

    @Autowired
    MockMvc mvc;
    @Autowired
    IssuedCertificates issued;
    @Autowired
    ConversationTokens tokens;
    @Autowired
    JdbcClient jdbc;

    private final String sha256 = CertificateFacts.sha256(LoopbackPki.get().issuing2());

    private long conversation() {
        String id = "cert-" + UUID.randomUUID();
        jdbc.sql("INSERT INTO conversations (channel, conversation_id, created_at) VALUES ('test', :id, :now)")
                .param("id", id).param("now", Instant.now().atOffset(ZoneOffset.UTC)).update();
        StoredConversations.stateRow(jdbc, new ConversationKey("test", id));
        issued.issue(LoopbackPki.get().issuing2(), "Contoso Issuing CA 2", new ConversationKey("test", id), Instant.now());
        return jdbc.sql("SELECT id FROM conversations WHERE conversation_id = :id").param("id", id).query(Long.class).single();
    }

    private Integer apiLevel(long conversation) {
        return jdbc.sql("SELECT android_api_level FROM conversations WHERE id = :id").param("id", conversation)
                .query(Integer.class).optional().orElse(null);
    }

    @Test
    void servesAnIssuedCertificateAsDerForAndroidsInstaller() throws Exception {
        conversation();

        mvc.perform(get("/certificates/" + sha256.toUpperCase() + ".crt"))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.CONTENT_TYPE, "application/x-x509-ca-cert"))
                .andExpect(header().string(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"Contoso-Issuing-CA-2.crt\""))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(content().bytes(LoopbackPki.get().issuing2().getEncoded()));
    }

    @Test
    void anythingElseIsNotFound() throws Exception {
        mvc.perform(get("/certificates/" + "0".repeat(64) + ".crt"))
                .andExpect(status().isNotFound())
                .andExpect(header().string(HttpHeaders.CONTENT_TYPE, "application/problem+json"))
                .andExpect(jsonPath("$.status").value(404));
        mvc.perform(get("/certificates/not-a-fingerprint.crt")).andExpect(status().isNotFound());
        mvc.perform(get("/certificates/" + sha256)).andExpect(status().isNotFound());
    }

    @Test
    void aValidTokenSavesThePhonesAndroidVersion() throws Exception {
        long conversation = conversation();

        mvc.perform(get("/certificates/" + sha256 + ".crt").param("c", tokens.token(conversation))
                        .header(HttpHeaders.USER_AGENT, GALAXY))
                .andExpect(status().isOk());

        assertThat(apiLevel(conversation)).isEqualTo(31);
    }

    @Test
    void aBadTokenOrAnUnknownVersionIsIgnoredAndTheFileStillServed() throws Exception {
        long conversation = conversation();
        String forged = conversation + "." + tokens.token(conversation + 1).split("\\.")[1];

        mvc.perform(get("/certificates/" + sha256 + ".crt").param("c", forged).header(HttpHeaders.USER_AGENT, GALAXY))
                .andExpect(status().isOk());
        mvc.perform(get("/certificates/" + sha256 + ".crt").param("c", "garbage!").header(HttpHeaders.USER_AGENT, GALAXY))
                .andExpect(status().isOk());
        mvc.perform(get("/certificates/" + sha256 + ".crt").param("c", tokens.token(conversation))
                        .header(HttpHeaders.USER_AGENT, "Mozilla/5.0 (Linux; Android 10; K) Chrome/120 Mobile"))
                .andExpect(status().isOk());

        assertThat(apiLevel(conversation)).isNull();
    }
}
