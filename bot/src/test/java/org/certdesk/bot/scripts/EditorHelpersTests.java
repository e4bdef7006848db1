package org.certdesk.bot.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.certdesk.bot.testing.LoopbackPki;
import org.certdesk.dialogs.load.DefaultScripts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the editor page asks as the admin types: lint with the diagram, and the preview chat on a
 * draft, with actions answered by a picked outcome or by the real analyzer (probing {@link LoopbackPki}).
 */
@AdminBotTest
class EditorHelpersTests {
    static final String SHIPPED = DefaultScripts.yaml(DefaultScripts.ANDROID_MISSING_CERTIFICATE);

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;

    @Test
    void lintingADraftGivesItsProblemsAndADiagramWithTheUnreachableStateMarked() throws Exception {
        String draft = SHIPPED + "  orphan:\n    say: { fr: \"Seul.\", en: \"Alone.\" }\n    end: resolved\n";

        JsonNode answer = lint(draft);

        assertThat(answer.get("problems").get(0).get("message").asString())
                .isEqualTo("state 'orphan' is unreachable from start 'greet'");
        assertThat(answer.get("mermaid").asString()).startsWith("flowchart TD\n").contains("class ")
                .containsPattern("class s\\d+ unreachable");
        assertThat(answer.get("graph").get("states").findValuesAsString("id")).contains("greet", "orphan");
    }

    @Test
    void theShippedScriptLintsCleanUnderItsOwnIdOnly() throws Exception {
        assertThat(lint(SHIPPED).get("problems")).isEmpty();
        String other = json.readTree(mvc.perform(post("/api/admin/lint").param("id", "other-script")
                .header("Authorization", AdminScriptsApiTests.admin()).contentType("application/yaml")
                .content(SHIPPED.getBytes(StandardCharsets.UTF_8))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8)).get("problems").get(0).get("message").asString();
        assertThat(other).contains("published as 'other-script'");
    }

    @Test
    void thePreviewRunsTheDraftAndLetsTheAdminPickAnActionsOutcome() throws Exception {
        String draft = SHIPPED.replace("Quelle version d’Android a votre téléphone ?", "Votre version d’Android ?");

        JsonNode start = preview(draft, null, "start", null, null);
        assertThat(texts(start)).contains("Votre version d’Android ?");

        JsonNode analyzing = preview(draft, start.get("state").asString(), "choice", "android_11_plus", null);
        assertThat(analyzing.get("pendingAction").get("name").asString()).isEqualTo("cert.analyze");
        assertThat(analyzing.get("pendingAction").get("outcomes").findValuesAsString("name"))
                .containsExactly("one_missing", "several_missing", "inconclusive", "server_problem");

        JsonNode found = preview(draft, analyzing.get("state").asString(), "outcome", "one_missing", null);
        assertThat(String.join("\n", texts(found))).contains("Contoso Issuing CA 1");
    }

    @Test
    void thePreviewCanRunTheRealAnalyzer() throws Exception {
        LoopbackPki.get().oneMissing();
        JsonNode start = preview(SHIPPED, null, "start", null, null);
        JsonNode analyzing = preview(SHIPPED, start.get("state").asString(), "choice", "android_11_plus", null);
        JsonNode arguments = analyzing.get("pendingAction").get("arguments");
        assertThat(arguments.get("android_version").asString()).isEqualTo("11_plus");

        JsonNode found = preview(SHIPPED, analyzing.get("state").asString(), "run", null,
                Map.of("android_version", arguments.get("android_version").asString()));

        assertThat(String.join("\n", texts(found))).contains("J’ai trouvé !", "Contoso Issuing CA 1");
    }

    @Test
    void aDraftThatDoesNotLintCannotBePreviewed() throws Exception {
        mvc.perform(post("/api/admin/preview").header("Authorization", AdminScriptsApiTests.admin())
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(Map.of("yaml", "id: x\n", "type", "start"))))
                .andExpect(status().isUnprocessableContent());
    }

    private JsonNode lint(String yaml) throws Exception {
        return json.readTree(mvc.perform(post("/api/admin/lint").param("id", DefaultScripts.ANDROID_MISSING_CERTIFICATE)
                .header("Authorization", AdminScriptsApiTests.admin()).contentType("application/yaml")
                .content(yaml.getBytes(StandardCharsets.UTF_8))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
    }

    private JsonNode preview(String yaml, String state, String type, String value, Map<String, String> arguments)
            throws Exception {
        Map<String, Object> request = new java.util.HashMap<>(Map.of("yaml", yaml, "locale", "fr", "type", type));
        if (arguments != null) {
            request.put("arguments", arguments);
        }
        if (state != null) {
            request.put("state", state);
        }
        if (value != null) {
            request.put("value", value);
        }
        return json.readTree(mvc.perform(post("/api/admin/preview").header("Authorization", AdminScriptsApiTests.admin())
                .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(request)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
    }

    private static List<String> texts(JsonNode turn) {
        List<String> texts = new ArrayList<>();
        turn.get("messages").forEach(m -> {
            if (m.has("text")) {
                texts.add(m.get("text").asString());
            }
        });
        return texts;
    }
}
