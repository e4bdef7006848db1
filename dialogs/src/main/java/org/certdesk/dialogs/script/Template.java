package org.certdesk.dialogs.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A text with {@code {{variable}}} placeholders, parsed once. Variable names are snake_case and may
 * be surrounded by spaces inside the braces. There is no other syntax (no expressions, no escapes),
 * so an admin cannot write anything a channel would execute; channels escape the rendered text.
 */
public final class Template {

    private final String[] literals;
    private final String[] variables;

    private Template(String[] literals, String[] variables) {
        this.literals = literals;
        this.variables = variables;
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException naming the offset when a placeholder is unclosed or its name
     *                                  is not snake_case
     */
    public static Template parse(String text) {
        List<String> literals = new ArrayList<>();
        List<String> variables = new ArrayList<>();
        int from = 0;
        while (true) {
            int open = text.indexOf("{{", from);
            if (open < 0) {
                literals.add(text.substring(from));
                break;
            }
            int close = text.indexOf("}}", open + 2);
            if (close < 0) {
                throw new IllegalArgumentException("unclosed '{{' at offset " + open);
            }
            String name = text.substring(open + 2, close).strip();
            if (!Ids.isSnakeCase(name)) {
                throw new IllegalArgumentException("'{{" + name + "}}' at offset " + open
                        + " is not a variable name (snake_case)");
            }
            literals.add(text.substring(from, open));
            variables.add(name);
            from = close + 2;
        }
        return new Template(literals.toArray(String[]::new), variables.toArray(String[]::new));
    }

    /** The variables this template reads, in order of appearance (with repeats). */
    public List<String> variables() {
        return List.of(variables);
    }

    /** Fills the placeholders; a variable that is not set renders as the empty string. */
    public String render(Map<String, String> values) {
        if (variables.length == 0) {
            return literals[0];
        }
        StringBuilder out = new StringBuilder(64);
        for (int i = 0; i < variables.length; i++) {
            out.append(literals[i]).append(values.getOrDefault(variables[i], ""));
        }
        return out.append(literals[variables.length]).toString();
    }
}
