package org.certdesk.dialogs.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.JsonSchema;

/**
 * The JSON form of {@link ConversationState}: one flat object plus a string-to-string
 * {@code variables} object, on one line. JSON is a subset of YAML 1.2, so the module's YAML
 * library (snakeyaml-engine, the only parser {@code dialogs} may depend on) writes and reads it.
 * YAML and JSON differ in a few corners, all handled by {@link YamlJsonGap}: the emitter writes
 * a few YAML-only escapes ({@code \a}, {@code \N}, {@code \x7f}…) and mangles lone surrogates,
 * and the reader refuses or folds a few raw characters that JSON allows inside a string (C1
 * controls, DEL, U+2028…).
 * Values are typed by field, so the reader accepts any field order and skips unknown fields.
 */
final class StateJson {

    /** Written into every state, so a future format can tell old states apart. */
    static final int FORMAT = 1;
    /** Generous for a state (a few hundred bytes); refuses to parse megabytes of junk. */
    static final int MAX_LENGTH = 64 * 1024;

    private static final DumpSettings WRITE = DumpSettings.builder()
            .setDefaultFlowStyle(FlowStyle.FLOW)
            .setDefaultScalarStyle(ScalarStyle.JSON_SCALAR_STYLE)
            .setSchema(new JsonSchema())
            // One line whatever the length: no folding of long strings or of the flow mapping.
            .setSplitLines(false)
            .setWidth(Integer.MAX_VALUE)
            .build();

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

    static String write(ConversationState state) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("format", FORMAT);
        fields.put("scriptId", YamlJsonGap.wholeCharacters(state.scriptId()));
        fields.put("scriptVersion", state.scriptVersion());
        fields.put("stateId", YamlJsonGap.wholeCharacters(state.stateId()));
        fields.put("locale", YamlJsonGap.wholeCharacters(state.locale()));
        fields.put("status", state.status().name());
        fields.put("misses", state.misses());
        fields.put("offeringHuman", state.offeringHuman());
        fields.put("pendingAction", YamlJsonGap.wholeCharacters(state.pendingAction()));
        fields.put("pendingRequestId", YamlJsonGap.wholeCharacters(state.pendingRequestId()));
        fields.put("actionSeq", state.actionSeq());
        Map<String, String> variables = new LinkedHashMap<>();
        state.variables().forEach((name, value) ->
                variables.put(YamlJsonGap.wholeCharacters(name), YamlJsonGap.wholeCharacters(value)));
        fields.put("variables", variables);
        return YamlJsonGap.jsonEscapes(new Dump(WRITE).dumpToString(fields).strip());
    }

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
