package org.certdesk.dialogs.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON form of {@link ConversationState}: one flat object plus a string-to-string
 * {@code variables} object. Small enough to write by hand, which spares the module a JSON
 * library; the reader accepts exactly that shape (any order, unknown fields skipped).
 */
final class StateJson {

    /** Written into every state, so a future format can tell old states apart. */
    static final int FORMAT = 1;
    /** Generous for a state (a few hundred bytes); refuses to parse megabytes of junk. */
    static final int MAX_LENGTH = 64 * 1024;

    private StateJson() {
    }

    static String write(ConversationState state) {
        StringBuilder out = new StringBuilder(256);
        out.append("{\"format\":").append(FORMAT);
        field(out, "scriptId", state.scriptId());
        out.append(",\"scriptVersion\":").append(state.scriptVersion());
        field(out, "stateId", state.stateId());
        field(out, "locale", state.locale());
        field(out, "status", state.status().name());
        out.append(",\"misses\":").append(state.misses());
        out.append(",\"offeringHuman\":").append(state.offeringHuman());
        field(out, "pendingAction", state.pendingAction());
        field(out, "pendingRequestId", state.pendingRequestId());
        out.append(",\"actionSeq\":").append(state.actionSeq());
        out.append(",\"variables\":{");
        boolean first = true;
        for (Map.Entry<String, String> variable : state.variables().entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(out, variable.getKey());
            out.append(':');
            string(out, variable.getValue());
        }
        return out.append("}}").toString();
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append(",\"").append(name).append("\":");
        if (value == null) {
            out.append("null");
        } else {
            string(out, value);
        }
    }

    private static void string(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    static ConversationState read(String json) {
        if (json.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("conversation state JSON longer than " + MAX_LENGTH + " characters");
        }
        Parser parser = new Parser(json);
        Map<String, Object> fields = parser.object(0);
        parser.end();
        Object format = fields.get("format");
        if (!(format instanceof Long number) || number != FORMAT) {
            throw new IllegalArgumentException("conversation state: unsupported format " + format);
        }
        Map<String, String> variables = new TreeMap<>();
        Object raw = fields.get("variables");
        if (!(raw instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("conversation state: 'variables' must be an object");
        }
        map.forEach((name, value) -> {
            if (!(value instanceof String text)) {
                throw new IllegalArgumentException("conversation state: variable '" + name + "' must be a string");
            }
            variables.put((String) name, text);
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

    private static String required(Map<String, Object> fields, String name) {
        if (fields.get(name) instanceof String text) {
            return text;
        }
        throw new IllegalArgumentException("conversation state: '" + name + "' must be a string");
    }

    private static String optional(Map<String, Object> fields, String name) {
        Object value = fields.get(name);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new IllegalArgumentException("conversation state: '" + name + "' must be a string or null");
    }

    private static int integer(Map<String, Object> fields, String name) {
        if (fields.get(name) instanceof Long number && number >= 0 && number <= Integer.MAX_VALUE) {
            return number.intValue();
        }
        throw new IllegalArgumentException("conversation state: '" + name + "' must be a whole number");
    }

    private static boolean bool(Map<String, Object> fields, String name) {
        if (fields.get(name) instanceof Boolean flag) {
            return flag;
        }
        throw new IllegalArgumentException("conversation state: '" + name + "' must be true or false");
    }

    /** Recursive descent over the subset we write: objects, strings, whole numbers, booleans, null. */
    private static final class Parser {
        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        Map<String, Object> object(int depth) {
            if (depth > 1) {
                fail("objects nested too deep");
            }
            expect('{');
            Map<String, Object> fields = new LinkedHashMap<>();
            if (peek() == '}') {
                at++;
                return fields;
            }
            do {
                String name = string();
                expect(':');
                if (fields.put(name, value(depth)) != null) {
                    fail("duplicate field '" + name + "'");
                }
            } while (consume(','));
            expect('}');
            return fields;
        }

        private Object value(int depth) {
            char c = peek();
            if (c == '{') {
                return object(depth + 1);
            }
            if (c == '"') {
                return string();
            }
            if (c == '-' || (c >= '0' && c <= '9')) {
                return number();
            }
            for (String word : new String[] {"true", "false", "null"}) {
                if (text.startsWith(word, at)) {
                    at += word.length();
                    return word.equals("null") ? null : Boolean.valueOf(word);
                }
            }
            return fail("unexpected character '" + c + "'");
        }

        private Long number() {
            int start = at;
            if (text.charAt(at) == '-') {
                at++;
            }
            while (at < text.length() && Character.isDigit(text.charAt(at))) {
                at++;
            }
            try {
                return Long.parseLong(text.substring(start, at));
            } catch (NumberFormatException e) {
                return fail("not a whole number");
            }
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                if (at >= text.length()) {
                    return fail("unterminated string");
                }
                char c = text.charAt(at++);
                if (c == '"') {
                    return out.toString();
                }
                if (c < 0x20) {
                    return fail("control character in string");
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (at >= text.length()) {
                    return fail("unterminated escape");
                }
                char escaped = text.charAt(at++);
                switch (escaped) {
                    case '"', '\\', '/' -> out.append(escaped);
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        if (at + 4 > text.length()) {
                            return fail("short \\u escape");
                        }
                        try {
                            out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        } catch (NumberFormatException e) {
                            return fail("bad \\u escape");
                        }
                        at += 4;
                    }
                    default -> {
                        return fail("bad escape '\\" + escaped + "'");
                    }
                }
            }
        }

        private char peek() {
            skipSpace();
            if (at >= text.length()) {
                fail("unexpected end");
            }
            return text.charAt(at);
        }

        private boolean consume(char c) {
            if (peek() == c) {
                at++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!consume(c)) {
                fail("expected '" + c + "'");
            }
        }

        void end() {
            skipSpace();
            if (at != text.length()) {
                fail("text after the object");
            }
        }

        private void skipSpace() {
            while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
        }

        private <T> T fail(String why) {
            throw new IllegalArgumentException("conversation state JSON at offset " + at + ": " + why);
        }
    }
}
