package org.certdesk.bot.channel.webchat;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The page, its settings and its security headers. */
@WebChatTest
class PageControllerTests {

    @Autowired
    MockMvc mvc;

    @Test
    void thePageIsServedWithItsSecurityHeaders() throws Exception {
        mvc.perform(get("/")).andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/html"))
                .andExpect(content().string(Matchers.containsString("<script src=\"webchat/webchat.js\" defer>")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("cdn"))))
                .andExpect(header().string("Content-Security-Policy", PageHeaders.CONTENT_SECURITY_POLICY))
                .andExpect(header().string("Content-Security-Policy", Matchers.containsString("script-src 'self';")))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"));
        mvc.perform(get("/webchat/page.js")).andExpect(status().isOk())
                .andExpect(header().string("X-Content-Type-Options", "nosniff"));
        mvc.perform(get("/v3/directline/conversations/x/activities")).andExpect(status().isUnauthorized())
                .andExpect(header().string("X-Content-Type-Options", "nosniff"));
    }

    @Test
    void theSettingsAreInTheBrowsersLanguageAndNameTheCheckedHosts() throws Exception {
        mvc.perform(get("/webchat/settings").param("locale", "fr-CA")).andExpect(status().isOk())
                .andExpect(jsonPath("$.lang").value("fr"))
                .andExpect(jsonPath("$.locale").value("fr-FR"))
                .andExpect(jsonPath("$.open").value(true))
                .andExpect(jsonPath("$.hosts[0]").value("portal.manage.microsoft.com"))
                .andExpect(jsonPath("$.hosts[1]").value("sts.contoso.com:8443"))
                .andExpect(jsonPath("$.texts.title").value(PageTexts.FR.get("title")));
        mvc.perform(get("/webchat/settings").param("locale", "en-GB"))
                .andExpect(jsonPath("$.lang").value("en"))
                .andExpect(jsonPath("$.texts.intro").value(PageTexts.EN.get("intro")));
    }
}
