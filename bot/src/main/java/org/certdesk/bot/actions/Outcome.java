package org.certdesk.bot.actions;

import java.util.Map;

/** What an action reports: an outcome the catalogue declares, and the variables it sets. */
record Outcome(String name, Map<String, String> variables) {
    Outcome {
        variables = Map.copyOf(variables);
    }

    static Outcome of(String name) {
        return new Outcome(name, Map.of());
    }
}
