package org.certdesk.analyzer.cli;

import java.util.Collection;
import java.util.Map;

/**
 * A minimal JSON writer, so the CLI's one output format needs no JSON library. Values are written as
 * given: maps as objects (in their iteration order), collections as arrays, numbers and booleans as
 * such, everything else as an escaped string; null as null.
 */
final class JsonWriter {
    private JsonWriter() {}

    static String write(Object value) {
        StringBuilder out = new StringBuilder(4096);
        write(value, out, 0);
        return out.append('\n').toString();
    }

    private static void write(Object value, StringBuilder out, int indent) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append('{');
            boolean first = true;
            for (var entry : map.entrySet()) {
                out.append(first ? "\n" : ",\n");
                first = false;
                pad(out, indent + 1);
                string(String.valueOf(entry.getKey()), out);
                out.append(": ");
                write(entry.getValue(), out, indent + 1);
            }
            out.append('\n');
            pad(out, indent);
            out.append('}');
        } else if (value instanceof Collection<?> items) {
            if (items.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append('[');
            boolean first = true;
            for (Object item : items) {
                out.append(first ? "\n" : ",\n");
                first = false;
                pad(out, indent + 1);
                write(item, out, indent + 1);
            }
            out.append('\n');
            pad(out, indent);
            out.append(']');
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else {
            string(value.toString(), out);
        }
    }

    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void pad(StringBuilder out, int indent) {
        out.append("  ".repeat(indent));
    }
}
