package org.certdesk.dialogs.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.certdesk.dialogs.action.Catalogue;
import org.certdesk.dialogs.load.DefaultScripts;
import org.certdesk.dialogs.load.ScriptLoader;
import org.certdesk.dialogs.script.Transition;
import org.junit.jupiter.api.Test;

/** The first message of a conversation and answers given in passing, on the default script. */
class FirstContactTests {

    private final DialogEngine engine = new DialogEngine(
            DefaultScripts.load(DefaultScripts.ANDROID_MISSING_CERTIFICATE, ScriptLoader.standard()).orElseThrow(),
            Catalogue.standard());

    @Test
    void aFirstMessageNothingMatchesIsNotAMissTheWelcomeAndItsQuestionStand() {
        TurnResult result = engine.start("fr-FR", "xqzt ?");
        assertThat(result).isEqualTo(engine.start("fr-FR"));
        assertThat(TurnResultText.of(result)).contains("Quelle version d’Android").doesNotContain("Je n’ai pas compris");
        assertThat(result.state().misses()).isZero();
    }

    @Test
    void aFirstMessageSaysTheWelcomeAndTheAcknowledgementThenAsksOnce() {
        TurnResult result = engine.start("en", "Company Portal says a certificate is missing");
        String said = TurnResultText.of(result);
        assertThat(said).contains("Hello!", "That’s what I can fix", "Which Android version");
        assertThat(said.indexOf("Which Android version")).isEqualTo(said.lastIndexOf("Which Android version"));
        assertThat(result.state().stateId()).isEqualTo("ask_version");
    }

    @Test
    void aVersionFilledInPassingAnswersTheQuestionWithoutAskingIt() {
        ConversationState asking = engine.start("en").state();
        TurnResult result = engine.step(asking, new UserInput.Text("android13"));
        assertThat(result.taken()).contains(new Transition("ask_version", Transition.Kind.CHOICE, "android_11_plus", "analyze"));
        assertThat(result.actions()).singleElement().satisfies(a -> assertThat(a.arguments()).containsEntry("android_version", "11_plus"));
        assertThat(TurnResultText.of(result)).doesNotContain("Which Android version");
    }

    /** Everything a turn said, one line per text, question and button. */
    private static final class TurnResultText {
        static String of(TurnResult result) {
            StringBuilder out = new StringBuilder();
            for (Message message : result.messages()) {
                if (message instanceof Message.Text text) {
                    out.append(text.text()).append('\n');
                } else if (message instanceof Message.Choices choices) {
                    out.append(choices.text()).append('\n');
                    choices.options().forEach(o -> out.append('[').append(o.label()).append("]\n"));
                }
            }
            return out.toString();
        }
    }
}
