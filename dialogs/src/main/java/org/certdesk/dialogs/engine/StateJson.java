package org.certdesk.dialogs.engine;

import java.util.Map;
import java.util.TreeMap;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.JsonSchema;

/**
 * The JSON form of {@link ConversationState}: one flat object plus a string-to-string
 * {@code variables} object, on one line. Written directly ({@link #write}); read with the module's
 * YAML library (snakeyaml-engine, the only parser {@code dialogs} may depend on), JSON being a
 * subset of YAML 1.2, after {@link YamlJsonGap#yamlSafe} escaped the few raw characters that JSON
 * allows inside a string and YAML refuses or folds (C1 controls, DEL, U+2028…).
 * Values are typed by field, so the reader accepts any field order and skips unknown fields.
 */
final class StateJson {

    /** Written into every state, so a future format can tell old states apart. */
    static final int FORMAT = 1;
    /** Generous for a state (a few hundred bytes); refuses to parse megabytes of junk. */
    static final int MAX_LENGTH = 64 * 1024;

    private static final LoadSettings READ = LoadSettings.builder()
            // JSON's types only: a plain 01 or yes would be a string, and every string field is
            // quoted anyway.
            .setSchema(new JsonSchema())
            // Escaping may lengthen the text six times; MAX_LENGTH is checked on the input itself.
            .setCodePointLimit(6 * MAX_LENGTH + 16)
            .setMaxAliasesForCollections(0)
            .setAllowDuplicateKeys(false)
            .setLabel("conversation state JSON")
            .build();

    private StateJson() {
    }

    /**
     * Written directly rather than through snakeyaml-engine's emitter: a state is written on every
     * turn, and the emitter (a new one per call, events, a writer, then a pass that rewrote its
     * YAML-only escapes as JSON's) was 7 % of the bot's request threads' samples under load (JFR).
     * The output is the same text the emitter wrote (its spacing, JSON's escapes only), and
     * {@link #read} still reads it with the library. One exception, which the reader takes in both
     * forms: a variable name of 128 characters or more (scripts' names are short snake_case), which
     * the emitter wrote as a YAML complex key ({@code ? "name"}), is written as JSON.
     */
    static String write(ConversationState state) {
        StringBuilder out = new StringBuilder(256);
        out.append("{\"format\": ").append(FORMAT);
        field(out, "scriptId", state.scriptId());
        out.append(", \"scriptVersion\": ").append(state.scriptVersion());
        field(out, "stateId", state.stateId());
        field(out, "locale", state.locale());
        field(out, "status", state.status().name());
        out.append(", \"misses\": ").append(state.misses());
        out.append(", \"offeringHuman\": ").append(state.offeringHuman());
        field(out, "pendingAction", state.pendingAction());
        field(out, "pendingRequestId", state.pendingRequestId());
        out.append(", \"actionSeq\": ").append(state.actionSeq());
        out.append(", \"variables\": {");
        boolean first = true;
        for (Map.Entry<String, String> variable : state.variables().entrySet()) {
            if (!first) {
                out.append(", ");
            }
            first = false;
            string(out, variable.getKey());
            out.append(": ");
            string(out, variable.getValue());
        }
        return out.append("}}").toString();
    }

    /** A string field after the first: {@code , "name": "value"}, or {@code , "name": null}. */
    private static void field(StringBuilder out, String name, String value) {
        out.append(", \"").append(name).append("\": ");
        if (value == null) {
            out.append("null");
        } else {
            string(out, value);
        }
    }

    /**
     * A JSON string, escaped as the emitter escaped it: JSON's short escapes, and a
     * {@code \\uXXXX} escape for the controls, DEL, the C1 controls, the no-break space and
     * U+FFFE/U+FFFF; a lone surrogate becomes U+FFFD (see {@link YamlJsonGap#wholeCharacters}).
     * What else YAML would not take raw (U+2028, U+2029, the byte-order mark) {@link #read} escapes.
     */
    private static void string(StringBuilder out, String value) {
        String text = YamlJsonGap.wholeCharacters(value);
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || (c >= 0x7F && c <= 0xA0) || c >= 0xFFFE) {
                        out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xF])
                                .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    static ConversationState read(String json) {
        if (json.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("conversation state JSON longer than " + MAX_LENGTH + " characters");
        }
        Object parsed;
        try {
            parsed = new Load(READ).loadFromString(YamlJsonGap.yamlSafe(json));
        } catch (MarkedYamlEngineException e) {
            // The library's message spans several lines with a snippet of the input; one line is
            // enough for a log and does not repeat what a user typed.
            String where = e.getProblemMark().map(mark -> " at offset " + mark.getIndex()).orElse("");
            throw new IllegalArgumentException("conversation state JSON" + where + ": " + e.getProblem(), e);
        } catch (YamlEngineException e) {
            throw new IllegalArgumentException("conversation state JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (!(parsed instanceof Map<?, ?> fields)) {
            throw new IllegalArgumentException("conversation state JSON: not an object");
        }
        Object format = fields.get("format");
        if (!(format instanceof Integer number) || number != FORMAT) {
            throw new IllegalArgumentException("conversation state: unsupported format " + format);
        }
        Map<String, String> variables = new TreeMap<>();
        Object raw = fields.get("variables");
        if (!(raw instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("conversation state: 'variables' must be an object");
        }
        map.forEach((name, value) -> {
            if (!(name instanceof String key) || !(value instanceof String text)) {
                throw new IllegalArgumentException("conversation state: variable '" + name + "' must be a string");
            }
            variables.put(key, text);
        });
        ConversationState.Status status;
        try {
            status = ConversationState.Status.valueOf(required(fields, "status"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("conversation state: unknown status '" + fields.get("status") + "'");
        }
        return new ConversationState(required(fields, "scriptId"), integer(fields, "scriptVersion"),
                required(fields, "stateId"), required(fields, "locale"), status, integer(fields, "misses"),
                bool(fields, "offeringHuman"), optional(fields, "pendingAction"),
                optional(fields, "pendingRequestId"), integer(fields, "actionSeq"), variables);
    }

    private static String required(Map<?, ?> fields, String name) {
        if (fields.get(name) instanceof String text) {
            return text;
        }
        throw new IllegalArgumentException("conversation state: '" + name + "' must be a string");
    }

    private static String optional(Map<?, ?> fields, String name) {
        Object value = fields.get(name);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new IllegalArgumentException("conversation state: '" + name + "' must be a string or null");
    }

    private static int integer(Map<?, ?> fields, String name) {
        // The JSON schema makes a whole number an Integer, a Long or a BigInteger by size.
        if (fields.get(name) instanceof Integer number && number >= 0) {
            return number;
        }
        throw new IllegalArgumentException("conversation state: '" + name + "' must be a whole number");
    }

    private static boolean bool(Map<?, ?> fields, String name) {
        if (fields.get(name) instanceof Boolean flag) {
            return flag;
        }
        throw new IllegalArgumentException("conversation state: '" + name + "' must be true or false");
    }
}
