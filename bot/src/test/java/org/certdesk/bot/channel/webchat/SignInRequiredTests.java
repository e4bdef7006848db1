package org.certdesk.bot.channel.webchat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** certdesk.webchat.require-sign-in where no account exists: everyone is refused, clearly, and nothing opens. */
@SpringBootTest(classes = { WebChatTestApplication.class, RecordingTurns.class },
        properties = { WebChatTestApplication.DATABASE, "certdesk.webchat.require-sign-in=true" })
@AutoConfigureMockMvc
class SignInRequiredTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    @Test
    void thePageSaysSignInIsRequired() throws Exception {
        mvc.perform(get("/")).andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith("text/html"))
                .andExpect(content().string(Matchers.containsString("Connexion requise")))
                .andExpect(content().string(Matchers.containsString("Sign-in required")));
        mvc.perform(get("/webchat/settings").param("locale", "fr")).andExpect(jsonPath("$.open").value(false));
    }

    @Test
    void noConversationIsOpenedWithoutSignIn() throws Exception {
        long before = conversations();
        mvc.perform(post("/v3/directline/tokens/generate")).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("SignInRequired"));
        assertThat(conversations()).isEqualTo(before);
    }

    @Test
    void aSignedInUserGetsTheChat() throws Exception {
        // Signed in some other way than local accounts (Entra ID, say).
        mvc.perform(get("/").with(user("ana@contoso.com"))).andExpect(status().isOk());
        mvc.perform(post("/v3/directline/tokens/generate").with(user("ana@contoso.com")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.token").isNotEmpty());
    }

    private long conversations() {
        return jdbc.sql("SELECT COUNT(*) FROM webchat_conversations").query(Long.class).single();
    }
}
