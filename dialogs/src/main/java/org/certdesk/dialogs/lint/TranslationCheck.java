package org.certdesk.dialogs.lint;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.certdesk.dialogs.script.Choice;
import org.certdesk.dialogs.script.Fact;
import org.certdesk.dialogs.script.Globals;
import org.certdesk.dialogs.script.Intent;
import org.certdesk.dialogs.script.Localized;
import org.certdesk.dialogs.script.Phrases;
import org.certdesk.dialogs.script.Script;
import org.certdesk.dialogs.script.State;
import org.certdesk.dialogs.script.Template;

/**
 * Every text a user can see, and every intent a user can type, exists in every locale the script
 * declares; no text is written for a locale it does not declare; and the translations of one text
 * use the same {@code {{variables}}} (a fingerprint shown in French but not in English is a bug).
 */
final class TranslationCheck implements Linter.Check {

    @Override
    public void run(Script script, Problems problems) {
        List<String> locales = script.locales();
        if (locales.isEmpty()) {
            return;
        }
        for (State state : script.states().values()) {
            String what = "state '" + state.id() + "'";
            state.say().forEach(text -> text(text, what + ": say", locales, problems));
            text(state.reask(), what + ": reask", locales, problems);
            for (Fact fact : state.facts()) {
                text(fact.label(), what + ": fact label", locales, problems);
            }
            for (Choice choice : state.choices()) {
                String choiceWhat = what + ": choice '" + choice.id() + "'";
                text(choice.label(), choiceWhat + ": label", locales, problems);
                phrases(choice.phrases(), choiceWhat, locales, false, problems);
            }
            for (Intent intent : state.intents()) {
                phrases(intent.phrases(), what + ": intent '" + intent.id() + "'", locales, true, problems);
            }
        }
        Globals global = script.global();
        if (global != null) {
            intent(global.help(), "global.help", locales, problems);
            intent(global.restart(), "global.restart", locales, problems);
            intent(global.human(), "global.human", locales, problems);
            if (global.language() != null) {
                text(global.language().say(), "global.language: say", locales, problems);
                phrases(global.language().phrases(), "global.language (one list per language to switch to)",
                        locales, true, problems);
            }
            text(global.notUnderstood(), "global.not_understood: say", locales, problems);
            text(global.busy(), "global.busy: say", locales, problems);
            text(global.ended(), "global.ended: say", locales, problems);
            if (global.topic() != null) {
                phrases(global.topic().phrases(), "global.topic", locales, true, problems);
                text(global.topic().say(), "global.topic: say", locales, problems);
            }
            for (Globals.SmallTalk talk : global.smallTalk()) {
                String talkWhat = "global.small_talk '" + talk.id() + "'";
                phrases(talk.phrases(), talkWhat, locales, true, problems);
                text(talk.say(), talkWhat + ": say", locales, problems);
            }
            for (Globals.Fill fill : global.fills()) {
                fill.values().forEach((value, phrases) -> phrases(phrases,
                        "global.fill '" + fill.variable() + "' value '" + value + "'", locales, true, problems));
            }
            Globals.OfferHuman offer = global.offerHuman();
            if (offer != null) {
                text(offer.say(), "global.offer_human: say", locales, problems);
                option(offer.accept(), "global.offer_human.accept", locales, problems);
                option(offer.decline(), "global.offer_human.decline", locales, problems);
            }
        }
    }

    private static void intent(Globals.GlobalIntent intent, String what, List<String> locales, Problems problems) {
        if (intent != null) {
            phrases(intent.phrases(), what, locales, true, problems);
            text(intent.say(), what + ": say", locales, problems);
        }
    }

    private static void option(Globals.OfferOption option, String what, List<String> locales, Problems problems) {
        if (option != null) {
            text(option.label(), what + ": label", locales, problems);
            phrases(option.phrases(), what, locales, false, problems);
        }
    }

    private static void text(Localized text, String what, List<String> locales, Problems problems) {
        if (text == null) {
            return;
        }
        for (String locale : locales) {
            String value = text.in(locale);
            if (value == null || value.isBlank()) {
                problems.add(text.at(), what + ": missing '" + locale + "' text");
            }
        }
        unknownLocales(text.byLocale().keySet(), text.at(), what, locales, problems);
        Set<String> expected = null;
        String expectedLocale = null;
        for (String locale : locales) {
            Set<String> used = variables(text.in(locale));
            if (used == null) {
                continue;
            }
            if (expected == null) {
                expected = used;
                expectedLocale = locale;
            } else if (!expected.equals(used)) {
                problems.add(text.at(), what + ": '" + expectedLocale + "' uses " + expected + " but '" + locale
                        + "' uses " + used);
            }
        }
    }

    /** The variables of a text, or {@code null} when absent or unparsable (reported elsewhere). */
    private static Set<String> variables(String text) {
        if (text == null) {
            return null;
        }
        try {
            return new TreeSet<>(Template.parse(text).variables());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void phrases(Phrases phrases, String what, List<String> locales, boolean required,
            Problems problems) {
        if (phrases == null) {
            return;
        }
        if (required) {
            for (String locale : locales) {
                if (phrases.in(locale).stream().allMatch(String::isBlank)) {
                    problems.add(phrases.at(), what + ": missing '" + locale + "' phrases");
                }
            }
        }
        unknownLocales(phrases.byLocale().keySet(), phrases.at(), what + ": phrases", locales, problems);
    }

    private static void unknownLocales(Set<String> written, org.certdesk.dialogs.script.Position at, String what,
            List<String> locales, Problems problems) {
        for (String locale : new TreeSet<>(written)) {
            if (!locales.contains(locale)) {
                problems.add(at, what + ": '" + locale + "' is not one of the script's locales " + locales);
            }
        }
    }
}
