package org.certdesk.dialogs.script;

import java.util.Map;

/**
 * An action the bot runs when the conversation enters the state. {@code arguments} values are
 * templates; {@code outcomes} maps each outcome the action can report to the next state.
 */
public record ActionCall(String name, Map<String, String> arguments, Map<String, Ref> outcomes,
        Position at) {

    public ActionCall {
        arguments = Ordered.copy(arguments);
        outcomes = Ordered.copy(outcomes);
    }
}
