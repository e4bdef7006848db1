package org.certdesk.bot.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

import org.certdesk.bot.conversation.TurnSubmitter;
import org.certdesk.bot.testing.TestChat;
import org.certdesk.dialogs.engine.UserInput;
import org.certdesk.dialogs.load.DefaultScripts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the server lets run: a version must say the number it is stored under, a rollback must still
 * lint, a script id must be one that is stored, and a published version that no longer loads (a
 * database written by an older bot) does not stop new conversations.
 */
@AdminBotTest
class ScriptVersionChecksTests {
    static final String ID = DefaultScripts.ANDROID_MISSING_CERTIFICATE;
    static final String SHIPPED = DefaultScripts.yaml(ID);
    /** What an older, laxer linter might have let through: a transition to a state that does not exist. */
    static final String NO_LONGER_LINTS = SHIPPED.replace("    next: ask_version\n", "    next: ask_versoin\n");

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    ScriptAdmin admin;
    @Autowired
    ScriptStore store;
    @Autowired
    PublishedScripts published;
    @Autowired
    TurnSubmitter submitter;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    Clock clock;

    @AfterEach
    void publishTheShippedScriptAgain() {
        admin.publish(ID, SHIPPED, new ScriptAdmin.Change("test", null, "back to the shipped text"));
    }

    @Test
    void aVersionWrittenSoTheServerCannotNumberItIsRefused() throws Exception {
        int latest = store.latestVersion(ID);
        String jsonStyle = SHIPPED.replace("\nversion: 1\n", "\n\"version\": 1\n");
        assertThat(jsonStyle).isNotEqualTo(SHIPPED);

        JsonNode refused = body(publish(ID, jsonStyle).andExpect(status().isUnprocessableContent()));

        JsonNode problem = refused.get("problems").get(0);
        assertThat(problem.get("line").asInt()).isEqualTo(AdminScriptsApiTests.lineOf(jsonStyle, "\"version\""));
        assertThat(problem.get("message").asString()).contains("will be version " + (latest + 1))
                .contains("the script says 1");
        assertThat(store.latestVersion(ID)).isEqualTo(latest);
    }

    @Test
    void rollingBackToAVersionThatNoLongerLintsIsRefusedAndChangesNothing() throws Exception {
        int publishedBefore = store.publishedVersion(ID).orElseThrow();
        int old = storeBehindTheLintersBack(NO_LONGER_LINTS);
        int audited = store.audit(1000).size();

        JsonNode refused = body(mvc.perform(post("/api/admin/scripts/" + ID + "/rollback/" + old)
                .header("Authorization", AdminScriptsApiTests.admin())).andExpect(status().isUnprocessableContent()));

        assertThat(refused.get("problems").get(0).get("message").asString())
                .contains("transition target 'ask_versoin' is not a state");
        assertThat(store.publishedVersion(ID)).contains(publishedBefore);
        assertThat(store.audit(1000)).hasSize(audited);
    }

    @Test
    void aPublishedVersionThatNoLongerLoadsGivesWayToTheNewestThatDoes() {
        int good = store.publishedVersion(ID).orElseThrow();
        int bad = storeBehindTheLintersBack(NO_LONGER_LINTS);
        store.publish(ID, bad, clock.instant());
        published.published(ID);

        TestChat chat = new TestChat(submitter);
        chat.send(new UserInput.Start("fr"));
        assertThat(chat.untilChoices()).isNotEmpty(); // the employee is greeted and asked, as before
        assertThat(jdbc.sql("SELECT s.script_version FROM conversations c JOIN conversation_states s ON s.conversation_ref = c.id"
                        + " WHERE c.conversation_id = :id")
                .param("id", chat.conversationId()).query(Integer.class).single()).isEqualTo(good);

        // A bot starting on this database starts too, and also falls back.
        PublishedScripts restarted = new PublishedScripts(store, transaction, clock);
        assertThat(restarted.forNewConversation(ID)).isNotNull();
    }

    @Test
    void publishingUnderAnIdThatIsNotStoredIsNotFoundAndCreatesNothing() throws Exception {
        JsonNode missing = body(publish("new-script", SHIPPED.replace("id: " + ID, "id: new-script"))
                .andExpect(status().isNotFound()));

        assertThat(missing.get("detail").asString()).contains("new-script").contains(ID);
        assertThat(missing.get("knownScripts").get(0).asString()).isEqualTo(ID);
        assertThat(store.publishedVersion("new-script")).isEmpty();
        assertThat(store.versions("new-script")).isEmpty();
    }

    /** A version stored without today's checks, as an older bot could have: returns its number. */
    private int storeBehindTheLintersBack(String yaml) {
        int version = store.latestVersion(ID) + 1;
        store.addVersion(ID, version, ScriptText.withVersion(yaml, version), "older-bot", null, clock.instant());
        return version;
    }

    private ResultActions publish(String id, String yaml) throws Exception {
        return mvc.perform(put("/api/admin/scripts/" + id).header("Authorization", AdminScriptsApiTests.admin())
                .contentType("application/yaml").content(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    private JsonNode body(ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
    }
}
