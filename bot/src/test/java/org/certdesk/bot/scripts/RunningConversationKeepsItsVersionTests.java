package org.certdesk.bot.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import org.certdesk.bot.conversation.TurnSubmitter;
import org.certdesk.bot.testing.TestChat;
import org.certdesk.dialogs.engine.UserInput;
import org.certdesk.dialogs.load.DefaultScripts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A publish changes what new conversations say, never the conversations already under way. */
@AdminBotTest
class RunningConversationKeepsItsVersionTests {
    static final String ID = DefaultScripts.ANDROID_MISSING_CERTIFICATE;
    static final String OLD_HELP = "Pour la trouver, ouvrez « Paramètres »";
    static final String NEW_HELP = "Pour trouver la version, ouvrez « Paramètres »";

    @Autowired
    TurnSubmitter submitter;
    @Autowired
    ScriptAdmin admin;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void publishTheShippedScriptAgain() {
        admin.publish(ID, DefaultScripts.yaml(ID), new ScriptAdmin.Change("test", null, "back to the shipped text"));
    }

    @Test
    void aConversationStartedBeforeAPublishFinishesOnItsOwnVersion() {
        TestChat before = new TestChat(submitter);
        before.send(new UserInput.Start("fr"));
        before.untilChoices();
        int oldVersion = scriptVersion(before);

        int newVersion = admin.publish(ID, DefaultScripts.yaml(ID).replace(OLD_HELP, NEW_HELP),
                new ScriptAdmin.Change("carol", "127.0.0.1", "clearer help"));

        before.send(new UserInput.Choice("version_unknown"));
        assertThat(TestChat.texts(before.untilChoices())).anyMatch(t -> t.startsWith(OLD_HELP))
                .noneMatch(t -> t.contains(NEW_HELP));
        assertThat(scriptVersion(before)).isEqualTo(oldVersion);

        TestChat after = new TestChat(submitter);
        after.send(new UserInput.Start("fr"));
        after.untilChoices();
        after.send(new UserInput.Choice("version_unknown"));
        assertThat(TestChat.texts(after.untilChoices())).anyMatch(t -> t.startsWith(NEW_HELP));
        assertThat(scriptVersion(after)).isEqualTo(newVersion).isGreaterThan(oldVersion);
    }

    private int scriptVersion(TestChat chat) {
        return jdbc.sql("SELECT s.script_version FROM conversations c JOIN conversation_states s ON s.conversation_ref = c.id"
                        + " WHERE c.conversation_id = :id")
                .param("id", chat.conversationId()).query(Integer.class).single();
    }
}
