package org.certdesk.bot.channel.webchat;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** certdesk.webchat.require-sign-in where accounts exist: the page sends visitors to sign in, then opens. */
@SpringBootTest(classes = { WebChatTestApplication.class, RecordingTurns.class },
        properties = { WebChatTestApplication.DATABASE, "certdesk.webchat.require-sign-in=true",
                "certdesk.security.users[0].name=erin", "certdesk.security.users[0].password={noop}erin-password",
                "certdesk.security.users[0].roles=AGENT" })
@AutoConfigureMockMvc
class SignInWithAccountsTests {

    @Autowired
    MockMvc mvc;

    @Test
    void aVisitorIsSentToSignInAndComesBackToTheChat() throws Exception {
        MvcResult first = mvc.perform(get("/")).andExpect(status().isFound())
                .andExpect(header().string("Location", Matchers.endsWith("/login"))).andReturn();
        // The session lives in the database (Spring Session): the browser holds only its cookie.
        Cookie session = first.getResponse().getCookie("SESSION");
        mvc.perform(post("/v3/directline/tokens/generate")).andExpect(status().isUnauthorized())
                .andExpect(header().doesNotExist("WWW-Authenticate"));

        MvcResult signedIn = mvc.perform(post("/login").cookie(session).param("username", "erin")
                .param("password", "erin-password").with(csrf()))
                .andExpect(redirectedUrl("http://localhost/?continue")).andReturn();
        session = signedIn.getResponse().getCookie("SESSION"); // a new session id on sign-in
        mvc.perform(get("/").cookie(session)).andExpect(status().isOk());
        mvc.perform(post("/v3/directline/tokens/generate").cookie(session)).andExpect(status().isOk())
                .andExpect(jsonPath("$.token").isNotEmpty());
    }
}
