package org.certdesk.dialogs.action;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contract of one action: the arguments a script passes (all required, as strings) and the
 * outcomes the implementation reports. Scripts name actions; the bot implements them.
 */
public record ActionSpec(String name, List<String> arguments, Map<String, OutcomeSpec> outcomes,
        String description) {

    public ActionSpec {
        arguments = List.copyOf(arguments);
        outcomes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
    }

    static ActionSpec of(String name, String description, List<String> arguments, OutcomeSpec... outcomes) {
        Map<String, OutcomeSpec> byName = new LinkedHashMap<>();
        for (OutcomeSpec outcome : outcomes) {
            byName.put(outcome.name(), outcome);
        }
        return new ActionSpec(name, arguments, byName, description);
    }
}
