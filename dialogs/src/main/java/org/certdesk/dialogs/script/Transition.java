package org.certdesk.dialogs.script;

/**
 * An edge of the script's graph, as the engine takes it and as coverage counts it. Global
 * behaviours (help, restart, language, human offer) hold in every state: their {@code from} is
 * {@link #ANY_STATE}, and {@code to} is {@link #SAME_STATE} when the conversation stays where it is.
 *
 * @param key the choice id, intent id, outcome, branch case, target locale or small talk id; empty otherwise
 */
public record Transition(String from, Kind kind, String key, String to) {

    public static final String ANY_STATE = "*";
    public static final String SAME_STATE = "=";

    public enum Kind {
        CHOICE, INTENT, CAPTURE, NEXT, FALLBACK, OUTCOME, BRANCH, OTHERWISE,
        HELP, RESTART, HUMAN, LANGUAGE, NOT_UNDERSTOOD, OFFER_HUMAN, OFFER_DECLINE, OFFER_ACCEPT, GIVE_UP,
        TOPIC, SMALL_TALK
    }

    @Override
    public String toString() {
        String label = key.isEmpty() ? kind.name().toLowerCase() : kind.name().toLowerCase() + ":" + key;
        return from + " --" + label + "--> " + to;
    }
}
