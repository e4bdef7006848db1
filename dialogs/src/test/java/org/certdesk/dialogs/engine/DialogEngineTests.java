package org.certdesk.dialogs.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.certdesk.dialogs.action.Catalogue;
import org.certdesk.dialogs.engine.ConversationState.Status;
import org.certdesk.dialogs.load.ScriptLoader;
import org.certdesk.dialogs.script.Script;
import org.certdesk.dialogs.script.Transition;
import org.junit.jupiter.api.Test;

/** Engine behaviours the default script's transcripts do not reach, on a tiny script. */
class DialogEngineTests {

    private static final Script TINY = ScriptLoader.standard().loadResource("engine/tiny.yaml").orElseThrow();
    private final DialogEngine engine = new DialogEngine(TINY, Catalogue.standard());

    @Test
    void startsInThePreferredLanguageOrTheDefault() {
        assertThat(engine.start("fr-CA").state().locale()).isEqualTo("fr");
        assertThat(engine.start("de-DE").state().locale()).isEqualTo("en");
        assertThat(engine.start(null).messages()).as("the question and its buttons are one message")
                .containsExactly(new Message.Choices("Colour?", List.of(new Message.Option("red", "Red"))));
    }

    @Test
    void intentsMatchWithoutAButtonAndSetVariables() {
        TurnResult result = engine.step(engine.start("en").state(), new UserInput.Text("Navy, I think"));
        assertThat(result.state().stateId()).isEqualTo("name");
        assertThat(result.state().variables()).containsEntry("colour", "blue");
        assertThat(result.taken()).containsExactly(new Transition("ask", Transition.Kind.INTENT, "blue", "name"));
    }

    @Test
    void fallbackTakesUnmatchedTextInsteadOfAMiss() {
        TurnResult result = engine.step(engine.start("en").state(), new UserInput.Text("green"));
        assertThat(result.taken()).containsExactly(new Transition("ask", Transition.Kind.FALLBACK, "", "other"),
                new Transition("other", Transition.Kind.NEXT, "", "ask"));
        assertThat(result.messages()).startsWith(new Message.Text("Only red or blue."),
                new Message.Choices("Colour?", List.of(new Message.Option("red", "Red"))));
        assertThat(result.state().misses()).isZero();
    }

    @Test
    void otherLanguagesPhrasesAreUnderstoodToo() {
        TurnResult result = engine.step(engine.start("en").state(), new UserInput.Text("ROUGE"));
        assertThat(result.state().stateId()).isEqualTo("name");
        assertThat(result.state().locale()).isEqualTo("en");
    }

    @Test
    void captureTakesTheWholeTextCutToMaxLengthButChoicesStillWork() {
        ConversationState atName = engine.step(engine.start("en").state(), new UserInput.Choice("red")).state();
        TurnResult captured = engine.step(atName, new UserInput.Text("  help me root certificate  "));
        assertThat(captured.state().variables()).containsEntry("cert", "help me ro");
        assertThat(captured.actions()).containsExactly(new ActionRequest("1", "cert.lookup-by-name", Map.of("name", "help me ro")));
        assertThat(engine.step(atName, new UserInput.Text("skip it")).state().stateId()).isEqualTo("done");
        assertThat(engine.step(atName, new UserInput.Text("help")).messages()).startsWith(new Message.Text("Help."));
    }

    @Test
    void actionResultsAreCheckedAgainstTheCatalogue() {
        ConversationState waiting = waitingForLookup();
        assertThat(waiting.status()).isEqualTo(Status.WAITING_FOR_ACTION);
        assertThatThrownBy(() -> engine.step(waiting, new UserInput.ActionResult("1", "cert.lookup-by-name", "maybe", Map.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no outcome 'maybe' (it has: found, not_found)");
        assertThatThrownBy(() -> engine.step(waiting, new UserInput.ActionResult("1", "cert.lookup-by-name", "found", Map.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must set variable 'missing_name'");
        assertThatThrownBy(() -> engine.step(waiting, new UserInput.ActionResult("1", "cert.analyze", "inconclusive", Map.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was for action 'cert.lookup-by-name'");
        TurnResult found = engine.step(waiting, new UserInput.ActionResult("1", "cert.lookup-by-name", "found",
                Map.of("missing_name", "A", "missing_sha256", "B", "missing_download_url", "C", "missing_file_name", "D",
                        "extra", "ignored")));
        assertThat(found.state().status()).isEqualTo(Status.RESOLVED);
        assertThat(found.state().variables()).containsEntry("missing_name", "A").doesNotContainKey("extra");
        assertThat(found.messages()).containsExactly(new Message.Text("Done, red."));
    }

    @Test
    void staleResultsAndButtonsChangeNothing() {
        ConversationState waiting = waitingForLookup();
        TurnResult stale = engine.step(waiting, new UserInput.ActionResult("0", "cert.lookup-by-name", "not_found", Map.of()));
        assertThat(stale.state()).isEqualTo(waiting);
        assertThat(stale.messages()).isEmpty();
        TurnResult oldButton = engine.step(waiting, new UserInput.Choice("red"));
        assertThat(oldButton.messages()).containsExactly(new Message.Text("One moment."));
        ConversationState asking = engine.start("en").state();
        TurnResult unknownButton = engine.step(asking, new UserInput.Choice("skip"));
        assertThat(unknownButton.state().misses()).isZero();
        assertThat(unknownButton.messages()).first()
                .isEqualTo(new Message.Choices("Colour?", List.of(new Message.Option("red", "Red"))));
    }

    @Test
    void escalationCarriesTheReasonAndVariables() {
        TurnResult result = engine.step(waitingForLookup(), new UserInput.ActionResult("1", "cert.lookup-by-name", "not_found", Map.of()));
        assertThat(result.handoff()).contains(new Handoff("user_asked", Map.of("colour", "red", "cert", "x")));
        assertThat(result.state().ended()).isTrue();
    }

    @Test
    void resumeEntersTheStateAnAgentPicks() {
        ConversationState escalated = engine.step(engine.start("fr").state(), new UserInput.Text("humain")).state();
        assertThat(escalated.status()).isEqualTo(Status.ESCALATED);
        TurnResult resumed = engine.step(escalated, new UserInput.Resume("name"));
        assertThat(resumed.state().stateId()).isEqualTo("name");
        assertThat(resumed.state().status()).isEqualTo(Status.ACTIVE);
        assertThat(resumed.messages()).first()
                .isEqualTo(new Message.Choices("Nom du certificat ?", List.of(new Message.Option("skip", "Passer"))));
        assertThatThrownBy(() -> engine.step(escalated, new UserInput.Resume("nowhere")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no such state");
    }

    @Test
    void languageSwitchWhileWaitingSaysItIsStillBusy() {
        TurnResult result = engine.step(waitingForLookup(), new UserInput.SwitchLocale("fr"));
        assertThat(result.messages()).containsExactly(new Message.Text("Français."), new Message.Text("Un instant."));
        assertThat(result.state().status()).isEqualTo(Status.WAITING_FOR_ACTION);
    }

    @Test
    void refusesAStateOfAnotherScriptOrVersion() {
        ConversationState other = new ConversationState("tiny", 2, "ask", "en", Status.ACTIVE, 0, false, null, null, 0, Map.of());
        assertThatThrownBy(() -> engine.step(other, new UserInput.Text("red")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("conversation runs tiny v2, this engine runs tiny v3");
    }

    @Test
    void sameStateAndInputGiveTheSameResult() {
        ConversationState state = engine.start("en").state();
        assertThat(engine.step(state, new UserInput.Text("blue"))).isEqualTo(engine.step(state, new UserInput.Text("blue")));
    }

    private ConversationState waitingForLookup() {
        ConversationState atName = engine.step(engine.start("en").state(), new UserInput.Choice("red")).state();
        return engine.step(atName, new UserInput.Text("x")).state();
    }
}
