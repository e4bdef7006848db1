package org.certdesk.dialogs.action;

import java.util.List;

/** One outcome an action can report, and the variables it must set when it does. */
public record OutcomeSpec(String name, List<String> variables, String description) {

    public OutcomeSpec {
        variables = List.copyOf(variables);
    }
}
