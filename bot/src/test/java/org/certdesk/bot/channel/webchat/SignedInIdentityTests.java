package org.certdesk.bot.channel.webchat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.certdesk.bot.conversation.Inbound;
import org.certdesk.bot.shared.ChannelAddress;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;

/**
 * With certdesk.webchat.require-sign-in the conversation speaks as the user who signed in, whatever
 * the browser puts in "from" (agents read it as "Employee"), and only that user refreshes its token.
 */
@SpringBootTest(classes = { WebChatTestApplication.class, RecordingTurns.class },
        properties = { WebChatTestApplication.DATABASE, "certdesk.webchat.require-sign-in=true" })
@AutoConfigureMockMvc
class SignedInIdentityTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    RecordingTurns turns;

    @Test
    void theConversationSpeaksAsTheSignedInUserNotAsTheBrowserClaims() throws Exception {
        DirectLine directLine = new DirectLine(mvc);
        DirectLine.Session session = generate(user("ana@contoso.com"));
        directLine.start(session.token()).andExpect(status().isCreated());

        directLine.post(session.token(), session.conversationId(), "{\"type\":\"message\",\"text\":\"bonjour\","
                + "\"from\":{\"id\":\"ceo\",\"name\":\"The CEO\",\"role\":\"user\"}}").andExpect(status().isOk());

        assertThat(turns.of(session.conversationId())).hasSize(2).map(Inbound::address).allSatisfy(address -> {
            assertThat(address.userId()).isEqualTo("ana@contoso.com");
            assertThat(address.userName()).isEqualTo("ana@contoso.com");
        });
        JsonNode echo = directLine.read(directLine.activities(session.token(), session.conversationId(), "0"))
                .get("activities").get(0);
        assertThat(echo.get("from").get("id").asString()).isEqualTo("ana@contoso.com");
        assertThat(echo.get("from").get("name").asString()).isEqualTo("ana@contoso.com");
    }

    @Test
    void anEntraUserIsKnownByTheirObjectId() throws Exception {
        DirectLine directLine = new DirectLine(mvc);
        DirectLine.Session session = generate(oidcLogin().idToken(token -> token.claim("oid", "6f1c2a9e-oid")
                .claim("sub", "ana-sub")));
        directLine.start(session.token()).andExpect(status().isCreated());

        ChannelAddress address = turns.of(session.conversationId()).get(0).address();
        assertThat(address.userId()).isEqualTo("6f1c2a9e-oid");
        assertThat(address.userName()).isEqualTo("ana-sub");
    }

    @Test
    void onlyTheSameSignedInUserRefreshesTheToken() throws Exception {
        DirectLine.Session session = generate(user("ana@contoso.com"));

        mvc.perform(refresh(session)).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("SignInRequired"));
        mvc.perform(refresh(session).with(user("eve@contoso.com"))).andExpect(status().isUnauthorized());
        mvc.perform(refresh(session).with(user("ana@contoso.com"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.conversationId").value(session.conversationId()));
    }

    private DirectLine.Session generate(RequestPostProcessor signedIn) throws Exception {
        JsonNode answer = new DirectLine(mvc).read(mvc.perform(post(DirectLine.BASE + "/tokens/generate").with(signedIn)
                .contentType(MediaType.APPLICATION_JSON).content("{\"locale\":\"fr-FR\"}")).andExpect(status().isOk()));
        return new DirectLine.Session(answer.get("conversationId").asString(), answer.get("token").asString());
    }

    private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder refresh(
            DirectLine.Session session) {
        return post(DirectLine.BASE + "/tokens/refresh").header(HttpHeaders.AUTHORIZATION, "Bearer " + session.token());
    }
}
