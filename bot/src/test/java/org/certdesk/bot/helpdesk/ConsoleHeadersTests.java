package org.certdesk.bot.helpdesk;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.certdesk.bot.testing.BotTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** Every way to the console's page and files comes with its CSP, so typed markup can never run. */
@BotTest
class ConsoleHeadersTests {
    @Autowired
    MockMvc mvc;

    @ParameterizedTest
    @ValueSource(strings = {"/agent", "/agent/", "/agent/index.html", "/agent/agent.js"})
    void theConsolesFilesCarryItsContentSecurityPolicy(String path) throws Exception {
        mvc.perform(get(path).with(user("alice").roles("AGENT"))).andExpect(status().isOk())
                .andExpect(header().string("Content-Security-Policy", ConsolePage.CONTENT_SECURITY_POLICY))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"));
    }
}
