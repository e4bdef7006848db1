package org.certdesk.dialogs.script;

import java.util.List;
import java.util.Map;

/**
 * What works in every state, and the engine's own texts. Every part is required, so that every
 * text a user can see is written (and linted) in every locale of the script.
 *
 * @param help          typed phrases, and what to say before asking the current question again
 * @param restart       typed phrases, and what to say before going back to the start state
 * @param human         typed phrases, and the (escalating) state to go to
 * @param language      phrases per target locale; {@code say} is the confirmation in the new locale
 * @param notUnderstood said before asking again after input that matched nothing
 * @param offerHuman    after {@code afterMisses} misses in a row, offered with accept/decline
 * @param busy          said when the user writes while an action runs
 * @param ended         said when the user writes after the conversation ended
 * @param topic         optional ({@code null}): how employees describe the problem the script solves;
 *                      such text is acknowledged and the current question asked again
 * @param smallTalk     optional (empty): greetings, thanks…, answered (or not) and the question asked again
 * @param fills         optional (empty): variables that free text fills in passing, in any state
 */
public record Globals(GlobalIntent help, GlobalIntent restart, GlobalIntent human,
        LanguageSwitch language, Localized notUnderstood, OfferHuman offerHuman, Localized busy,
        Localized ended, Topic topic, List<SmallTalk> smallTalk, List<Fill> fills, Position at) {

    public Globals {
        smallTalk = smallTalk == null ? List.of() : List.copyOf(smallTalk);
        fills = fills == null ? List.of() : List.copyOf(fills);
    }

    /** What the conversation is about, in the employees' words; {@code say} acknowledges it. */
    public record Topic(Phrases phrases, Localized say, Position at) {
    }

    /** A greeting, thanks…: {@code say} may be {@code null} (the question is simply asked again). */
    public record SmallTalk(String id, Phrases phrases, Localized say, Position at) {
    }

    /**
     * A variable free text may fill in passing ("Pixel on Android 14" fills {@code android_version}
     * with {@code 11_plus}): {@code values} maps each value to the phrases that mean it. A state
     * whose choice would set only filled variables to the values they hold is answered: the engine
     * takes that choice without asking.
     */
    public record Fill(String variable, Map<String, Phrases> values, Position at) {
        public Fill {
            values = Ordered.copy(values);
        }
    }

    /** A global intent: {@code say} may be {@code null} (human), {@code next} is only for human. */
    public record GlobalIntent(Phrases phrases, Localized say, Ref next, Position at) {
    }

    /** {@code phrases} is keyed by the locale to switch to; each list may mix languages. */
    public record LanguageSwitch(Phrases phrases, Localized say, Position at) {
    }

    /** One of the two buttons of the human offer. */
    public record OfferOption(Localized label, Phrases phrases, Position at) {
    }

    /** {@code next} is where an accepted offer (or one more miss) leads: an escalating state. */
    public record OfferHuman(int afterMisses, Localized say, OfferOption accept, OfferOption decline,
            Ref next, Position at) {
    }
}
