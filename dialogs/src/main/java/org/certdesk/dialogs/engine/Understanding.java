package org.certdesk.dialogs.engine;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.certdesk.dialogs.script.Globals;
import org.certdesk.dialogs.script.Script;
import org.certdesk.dialogs.script.State;
import org.certdesk.dialogs.script.Transition;
import org.certdesk.dialogs.text.Words;

/**
 * What free text means in a given turn. Candidates come in groups, tried in order: the answers to
 * the human offer (only while it stands), the current state's choices and intents, the global
 * intents, the topic, then small talk. Within a group and across groups, meanings compete on the
 * strength of the whole match ({@link PhraseMatcher}); a later group wins only with a strictly
 * stronger match, so a state can reuse a global word for its own purpose, and a description that
 * mentions "support" in passing is the topic, not a call for a person. The topic's words also
 * count for a state's answer that matches (answers restate the problem: "still says a certificate
 * is missing" answers "can you sign in now?"), but not for the global intents. The conversation's
 * language is tried first, then the script's other languages (a French speaker typing
 * "downloaded" in an English chat is still understood).
 *
 * <p>Separately, {@link #fills} reads the variables free text fills in passing (the Android
 * version in "Pixel on Android 14"), whatever the text otherwise means.
 */
final class Understanding {

    private static final Transition.Kind[] GLOBAL_KINDS =
            {Transition.Kind.HELP, Transition.Kind.RESTART, Transition.Kind.HUMAN};

    private final Script script;
    private final Map<String, CompiledState> states;
    private final Map<String, PhraseMatcher<Meaning>> globals = new HashMap<>();
    private final Map<String, PhraseMatcher<Meaning>> topics = new HashMap<>();
    private final Map<String, PhraseMatcher<Meaning>> chatter = new HashMap<>();
    private final Map<String, PhraseMatcher<Meaning>> offer = new HashMap<>();
    private final Map<String, Map<String, PhraseMatcher<String>>> fills = new HashMap<>();

    Understanding(Script script, Map<String, CompiledState> states) {
        this.script = script;
        this.states = states;
        Globals global = script.global();
        for (String locale : script.locales()) {
            PhraseMatcher<Meaning> matcher = new PhraseMatcher<>(locale);
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
            PhraseMatcher<Meaning> topic = new PhraseMatcher<>(locale);
            if (global.topic() != null) {
                Meaning about = new Meaning.Topic();
                global.topic().phrases().in(locale).forEach(p -> topic.add(p, about));
            }
            topics.put(locale, topic);
            PhraseMatcher<Meaning> talk = new PhraseMatcher<>(locale);
            for (Globals.SmallTalk smallTalk : global.smallTalk()) {
                Meaning meaning = new Meaning.SmallTalk(smallTalk);
                smallTalk.phrases().in(locale).forEach(p -> talk.add(p, meaning));
            }
            chatter.put(locale, talk);
            PhraseMatcher<Meaning> answers = new PhraseMatcher<>(locale);
            option(answers, global.offerHuman().accept(), Transition.Kind.OFFER_ACCEPT, locale);
            option(answers, global.offerHuman().decline(), Transition.Kind.OFFER_DECLINE, locale);
            offer.put(locale, answers);
            Map<String, PhraseMatcher<String>> byVariable = new LinkedHashMap<>();
            for (Globals.Fill fill : global.fills()) {
                PhraseMatcher<String> values = new PhraseMatcher<>(locale);
                fill.values().forEach((value, phrases) -> phrases.in(locale).forEach(p -> values.add(p, value)));
                byVariable.put(fill.variable(), values);
            }
            fills.put(locale, byVariable);
        }
    }

    private static void option(PhraseMatcher<Meaning> matcher, Globals.OfferOption option, Transition.Kind kind,
            String locale) {
        Meaning meaning = new Meaning.Global(kind, null);
        matcher.add(option.label().in(locale), meaning);
        option.phrases().in(locale).forEach(p -> matcher.add(p, meaning));
    }

    /**
     * Returns the meaning of {@code text} in the turn's situation, or {@code null}. Where the state
     * captures free text, a phrase must be the whole input, so that a certificate named
     * "Help Desk Root CA" is captured rather than taken for a call for help; topic and small talk
     * are not looked for there.
     */
    Meaning of(Heard text, Turn turn, State state) {
        boolean whole = state.capture() != null && turn.status == ConversationState.Status.ACTIVE;
        Meaning meaning = in(turn.locale, text.words(turn.locale), whole, turn);
        for (int i = 0; meaning == null && i < script.locales().size(); i++) {
            String other = script.locales().get(i);
            if (!other.equals(turn.locale)) {
                meaning = in(other, text.words(other), whole, turn);
            }
        }
        return meaning;
    }

    /** A text and its words per language, cut once per step however many matchers read them. */
    static final class Heard {
        private final String text;
        private final Map<String, String[]> words = new HashMap<>(4);

        Heard(String text) {
            this.text = text;
        }

        String[] words(String locale) {
            return words.computeIfAbsent(locale, l -> Words.of(text, l));
        }
    }

    private Meaning in(String locale, String[] words, boolean whole, Turn turn) {
        if (words.length == 0) {
            return null;
        }
        // The topic's words also count for the state's best answer (chosen on its own words): "Company
        // Portal still says a certificate is missing" answers "can you sign in now?".
        int[] about = whole ? null : topics.get(locale).coverage(words);
        PhraseMatcher.Match<Meaning> best = null;
        if (turn.offeringHuman) {
            best = offer.get(locale).best(words, whole);
        }
        if (turn.status == ConversationState.Status.ACTIVE) {
            PhraseMatcher.Match<Meaning> answer = states.get(turn.stateId).matcher(locale).best(words, whole);
            best = better(best, answer != null && about != null ? answer.with(about) : answer);
        }
        best = better(best, globals.get(locale).best(words, whole));
        if (about != null) {
            best = better(best, new PhraseMatcher.Match<>(new Meaning.Topic(), PhraseMatcher.score(about), about));
        }
        if (!whole) {
            best = better(best, chatter.get(locale).best(words, false));
        }
        return best == null ? null : best.meaning();
    }

    private static <T> PhraseMatcher.Match<T> better(PhraseMatcher.Match<T> first, PhraseMatcher.Match<T> second) {
        return second != null && (first == null || second.score() > first.score()) ? second : first;
    }

    /**
     * The variables {@code text} fills in passing, in the script's order of {@code global.fill};
     * a variable whose values tie is left out. The conversation's language first, then the others.
     */
    Map<String, String> fills(Heard text, String locale) {
        if (script.global().fills().isEmpty()) {
            return Map.of();
        }
        Map<String, String> found = new LinkedHashMap<>();
        List<String> order = new java.util.ArrayList<>(script.locales().size());
        order.add(locale);
        script.locales().stream().filter(l -> !l.equals(locale)).forEach(order::add);
        for (String language : order) {
            String[] words = text.words(language);
            for (Map.Entry<String, PhraseMatcher<String>> fill : fills.get(language).entrySet()) {
                if (!found.containsKey(fill.getKey())) {
                    PhraseMatcher.Match<String> match = fill.getValue().best(words, false);
                    if (match != null) {
                        found.put(fill.getKey(), match.meaning());
                    }
                }
            }
        }
        return found;
    }
}
