package org.certdesk.bot.channel.webchat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The Direct Line endpoint's refusals speak the browser's language: French for a French first
 * {@code Accept-Language}, English otherwise (none, another language, a malformed header).
 */
@WebChatTest
class DirectLineErrorLanguageTests {

    @Autowired
    MockMvc mvc;

    @Test
    void aFrenchBrowserIsToldInFrench() throws Exception {
        mvc.perform(MockMvcRequestBuilders.get(DirectLine.BASE + "/conversations/x/activities")
                        .header(HttpHeaders.ACCEPT_LANGUAGE, "fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string(HttpHeaders.CONTENT_LANGUAGE, "fr"))
                .andExpect(jsonPath("$.code").value("MissingToken"))
                .andExpect(jsonPath("$.detail").value("Aucun jeton Direct Line : envoyez « Authorization: Bearer"
                        + " <jeton> » avec un jeton obtenu par POST /v3/directline/tokens/generate."));
    }

    @Test
    void aMessageRefusedIsExplainedInFrenchWithItsDetails() throws Exception {
        DirectLine.Session session = new DirectLine(mvc).open("fr-FR");
        mvc.perform(MockMvcRequestBuilders.post(DirectLine.BASE + "/conversations/" + session.conversationId()
                        + "/activities").header(HttpHeaders.AUTHORIZATION, "Bearer " + session.token())
                        .header(HttpHeaders.ACCEPT_LANGUAGE, "fr-CA").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"type\":\"<b>typing</b>\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(
                        "Les activités de type \"<b>typing</b>\" ne sont pas acceptées ici, seulement \"message\"."));
        mvc.perform(MockMvcRequestBuilders.post(DirectLine.BASE + "/conversations/" + session.conversationId()
                        + "/activities").header(HttpHeaders.AUTHORIZATION, "Bearer " + session.token())
                        .header(HttpHeaders.ACCEPT_LANGUAGE, "fr").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"type\":\"message\",\n\"text\": tru}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.matchesPattern(
                        "Le corps de la requête n’est pas du JSON valide : .+ \\(ligne 2, colonne \\d+\\)\\.")));
    }

    @Test
    void otherBrowsersAreToldInEnglish() throws Exception {
        for (String acceptLanguage : new String[] {"de-DE,fr;q=0.5", "en-GB", "*", "fr;q=nonsense", ""}) {
            mvc.perform(MockMvcRequestBuilders.get(DirectLine.BASE + "/conversations/x/activities")
                            .header(HttpHeaders.ACCEPT_LANGUAGE, acceptLanguage))
                    .andExpect(status().isUnauthorized())
                    .andExpect(header().string(HttpHeaders.CONTENT_LANGUAGE, "en"))
                    .andExpect(jsonPath("$.detail").value("No Direct Line token: send 'Authorization: Bearer <token>'"
                            + " with a token from POST /v3/directline/tokens/generate."));
        }
        mvc.perform(MockMvcRequestBuilders.get(DirectLine.BASE + "/conversations/x/activities"))
                .andExpect(header().string(HttpHeaders.CONTENT_LANGUAGE, "en"));
    }

    private static final Pattern ARGUMENT = Pattern.compile("%[sd]");

    /** Each refusal exists in both languages, translated, with the same arguments in the same order. */
    @ParameterizedTest
    @EnumSource(DirectLineTexts.class)
    void everyRefusalIsWrittenInBothLanguages(DirectLineTexts text) {
        assertThat(text.french()).isNotBlank().isNotEqualTo(text.english());
        assertThat(text.english()).isNotBlank();
        assertThat(arguments(text.french())).isEqualTo(arguments(text.english()));
    }

    private static String arguments(String template) {
        StringBuilder found = new StringBuilder();
        Matcher m = ARGUMENT.matcher(template);
        while (m.find()) {
            found.append(m.group());
        }
        return found.toString();
    }
}
