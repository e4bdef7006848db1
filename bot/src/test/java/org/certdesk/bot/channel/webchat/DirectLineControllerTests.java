package org.certdesk.bot.channel.webchat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.certdesk.bot.conversation.Inbound;
import org.certdesk.bot.outbox.Delivery;
import org.certdesk.bot.outbox.OutboxEntry;
import org.certdesk.bot.outbox.Outbound;
import org.certdesk.dialogs.engine.Message;
import org.certdesk.dialogs.engine.UserInput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import tools.jackson.databind.JsonNode;

/** The Direct Line contract Web Chat relies on, over HTTP, on the real database. */
@WebChatTest
class DirectLineControllerTests {
    private static final AtomicLong OUTBOX_IDS = new AtomicLong(1000);

    @Autowired
    MockMvc mvc;
    @Autowired
    RecordingTurns turns;
    @Autowired
    TestClock clock;
    @Autowired
    Delivery delivery;
    @Autowired
    DirectLineTokens tokens;
    @Autowired
    JdbcClient jdbc;

    DirectLine directLine;

    @BeforeEach
    void setUp() {
        directLine = new DirectLine(mvc);
    }

    @AfterEach
    void tearDown() {
        turns.clear();
        clock.reset();
    }

    @Test
    void generateIssuesATokenForANewConversationWithTheDefaultLifetime() throws Exception {
        mvc.perform(MockMvcRequestBuilders.post(DirectLine.BASE + "/tokens/generate"))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.CACHE_CONTROL, "no-store"))
                .andExpect(jsonPath("$.conversationId").isNotEmpty())
                .andExpect(jsonPath("$.token").isNotEmpty())
                .andExpect(jsonPath("$.expires_in").value(1800));
        DirectLine.Session first = directLine.generate(null);
        DirectLine.Session second = directLine.generate(null);
        assertThat(first.conversationId()).isNotEqualTo(second.conversationId());
    }

    @Test
    void startSubmitsTheWelcomeOnceInThePageLanguage() throws Exception {
        DirectLine.Session session = directLine.generate("en-US");

        directLine.start(session.token()).andExpect(status().isCreated())
                .andExpect(jsonPath("$.conversationId").value(session.conversationId()))
                .andExpect(jsonPath("$.token").isNotEmpty())
                .andExpect(jsonPath("$.streamUrl").doesNotExist());
        directLine.start(session.token()).andExpect(status().isOk());

        List<Inbound> submitted = turns.of(session.conversationId());
        assertThat(submitted).hasSize(1);
        assertThat(submitted.get(0).activityId()).isEqualTo("welcome");
        assertThat(submitted.get(0).input()).isEqualTo(new UserInput.Start("en-US"));
        assertThat(submitted.get(0).address().channel()).isEqualTo("directline");
    }

    @Test
    void theWelcomeIsSubmittedAgainWhenTheFirstSubmissionFailed() throws Exception {
        DirectLine.Session session = directLine.generate("fr-FR");
        turns.failing(true);
        directLine.start(session.token()).andExpect(status().isServiceUnavailable());
        turns.failing(false);
        directLine.start(session.token()).andExpect(status().isCreated());
        assertThat(turns.of(session.conversationId())).extracting(Inbound::activityId).containsExactly("welcome");
    }

    @Test
    void aUserMessageIsEchoedWithItsClientActivityIdThenSubmitted() throws Exception {
        DirectLine.Session session = directLine.open("fr-FR");

        JsonNode posted = directLine.read(directLine.post(session.token(), session.conversationId(),
                DirectLine.message("android 12", "c-1")).andExpect(status().isOk()));
        String id = posted.get("id").stringValue();

        JsonNode page = directLine.read(directLine.activities(session.token(), session.conversationId(), "")
                .andExpect(status().isOk()).andExpect(header().string(HttpHeaders.CACHE_CONTROL, "no-store")));
        JsonNode echo = page.get("activities").get(0);
        assertThat(echo.get("id").stringValue()).isEqualTo(id).startsWith(session.conversationId() + "|");
        assertThat(echo.at("/channelData/clientActivityID").stringValue()).isEqualTo("c-1");
        assertThat(echo.at("/from/role").stringValue()).isEqualTo("user");
        assertThat(echo.at("/from/id").stringValue()).isEqualTo("dl_u1");
        assertThat(echo.at("/conversation/id").stringValue()).isEqualTo(session.conversationId());
        assertThat(echo.get("text").stringValue()).isEqualTo("android 12");
        assertThat(echo.get("timestamp").isString()).isTrue();
        assertThat(page.get("watermark").stringValue()).isEqualTo("1");

        Inbound inbound = turns.of(session.conversationId()).get(1);
        assertThat(inbound.activityId()).isEqualTo(id);
        assertThat(inbound.input()).isEqualTo(new UserInput.Text("android 12"));
        assertThat(inbound.locale()).isEqualTo("fr-FR");
        assertThat(inbound.address().userId()).isEqualTo("dl_u1");
    }

    @Test
    void aClickedSuggestedActionBecomesTheChoiceItCarries() throws Exception {
        DirectLine.Session session = directLine.open("fr-FR");
        directLine.post(session.token(), session.conversationId(),
                DirectLine.messageBack("Android 11 ou plus récent", "android_11_plus", "c-2")).andExpect(status().isOk());
        assertThat(turns.of(session.conversationId()).get(1).input()).isEqualTo(new UserInput.Choice("android_11_plus"));
        JsonNode echo = directLine.read(directLine.activities(session.token(), session.conversationId(), ""))
                .get("activities").get(0);
        assertThat(echo.at("/channelData/messageBack/displayText").stringValue()).isEqualTo("Android 11 ou plus récent");
    }

    @Test
    void activitiesArePagedByWatermark() throws Exception {
        DirectLine.Session session = directLine.open("fr-FR");
        for (int i = 1; i <= 3; i++) {
            delivery.deliver(new OutboxEntry(OUTBOX_IDS.incrementAndGet(), turns.of(session.conversationId()).get(0).address(), i,
                    new Outbound.Say(new Message.Text("reply " + i), "fr"), 0));
        }

        JsonNode first = directLine.read(directLine.activities(session.token(), session.conversationId(), ""));
        assertThat(first.get("activities")).extracting(a -> a.get("text").stringValue()).containsExactly("reply 1", "reply 2");
        assertThat(first.get("watermark").stringValue()).isEqualTo("2");

        JsonNode second = directLine.read(directLine.activities(session.token(), session.conversationId(), "2"));
        assertThat(second.get("activities")).extracting(a -> a.get("text").stringValue()).containsExactly("reply 3");
        assertThat(second.get("watermark").stringValue()).isEqualTo("3");

        JsonNode none = directLine.read(directLine.activities(session.token(), session.conversationId(), "3"));
        assertThat(none.get("activities")).isEmpty();
        assertThat(none.get("watermark").stringValue()).isEqualTo("3");
    }

    @Test
    void aTokenCannotReadOrPostToAnotherConversation() throws Exception {
        DirectLine.Session mine = directLine.open("fr-FR");
        DirectLine.Session theirs = directLine.open("fr-FR");

        directLine.activities(mine.token(), theirs.conversationId(), "").andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("TokenConversationMismatch"));
        directLine.post(mine.token(), theirs.conversationId(), DirectLine.message("hello", "c-3"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value("The Direct Line token is for another conversation than "
                        + theirs.conversationId() + "."));
        assertThat(stored(theirs.conversationId())).isZero();
        assertThat(turns.of(theirs.conversationId())).hasSize(1); // its welcome only
    }

    @Test
    void requestsWithoutAValidTokenAre401() throws Exception {
        DirectLine.Session session = directLine.open("fr-FR");
        mvc.perform(MockMvcRequestBuilders.get(DirectLine.BASE + "/conversations/" + session.conversationId()
                + "/activities")).andExpect(status().isUnauthorized()).andExpect(jsonPath("$.code").value("MissingToken"));
        String forged = session.token().substring(0, session.token().lastIndexOf('.') + 1) + "AAAA";
        directLine.activities(forged, session.conversationId(), "").andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("InvalidToken"));
        directLine.post("not-a-token", session.conversationId(), DirectLine.message("hi", "c-4"))
                .andExpect(status().isUnauthorized());
        assertThat(stored(session.conversationId())).isZero();
    }

    @Test
    void anExpiredTokenIs403WithItsReasonAndCannotBeRefreshed() throws Exception {
        DirectLine.Session session = directLine.open("fr-FR");
        clock.advance(Duration.ofMinutes(31));

        directLine.activities(session.token(), session.conversationId(), "").andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("TokenExpired"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("The Direct Line token expired at ")));
        directLine.post(session.token(), session.conversationId(), DirectLine.message("hi", "c-5"))
                .andExpect(status().isForbidden());
        refresh(session.token()).andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("TokenExpired"));
        assertThat(stored(session.conversationId())).isZero();
    }

    @Test
    void refreshGivesANewTokenForTheSameConversationThatOutlivesTheOldOne() throws Exception {
        DirectLine.Session session = directLine.open("fr-FR");
        clock.advance(Duration.ofMinutes(15));
        JsonNode refreshed = directLine.read(refresh(session.token()).andExpect(status().isOk())
                .andExpect(jsonPath("$.conversationId").value(session.conversationId()))
                .andExpect(jsonPath("$.expires_in").value(1800)));
        clock.advance(Duration.ofMinutes(20)); // the first token is expired now, the new one is not

        directLine.activities(session.token(), session.conversationId(), "").andExpect(status().isForbidden());
        directLine.activities(refreshed.get("token").stringValue(), session.conversationId(), "")
                .andExpect(status().isOk());
    }

    @Test
    void malformedJsonIs400WithWhereItBrokeAndNothingIsStored() throws Exception {
        DirectLine.Session session = directLine.open("fr-FR");
        directLine.post(session.token(), session.conversationId(), "{\"type\":\"message\",\"text\":")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("The request body is not valid JSON: ")))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("line 1")));
        directLine.post(session.token(), session.conversationId(), "[1,2]").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("The request body must be a JSON object, not array."));
        directLine.post(session.token(), session.conversationId(), "").andExpect(status().isBadRequest());
        assertThat(stored(session.conversationId())).isZero();
        assertThat(turns.of(session.conversationId())).hasSize(1);
    }

    @Test
    void activitiesMissingWhatTheBotNeedsAre400AndNothingIsStored() throws Exception {
        DirectLine.Session session = directLine.open("fr-FR");
        directLine.post(session.token(), session.conversationId(), "{\"text\":\"hi\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("The activity has no \"type\"")));
        directLine.post(session.token(), session.conversationId(), "{\"type\":\"message\",\"text\":\"  \"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("The message has neither a \"text\" nor a choice \"value\"."));
        directLine.post(session.token(), session.conversationId(), "{\"type\":\"invoke\",\"name\":\"x\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("Activities of type \"invoke\" are not accepted here, only \"message\"."));
        directLine.post(session.token(), session.conversationId(), "{\"type\":\"message\",\"text\":42}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail").value("\"text\" must be a string."));
        directLine.activities(session.token(), session.conversationId(), "abc").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("The watermark must be a number returned by an earlier poll."));
        assertThat(stored(session.conversationId())).isZero();
        assertThat(turns.of(session.conversationId())).hasSize(1);
    }

    @Test
    void anOversizedBodyIs413AndNothingIsStored() throws Exception {
        DirectLine.Session session = directLine.open("fr-FR");
        String big = DirectLine.message("x".repeat(3000), "c-6");
        directLine.post(session.token(), session.conversationId(), big).andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.code").value("MessageSizeTooBig"))
                .andExpect(jsonPath("$.detail").value("The activity is larger than the limit of 2048 bytes."));
        assertThat(stored(session.conversationId())).isZero();
        assertThat(turns.of(session.conversationId())).hasSize(1);
    }

    @Test
    void anUnknownConversationIs404AndNothingIsStored() throws Exception {
        String token = tokens.issue("no-such-conversation").token(); // a valid token for a conversation never opened

        directLine.post(token, "no-such-conversation", DirectLine.message("hello", "c-7")).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("No web chat conversation no-such-conversation."));
        directLine.activities(token, "no-such-conversation", "").andExpect(status().isNotFound());
        directLine.start(token).andExpect(status().isNotFound());
        refresh(token).andExpect(status().isNotFound());
        assertThat(stored("no-such-conversation")).isZero();
        assertThat(turns.submitted()).isEmpty();
    }

    @Test
    void whenTheTurnCannotBeSubmittedTheEchoIsTakenBack() throws Exception {
        DirectLine.Session session = directLine.open("fr-FR");
        turns.failing(true);
        directLine.post(session.token(), session.conversationId(), DirectLine.message("hello", "c-8"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.detail").value("The message could not be recorded; nothing was kept. Try again."));
        assertThat(stored(session.conversationId())).isZero();
    }

    @Test
    void reconnectAnswersTheConversationWithAFreshToken() throws Exception {
        DirectLine.Session session = directLine.open("fr-FR");
        mvc.perform(MockMvcRequestBuilders.get(DirectLine.BASE + "/conversations/" + session.conversationId())
                .param("watermark", "0").header(HttpHeaders.AUTHORIZATION, "Bearer " + session.token()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.conversationId").value(session.conversationId()));
        assertThat(turns.of(session.conversationId())).hasSize(1);
    }

    private org.springframework.test.web.servlet.ResultActions refresh(String token) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.post(DirectLine.BASE + "/tokens/refresh")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token).contentType(MediaType.APPLICATION_JSON));
    }

    private long stored(String conversationId) {
        return jdbc.sql("SELECT COUNT(*) FROM webchat_activities WHERE conversation_id = :id")
                .param("id", conversationId).query(Long.class).single();
    }
}
