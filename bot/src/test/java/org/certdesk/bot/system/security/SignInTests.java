package org.certdesk.bot.system.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Locale;

import jakarta.servlet.http.Cookie;

import org.certdesk.bot.testing.BotTest;
import org.certdesk.bot.testing.TestAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The sign-in of the consoles: the form, roles, HTTP Basic for scripts, CSRF for sessions. */
@BotTest
class SignInTests {
    @Autowired
    private MockMvc mvc;

    @Test
    void theSignInPageSpeaksTheBrowsersLanguageAndCarriesACsrfToken() throws Exception {
        mvc.perform(get("/login").locale(Locale.FRENCH)).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Mot de passe")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("name=\"_csrf\"")));
        mvc.perform(get("/login").locale(Locale.ENGLISH)).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Password")));
    }

    @Test
    void aWrongPasswordIsToldAndARightOneLeadsToTheRolesHome() throws Exception {
        mvc.perform(post("/login").param("username", TestAccounts.AGENT[0]).param("password", "wrong").with(csrf()))
                .andExpect(redirectedUrl("/login?error"));
        mvc.perform(post("/login").param("username", TestAccounts.AGENT[0]).param("password", TestAccounts.AGENT[1])
                .with(csrf())).andExpect(redirectedUrl("/agent/"));
        mvc.perform(post("/login").param("username", TestAccounts.ADMIN[0]).param("password", TestAccounts.ADMIN[1])
                .with(csrf())).andExpect(redirectedUrl("/admin/"));
    }

    @Test
    void signingInWithoutTheFormsCsrfTokenIsRefused() throws Exception {
        mvc.perform(post("/login").param("username", TestAccounts.AGENT[0]).param("password", TestAccounts.AGENT[1]))
                .andExpect(status().isForbidden());
    }

    @Test
    void anApiCallWithoutCredentialsIsAskedForBasicAndAPageGoesToTheSignInForm() throws Exception {
        mvc.perform(get("/api/agent/whatever")).andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Basic ")))
                .andExpect(jsonPath("$.status").value(401));
        // The console's own scripts say who they are: no browser prompt for them.
        mvc.perform(get("/api/agent/whatever").header("X-Certdesk-Console", "1")).andExpect(status().isUnauthorized())
                .andExpect(header().doesNotExist("WWW-Authenticate"));
        mvc.perform(get("/agent/")).andExpect(status().isFound())
                .andExpect(header().string("Location", org.hamcrest.Matchers.endsWith("/login")));
    }

    @Test
    void anExpiredConsoleSessionsLiveUpdatesAreRefusedWithoutABrowserPasswordPrompt() throws Exception {
        // EventSource cannot send X-Certdesk-Console; it asks for text/event-stream instead.
        mvc.perform(get("/api/agent/events").header("Accept", "text/event-stream")).andExpect(status().isUnauthorized())
                .andExpect(header().doesNotExist("WWW-Authenticate"));
    }

    @Test
    void agentsAndAdminsOnlyReachTheirOwnPages() throws Exception {
        mvc.perform(get("/api/admin/whatever").header("Authorization", TestAccounts.basic(TestAccounts.AGENT)))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.detail").value(
                        org.hamcrest.Matchers.containsString("role")));
        mvc.perform(get("/api/agent/whatever").header("Authorization", TestAccounts.basic(TestAccounts.ADMIN)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/agent/whatever").header("Authorization", TestAccounts.basic(
                new String[] {TestAccounts.AGENT[0], "not-the-password"}))).andExpect(status().isUnauthorized());
    }

    @Test
    void aSessionNeedsTheCsrfTokenForChangesButBasicCredentialsDoNot() throws Exception {
        MvcResult signedIn = mvc.perform(post("/login").param("username", TestAccounts.AGENT[0])
                .param("password", TestAccounts.AGENT[1]).with(csrf())).andReturn();
        // The session lives in the database (Spring Session): the browser holds only its cookie.
        Cookie session = signedIn.getResponse().getCookie("SESSION");
        assertThat(session).isNotNull();

        mvc.perform(post("/api/agent/whatever").cookie(session)).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("CSRF")));
        // With the token the request passes security (and meets a 404: no such endpoint).
        mvc.perform(post("/api/agent/whatever").cookie(session).with(csrf())).andExpect(status().isNotFound());
        mvc.perform(post("/api/agent/whatever").header("Authorization", TestAccounts.basic(TestAccounts.AGENT)))
                .andExpect(status().isNotFound());
    }

    @Test
    void basicCredentialsThatFailAre401EvenWithASignedInSession() throws Exception {
        MvcResult signedIn = mvc.perform(post("/login").param("username", TestAccounts.AGENT[0])
                .param("password", TestAccounts.AGENT[1]).with(csrf())).andReturn();
        Cookie session = signedIn.getResponse().getCookie("SESSION");
        assertThat(session).isNotNull();
        mvc.perform(get("/api/agent/me").cookie(session)).andExpect(status().isOk());

        String sameNameWrongPassword = "Basic " + java.util.Base64.getEncoder().encodeToString(
                (TestAccounts.AGENT[0] + ":not-" + TestAccounts.AGENT[1]).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        mvc.perform(get("/api/agent/me").cookie(session).header("Authorization", sameNameWrongPassword))
                .andExpect(status().isUnauthorized());
        mvc.perform(post("/api/agent/cases/1/take").cookie(session).header("Authorization", sameNameWrongPassword))
                .andExpect(status().isUnauthorized());
        String otherNameWrongPassword = "Basic " + java.util.Base64.getEncoder().encodeToString(
                "bob:wrong".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        mvc.perform(get("/api/agent/me").cookie(session).header("Authorization", otherNameWrongPassword))
                .andExpect(status().isUnauthorized());

        // Right credentials pass, and the session still has its user afterwards.
        mvc.perform(get("/api/agent/me").cookie(session).header("Authorization", TestAccounts.basic(TestAccounts.AGENT)))
                .andExpect(status().isOk());
        mvc.perform(get("/api/agent/me").cookie(session)).andExpect(status().isOk());
    }

    @Test
    void theChannelEndpointsStayOutsideSignInAndCsrf() throws Exception {
        // No session, no CSRF token: the request reaches the endpoint itself (auth is off in these
        // tests, so it answers about the missing fields), not a sign-in.
        mvc.perform(post("/api/messages").contentType("application/json").content("{}"))
                .andExpect(status().isBadRequest()).andExpect(header().doesNotExist("WWW-Authenticate"))
                // Nor a CSRF cookie: Teams has no use for one (it cost two secure random draws a turn).
                .andExpect(header().doesNotExist("Set-Cookie"));
        mvc.perform(get("/")).andExpect(status().isOk()).andExpect(header().doesNotExist("Set-Cookie"));
    }
}
