package org.certdesk.dialogs.script;

import java.util.List;

/**
 * One step of a script. A state says its messages when entered, then does exactly one of: wait for
 * a choice or intent, capture free text, run an action, branch on a variable, go on to
 * {@code next}, or end the conversation. Absent parts are {@code null} (single values) or empty
 * (lists).
 *
 * @param say      texts said on entry, one chat message each
 * @param reask    said instead of {@code say} when the engine asks again; {@code null} to repeat {@code say}
 * @param fallback where free text that matches nothing goes; {@code null} to re-ask
 */
public record State(String id, String description, List<Localized> say, Localized reask,
        List<Fact> facts, DownloadSpec download, List<Choice> choices, List<Intent> intents,
        Capture capture, ActionCall action, Branch branch, Ref next, Ref fallback, Ending end,
        Position at) {

    public State {
        say = List.copyOf(say);
        facts = List.copyOf(facts);
        choices = List.copyOf(choices);
        intents = List.copyOf(intents);
    }

    public boolean isTerminal() {
        return end != null;
    }

    /** True when the state stops and waits for the user (as opposed to moving on by itself). */
    public boolean waitsForUser() {
        return end == null && action == null && branch == null
                && (capture != null || !choices.isEmpty() || !intents.isEmpty());
    }
}
