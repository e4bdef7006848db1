package org.certdesk.dialogs.script;

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
 */
public record Globals(GlobalIntent help, GlobalIntent restart, GlobalIntent human,
        LanguageSwitch language, Localized notUnderstood, OfferHuman offerHuman, Localized busy,
        Localized ended, Position at) {

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
