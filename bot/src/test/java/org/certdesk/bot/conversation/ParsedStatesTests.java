package org.certdesk.bot.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;

import org.certdesk.dialogs.engine.ConversationState;
import org.junit.jupiter.api.Test;

/** The cache of parsed states answers exactly what parsing the text answers. */
class ParsedStatesTests {
    private static final ConversationState ASKING = new ConversationState("android-missing-certificate", 3,
            "ask_version", "fr", ConversationState.Status.ACTIVE, 0, false, null, null, 0,
            Map.of("android", "13", "host", "portal.manage.microsoft.com"));

    @Test
    void whatOneInstanceWroteAnotherReadsTheSame() {
        String stored = new ParsedStates().write(ASKING);

        assertThat(new ParsedStates().read(stored)).isEqualTo(ASKING);
        assertThat(stored).isEqualTo(ASKING.toJson());
    }

    @Test
    void aDamagedTextFailsEveryTimeAsParsingDoes() {
        ParsedStates states = new ParsedStates();
        String damaged = ASKING.toJson().replace("\"stateId\"", "\"state\"");

        assertThatIllegalArgumentException().isThrownBy(() -> states.read(damaged));
        assertThatIllegalArgumentException().as("not remembered as anything").isThrownBy(() -> states.read(damaged));
        assertThat(states.read(ASKING.toJson())).isEqualTo(ASKING);
    }
}
