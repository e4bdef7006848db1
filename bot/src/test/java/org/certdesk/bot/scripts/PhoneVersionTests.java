package org.certdesk.bot.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.certdesk.dialogs.engine.ConversationState;
import org.junit.jupiter.api.Test;

class PhoneVersionTests {

    @Test
    void thePhonesOwnVersionReplacesTheAnswer() {
        ConversationState answered = state("show_missing", Map.of("android_version", "unknown", "x", "y"));

        ConversationState applied = PhoneVersion.applied(answered, 33);

        assertThat(applied.variables()).containsEntry("android_version", "11_plus").containsEntry("x", "y");
        assertThat(applied.stateId()).isEqualTo("show_missing");
        assertThat(PhoneVersion.applied(answered, 29).variables()).containsEntry("android_version", "7_to_10");
    }

    @Test
    void nothingChangesWithoutAnAnswerOrAVersion() {
        ConversationState unanswered = state("ask_version", Map.of());
        ConversationState answered = state("show_missing", Map.of("android_version", "11_plus"));

        assertThat(PhoneVersion.applied(unanswered, 33)).isSameAs(unanswered);
        assertThat(PhoneVersion.applied(answered, null)).isSameAs(answered);
        assertThat(PhoneVersion.applied(answered, 34)).isSameAs(answered);
        assertThat(PhoneVersion.applied(answered, 23)).as("older than the script knows").isSameAs(answered);
    }

    private static ConversationState state(String stateId, Map<String, String> variables) {
        return new ConversationState("android-missing-certificate", 1, stateId, "fr",
                ConversationState.Status.ACTIVE, 0, false, null, null, 0, variables);
    }
}
