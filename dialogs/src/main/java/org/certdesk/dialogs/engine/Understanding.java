package org.certdesk.dialogs.engine;

import java.util.HashMap;
import java.util.Map;
import org.certdesk.dialogs.script.Globals;
import org.certdesk.dialogs.script.Script;
import org.certdesk.dialogs.script.State;
import org.certdesk.dialogs.script.Transition;

/**
 * What free text means in a given turn. Candidates come in groups, tried in order: the answers to
 * the human offer (only while it stands), the current state's choices and intents, then the
 * global intents; a later group wins only with a strictly better match, so a state can reuse a
 * global word for its own purpose. The conversation's language is tried first, then the script's
 * other languages (a French speaker typing "downloaded" in an English chat is still understood).
 */
final class Understanding {

    private static final Transition.Kind[] GLOBAL_KINDS =
            {Transition.Kind.HELP, Transition.Kind.RESTART, Transition.Kind.HUMAN};

    private final Script script;
    private final Map<String, CompiledState> states;
    private final Map<String, PhraseMatcher<Meaning>> globals = new HashMap<>();
    private final Map<String, PhraseMatcher<Meaning>> offer = new HashMap<>();

    Understanding(Script script, Map<String, CompiledState> states) {
        this.script = script;
        this.states = states;
        Globals global = script.global();
        for (String locale : script.locales()) {
            PhraseMatcher<Meaning> matcher = new PhraseMatcher<>();
            Globals.GlobalIntent[] intents = {global.help(), global.restart(), global.human()};
            for (int i = 0; i < intents.length; i++) {
                Meaning meaning = new Meaning.Global(GLOBAL_KINDS[i], null);
                intents[i].phrases().in(locale).forEach(p -> matcher.add(p, meaning));
            }
            for (String target : script.locales()) {
                Meaning meaning = new Meaning.Global(Transition.Kind.LANGUAGE, target);
                // Phrases to switch language are keyed by target and may be in any language.
                global.language().phrases().in(target).forEach(p -> matcher.add(p, meaning));
            }
            globals.put(locale, matcher);
            PhraseMatcher<Meaning> answers = new PhraseMatcher<>();
            option(answers, global.offerHuman().accept(), Transition.Kind.OFFER_ACCEPT, locale);
            option(answers, global.offerHuman().decline(), Transition.Kind.OFFER_DECLINE, locale);
            offer.put(locale, answers);
        }
    }

    private static void option(PhraseMatcher<Meaning> matcher, Globals.OfferOption option, Transition.Kind kind,
            String locale) {
        Meaning meaning = new Meaning.Global(kind, null);
        matcher.add(option.label().in(locale), meaning);
        option.phrases().in(locale).forEach(p -> matcher.add(p, meaning));
    }

    /**
     * Returns the meaning of {@code words} in the turn's situation, or {@code null}. Where the state
     * captures free text, a phrase must be the whole input, so that a certificate named
     * "Help Desk Root CA" is captured rather than taken for a call for help.
     */
    Meaning of(String[] words, Turn turn, State state) {
        if (words.length == 0) {
            return null;
        }
        boolean whole = state.capture() != null && turn.status == ConversationState.Status.ACTIVE;
        Meaning meaning = in(turn.locale, words, whole, turn);
        for (int i = 0; meaning == null && i < script.locales().size(); i++) {
            String other = script.locales().get(i);
            if (!other.equals(turn.locale)) {
                meaning = in(other, words, whole, turn);
            }
        }
        return meaning;
    }

    private Meaning in(String locale, String[] words, boolean whole, Turn turn) {
        PhraseMatcher.Match<Meaning> best = null;
        if (turn.offeringHuman) {
            best = offer.get(locale).best(words, whole);
        }
        if (turn.status == ConversationState.Status.ACTIVE) {
            best = better(best, states.get(turn.stateId).matcher(locale).best(words, whole));
        }
        best = better(best, globals.get(locale).best(words, whole));
        return best == null ? null : best.meaning();
    }

    private static PhraseMatcher.Match<Meaning> better(PhraseMatcher.Match<Meaning> first,
            PhraseMatcher.Match<Meaning> second) {
        return second != null && (first == null || second.score() > first.score()) ? second : first;
    }
}
