package org.certdesk.bot.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.reset;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.certdesk.bot.testing.BotTest;
import org.certdesk.bot.testing.LoopbackPki;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web chat's echo of a message and the message's turn are kept together or not at all: a
 * process that dies between the two must not leave the employee a message shown as sent that the
 * bot never answers. Drives the Direct Line endpoint over HTTP on the whole application.
 */
@BotTest
class WebChatEchoWithItsTurnTests {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * Stands for the process dying inside the submit: an {@link Error}, so that no code of ours
     * catches it and nothing written before it is taken back by hand; only the transaction can.
     */
    static final class ProcessDied extends Error {
        ProcessDied() {
            super("the process died here (test)", null, false, false);
        }
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @MockitoSpyBean
    InboxStore inbox;

    @Test
    void aMessageWhoseTurnWasNotRecordedIsNotShownAsSent() throws Exception {
        LoopbackPki.get().oneMissing();
        String[] session = open();
        String conversationId = session[0];
        String token = session[1];
        await().atMost(Duration.ofSeconds(20)).until(() -> texts(token, conversationId).size() > 0); // the welcome

        doThrow(new ProcessDied()).when(inbox).accept(anyLong(), any());
        Throwable died = catchThrowable(() -> post(token, conversationId, "android 14", "c-died"));
        assertThat(died).hasRootCauseInstanceOf(ProcessDied.class);

        assertThat(texts(token, conversationId)).as("the echo went with its turn").doesNotContain("android 14");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM inbox i JOIN conversations c ON c.id = i.conversation_ref"
                        + " WHERE c.conversation_id = :id").param("id", conversationId)
                .query(Integer.class).single()).isZero();

        // The client tries again: shown once, and answered after it.
        reset(inbox);
        int before = texts(token, conversationId).size();
        post(token, conversationId, "android 14", "c-again");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<String> texts = texts(token, conversationId);
            assertThat(texts.subList(before, texts.size())).hasSizeGreaterThan(1).first().isEqualTo("android 14");
            assertThat(texts).filteredOn("android 14"::equals).hasSize(1);
        });
    }

    /** The same for the start: the conversation is not marked started without its welcome. */
    @Test
    void aConversationWhoseWelcomeWasNotRecordedIsStartedAgain() throws Exception {
        LoopbackPki.get().oneMissing();
        String token = generate();
        doThrow(new ProcessDied()).when(inbox).accept(anyLong(), any());
        Throwable died = catchThrowable(() -> start(token));
        assertThat(died).hasRootCauseInstanceOf(ProcessDied.class);

        reset(inbox);
        assertThat(start(token)).as("not started: this start sends the welcome").isEqualTo(201);
        String conversationId = conversationOf(token); // started already: 200 with its id
        await().atMost(Duration.ofSeconds(20)).until(() -> !texts(token, conversationId).isEmpty()); // the welcome
    }

    private String generate() throws Exception {
        return JSON.readTree(mvc.perform(MockMvcRequestBuilders.post("/v3/directline/tokens/generate")
                .contentType(MediaType.APPLICATION_JSON).content("{\"locale\":\"fr-FR\"}"))
                .andReturn().getResponse().getContentAsString()).get("token").stringValue();
    }

    private int start(String token) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.post("/v3/directline/conversations")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token).contentType(MediaType.APPLICATION_JSON)
                .content("{\"user\":{\"id\":\"dl_u1\"}}")).andReturn().getResponse().getStatus();
    }

    private String conversationOf(String token) throws Exception {
        return JSON.readTree(mvc.perform(MockMvcRequestBuilders.post("/v3/directline/conversations")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token).contentType(MediaType.APPLICATION_JSON)
                .content("{}")).andReturn().getResponse().getContentAsString()).get("conversationId").stringValue();
    }

    private String[] open() throws Exception {
        JsonNode issued = JSON.readTree(mvc.perform(MockMvcRequestBuilders.post("/v3/directline/tokens/generate")
                .contentType(MediaType.APPLICATION_JSON).content("{\"locale\":\"fr-FR\"}"))
                .andReturn().getResponse().getContentAsString());
        String token = issued.get("token").stringValue();
        int started = mvc.perform(MockMvcRequestBuilders.post("/v3/directline/conversations")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token).contentType(MediaType.APPLICATION_JSON)
                .content("{\"user\":{\"id\":\"dl_u1\"}}")).andReturn().getResponse().getStatus();
        assertThat(started).isEqualTo(201);
        return new String[] {issued.get("conversationId").stringValue(), token};
    }

    private void post(String token, String conversationId, String text, String clientId) throws Exception {
        int status = mvc.perform(MockMvcRequestBuilders.post("/v3/directline/conversations/" + conversationId
                + "/activities").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"type\":\"message\",\"text\":\"" + text + "\",\"locale\":\"fr-FR\","
                        + "\"from\":{\"id\":\"dl_u1\",\"role\":\"user\"},"
                        + "\"channelData\":{\"clientActivityID\":\"" + clientId + "\"}}"))
                .andReturn().getResponse().getStatus();
        assertThat(status).isEqualTo(200);
    }

    /** The texts of the conversation's activities, in order (the user's echoes and the bot's replies). */
    private List<String> texts(String token, String conversationId) throws Exception {
        JsonNode page = JSON.readTree(mvc.perform(MockMvcRequestBuilders.get("/v3/directline/conversations/"
                + conversationId + "/activities").param("watermark", "0")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)).andReturn().getResponse().getContentAsString());
        List<String> texts = new ArrayList<>();
        for (JsonNode activity : page.get("activities")) {
            texts.add(activity.path("text").asString(""));
        }
        return texts;
    }
}
