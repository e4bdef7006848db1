package org.certdesk.dialogs.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.schema.JsonSchema;

/**
 * How states were written before {@link StateJson#write} wrote them directly: through
 * snakeyaml-engine's emitter, its YAML-only escapes ({@code \\a}, {@code \\N}, {@code \\x7f}…)
 * rewritten as JSON's. Kept as the reference the direct writer must match, character for character.
 */
final class EmitterStateJson {
    private static final DumpSettings WRITE = DumpSettings.builder()
            .setDefaultFlowStyle(FlowStyle.FLOW)
            .setDefaultScalarStyle(ScalarStyle.JSON_SCALAR_STYLE)
            .setSchema(new JsonSchema())
            .setSplitLines(false)
            .setWidth(Integer.MAX_VALUE)
            .build();

    private EmitterStateJson() {
    }

    static String write(ConversationState state) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("format", StateJson.FORMAT);
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
        return jsonEscapes(new Dump(WRITE).dumpToString(fields).strip());
    }

    private static String jsonEscapes(String yaml) {
        int backslash = yaml.indexOf('\\');
        if (backslash < 0) {
            return yaml;
        }
        StringBuilder out = new StringBuilder(yaml.length() + 16).append(yaml, 0, backslash);
        int at = backslash;
        while (at < yaml.length()) {
            char c = yaml.charAt(at);
            if (c != '\\') {
                out.append(c);
                at++;
                continue;
            }
            char kind = yaml.charAt(at + 1);
            switch (kind) {
                case '"', '\\', '/', 'b', 'f', 'n', 'r', 't', 'u' -> {
                    out.append('\\').append(kind);
                    at += 2;
                }
                case '0' -> at = unicode(out, 0x00, at + 2);
                case 'a' -> at = unicode(out, 0x07, at + 2);
                case 'v' -> at = unicode(out, 0x0B, at + 2);
                case 'e' -> at = unicode(out, 0x1B, at + 2);
                case 'N' -> at = unicode(out, 0x85, at + 2);
                case '_' -> at = unicode(out, 0xA0, at + 2);
                case 'L' -> at = unicode(out, 0x2028, at + 2);
                case 'P' -> at = unicode(out, 0x2029, at + 2);
                case 'x' -> at = unicode(out, Integer.parseInt(yaml, at + 2, at + 4, 16), at + 4);
                case 'U' -> {
                    for (char unit : Character.toChars(Integer.parseInt(yaml, at + 2, at + 10, 16))) {
                        unicode(out, unit, 0);
                    }
                    at += 10;
                }
                default -> throw new IllegalStateException("YAML escape \\" + kind + " has no JSON form");
            }
        }
        return out.toString();
    }

    private static int unicode(StringBuilder out, int unit, int next) {
        out.append(String.format("\\u%04x", unit));
        return next;
    }
}
