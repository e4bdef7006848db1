package org.certdesk.dialogs.lint;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.certdesk.dialogs.script.Choice;
import org.certdesk.dialogs.script.Globals;
import org.certdesk.dialogs.script.Intent;
import org.certdesk.dialogs.script.Phrases;
import org.certdesk.dialogs.script.Script;
import org.certdesk.dialogs.script.State;
import org.certdesk.dialogs.text.Words;

/**
 * Warns when a state's phrase is also a global intent's phrase (help, restart, a person, a
 * language), compared as the engine compares them (word forms, accents, order). It works, the
 * state winning, but an admin who adds "technicien" to a choice has probably not noticed that the
 * employee can no longer ask for a technician in that state. A warning, not a problem: a state may
 * mean to take a global word for itself.
 */
final class SharedPhraseCheck implements Linter.Check {

    @Override
    public void run(Script script, Problems problems) {
        Globals global = script.global();
        if (global == null || script.locales().isEmpty()) {
            return;
        }
        for (String locale : script.locales()) {
            Map<String, String> globalPhrases = new HashMap<>();
            add(globalPhrases, global.help() == null ? null : global.help().phrases(), locale, "global.help");
            add(globalPhrases, global.restart() == null ? null : global.restart().phrases(), locale, "global.restart");
            add(globalPhrases, global.human() == null ? null : global.human().phrases(), locale, "global.human");
            if (global.language() != null) {
                for (String target : script.locales()) {
                    add(globalPhrases, global.language().phrases(), target, locale, "global.language");
                }
            }
            for (State state : script.states().values()) {
                for (Choice choice : state.choices()) {
                    check(choice.phrases(), locale, globalPhrases, problems,
                            "state '" + state.id() + "': choice '" + choice.id() + "'");
                }
                for (Intent intent : state.intents()) {
                    check(intent.phrases(), locale, globalPhrases, problems,
                            "state '" + state.id() + "': intent '" + intent.id() + "'");
                }
            }
        }
    }

    private static void add(Map<String, String> into, Phrases phrases, String locale, String what) {
        add(into, phrases, locale, locale, what);
    }

    /** Phrases written under {@code key}, compared as the engine does in {@code locale}. */
    private static void add(Map<String, String> into, Phrases phrases, String key, String locale, String what) {
        if (phrases != null) {
            for (String phrase : phrases.in(key)) {
                String words = key(phrase, locale);
                if (!words.isEmpty()) {
                    into.putIfAbsent(words, what);
                }
            }
        }
    }

    private static void check(Phrases phrases, String locale, Map<String, String> globalPhrases, Problems problems,
            String what) {
        if (phrases == null) {
            return;
        }
        for (String phrase : phrases.in(locale)) {
            String owner = globalPhrases.get(key(phrase, locale));
            if (owner != null) {
                problems.warn(phrases.at(), what + ": phrase '" + phrase + "' (" + locale + ") is also a phrase of "
                        + owner + "; in this state it means the state's answer, not the global one");
            }
        }
    }

    private static String key(String phrase, String locale) {
        String[] words = Words.of(phrase, locale);
        Arrays.sort(words);
        return String.join(" ", List.of(words));
    }
}
