package org.certdesk.bot.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;

import org.certdesk.bot.testing.TestAccounts;
import org.certdesk.dialogs.load.DefaultScripts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin API as a script in git or a curl command uses it: publish, the linter's refusal with its
 * messages, rollback, diff, export, and the audit log of who did what from where.
 */
@AdminBotTest
class AdminScriptsApiTests {
    static final String ID = DefaultScripts.ANDROID_MISSING_CERTIFICATE;
    static final String SHIPPED = DefaultScripts.yaml(ID);
    static final String OLD_TEXT = "Quelle version d’Android a votre téléphone ?";
    static final String NEW_TEXT = "Quelle version d’Android votre téléphone a-t-il ?";

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    ScriptAdmin admin;
    @Autowired
    ScriptStore store;

    /** The context is shared with the other tests, which expect the shipped wording: publish it again. */
    @AfterEach
    void publishTheShippedScriptAgain() {
        if (!store.yaml(ID, store.publishedVersion(ID).orElseThrow()).orElseThrow()
                .equals(ScriptText.withVersion(SHIPPED, store.publishedVersion(ID).orElseThrow()))) {
            admin.publish(ID, SHIPPED, new ScriptAdmin.Change("test", null, "back to the shipped text"));
        }
    }

    @Test
    void theShippedScriptIsStoredAndPublishedOnFirstStart() throws Exception {
        JsonNode scripts = body(mvc.perform(get("/api/admin/scripts").header("Authorization", admin())).andExpect(status().isOk()));
        assertThat(scripts.findValuesAsString("id")).contains(ID);

        JsonNode versions = body(mvc.perform(get("/api/admin/scripts/" + ID + "/versions").header("Authorization", admin())));
        JsonNode first = versions.get("versions").get(versions.get("versions").size() - 1);
        assertThat(first.get("version").asInt()).isEqualTo(1);
        assertThat(first.get("author").asString()).isEqualTo("system");
        assertThat(first.get("createdAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z"); // what the page's Date reads
    }

    @Test
    void aScriptThatLintsIsPublishedAsTheNextVersionAndServedAtOnce() throws Exception {
        int before = store.latestVersion(ID);

        JsonNode created = body(publish(SHIPPED.replace(OLD_TEXT, NEW_TEXT), "reworded the version question")
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/admin/scripts/" + ID + "/versions/" + (before + 1))));

        assertThat(created.get("version").asInt()).isEqualTo(before + 1);
        String served = mvc.perform(get("/api/admin/scripts/" + ID).header("Authorization", admin()))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", org.hamcrest.Matchers.startsWith("application/yaml")))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(served).contains(NEW_TEXT).doesNotContain(OLD_TEXT)
                .contains("\nversion: " + (before + 1) + "\n"); // the server numbers the versions
        JsonNode versions = body(mvc.perform(get("/api/admin/scripts/" + ID + "/versions").header("Authorization", admin())));
        assertThat(versions.get("publishedVersion").asInt()).isEqualTo(before + 1);
        assertThat(versions.get("versions").get(0).get("author").asString()).isEqualTo("carol");
        assertThat(versions.get("versions").get(0).get("comment").asString()).isEqualTo("reworded the version question");

        JsonNode audit = body(mvc.perform(get("/api/admin/audit").header("Authorization", admin())));
        assertThat(audit.get(0).get("action").asString()).isEqualTo("publish");
        assertThat(audit.get(0).get("who").asString()).isEqualTo("carol");
        assertThat(audit.get(0).get("address").asString()).isEqualTo("127.0.0.1");
        assertThat(audit.get(0).get("version").asInt()).isEqualTo(before + 1);
        assertThat(audit.get(0).get("detail").asString()).isEqualTo("reworded the version question");
    }

    @Test
    void aScriptThatDoesNotLintIsRefusedWithTheLintersMessagesAndNothingIsStored() throws Exception {
        int before = store.latestVersion(ID);
        int audited = store.audit(1000).size();
        String broken = SHIPPED.replace("    next: ask_version\n", "    next: ask_versoin\n");

        JsonNode refused = body(publish(broken, null).andExpect(status().isUnprocessableContent()));

        JsonNode problem = refused.get("problems").get(0);
        assertThat(problem.get("message").asString())
                .isEqualTo("state 'greet': transition target 'ask_versoin' is not a state (did you mean 'ask_version'?)");
        assertThat(problem.get("line").asInt()).isEqualTo(lineOf(broken, "next: ask_versoin"));
        assertThat(problem.get("column").asInt()).isEqualTo(11);
        assertThat(store.latestVersion(ID)).isEqualTo(before);
        assertThat(store.audit(1000)).hasSize(audited);
    }

    @Test
    void aScriptThatNamesAnotherIdIsRefused() throws Exception {
        JsonNode refused = body(publish(SHIPPED.replace("id: " + ID, "id: other-script"), null)
                .andExpect(status().isUnprocessableContent()));
        assertThat(refused.get("problems").get(0).get("message").asString())
                .contains("the script's id is 'other-script' but it is published as 'android-missing-certificate'");
        assertThat(store.publishedVersion("other-script")).isEmpty();
    }

    @Test
    void rollingBackPublishesAnEarlierVersionAgainAndIsAudited() throws Exception {
        int shipped = store.publishedVersion(ID).orElseThrow();
        int reworded = body(publish(SHIPPED.replace(OLD_TEXT, NEW_TEXT), null).andExpect(status().isCreated()))
                .get("version").asInt();

        mvc.perform(post("/api/admin/scripts/" + ID + "/rollback/" + shipped).header("Authorization", admin()))
                .andExpect(status().isOk());

        String served = mvc.perform(get("/api/admin/scripts/" + ID).header("Authorization", admin()))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(served).contains(OLD_TEXT).doesNotContain(NEW_TEXT);
        JsonNode audit = body(mvc.perform(get("/api/admin/audit").header("Authorization", admin())));
        assertThat(audit.get(0).get("action").asString()).isEqualTo("rollback");
        assertThat(audit.get(0).get("version").asInt()).isEqualTo(shipped);
        assertThat(audit.get(0).get("detail").asString()).isEqualTo("from v" + reworded);
        mvc.perform(post("/api/admin/scripts/" + ID + "/rollback/999").header("Authorization", admin()))
                .andExpect(status().isNotFound());
    }

    @Test
    void twoVersionsAreComparedLineByLineAndAVersionExportsAsAFile() throws Exception {
        int from = store.publishedVersion(ID).orElseThrow();
        int to = body(publish(SHIPPED.replace(OLD_TEXT, NEW_TEXT), null)).get("version").asInt();

        JsonNode diff = body(mvc.perform(get("/api/admin/scripts/" + ID + "/diff").param("from", "" + from)
                .param("to", "" + to).header("Authorization", admin())).andExpect(status().isOk()));
        var changed = new java.util.ArrayList<String>();
        diff.get("lines").forEach(l -> {
            if (!l.get("op").asString().equals("SAME")) {
                changed.add(l.get("op").asString() + " " + l.get("text").asString().strip());
            }
        });
        assertThat(changed).containsExactly("REMOVED version: " + from, "ADDED version: " + to,
                "REMOVED fr: \"" + OLD_TEXT + "\"", "ADDED fr: \"" + NEW_TEXT + "\"");

        mvc.perform(get("/api/admin/scripts/" + ID + "/versions/" + to).header("Authorization", admin()))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.containsString(
                        "attachment; filename=\"" + ID + "-v" + to + ".yaml\"")));
    }

    @Test
    void onlyAdminsMayUseTheApi() throws Exception {
        mvc.perform(get("/api/admin/scripts")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/admin/scripts").header("Authorization", TestAccounts.basic(TestAccounts.AGENT)))
                .andExpect(status().isForbidden());
        mvc.perform(put("/api/admin/scripts/" + ID).header("Authorization", TestAccounts.basic(TestAccounts.AGENT))
                .contentType("application/yaml").content(SHIPPED)).andExpect(status().isForbidden());
        mvc.perform(get("/admin/").header("Authorization", TestAccounts.basic(TestAccounts.AGENT)))
                .andExpect(status().isForbidden());
    }

    @Test
    void aSessionMustSendTheCsrfToken() throws Exception {
        mvc.perform(put("/api/admin/scripts/" + ID).with(user("carol").roles("ADMIN"))
                .contentType("application/yaml").content(SHIPPED)).andExpect(status().isForbidden());
        mvc.perform(put("/api/admin/scripts/" + ID).with(user("carol").roles("ADMIN")).with(csrf())
                .contentType("application/yaml").content(SHIPPED)).andExpect(status().isCreated());
    }

    @Test
    void theAdminPageIsServedToAdminsWithAStrictPolicy() throws Exception {
        mvc.perform(get("/admin/").with(user("carol").roles("ADMIN"))).andExpect(status().isOk())
                .andExpect(header().string("Content-Security-Policy", org.hamcrest.Matchers.containsString("script-src 'self'")));
        mvc.perform(get("/admin")).andExpect(status().is3xxRedirection());
    }

    private ResultActions publish(String yaml, String comment) throws Exception {
        var request = put("/api/admin/scripts/" + ID).header("Authorization", admin()).contentType("application/yaml")
                .content(yaml.getBytes(StandardCharsets.UTF_8));
        if (comment != null) {
            request.param("comment", comment);
        }
        return mvc.perform(request);
    }

    private JsonNode body(ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
    }

    static String admin() {
        return TestAccounts.basic(TestAccounts.ADMIN);
    }

    static int lineOf(String text, String needle) {
        return (int) text.substring(0, text.indexOf(needle)).chars().filter(c -> c == '\n').count() + 1;
    }
}
