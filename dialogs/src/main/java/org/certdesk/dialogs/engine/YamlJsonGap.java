package org.certdesk.dialogs.engine;

/**
 * Where YAML 1.2 and JSON disagree about the inside of a double-quoted string, translated so
 * that snakeyaml-engine can write and read JSON.
 * <ul>
 * <li>Writing: the emitter escapes some characters with escapes only YAML knows ({@code \0 \a
 * \v \e \N \_ \L \P}, {@code \xXX}, {@code \UXXXXXXXX}); JSON only has {@code \" \\ \/ \b \f \n
 * \r \t \\uXXXX}.</li>
 * <li>Reading: YAML refuses raw non-printable characters (DEL, C1 controls, lone surrogates,
 * U+FFFE/U+FFFF) and treats raw U+0085, U+2028 and U+2029 as line breaks to fold, where JSON
 * takes all of them literally inside a string. Older states were written with them raw. Its
 * reader also breaks on a surrogate pair at the edge of its buffer (see {@link #yamlSafe}).</li>
 * <li>Writing: the emitter mangles a lone high surrogate (a UTF-16 unit that is half of a
 * character): it pairs it with whatever follows, writing a wrong character and losing the next
 * one. {@link #wholeCharacters} first replaces lone surrogates with U+FFFD, as any UTF-8 encoder
 * (the database's included) would.</li>
 * </ul>
 * The two escape translations are exact: in the emitter's output every backslash starts an escape, and in
 * valid JSON those raw characters can only stand inside a string, where a raw character and its
 * {@code \\uXXXX} escape mean the same.
 */
final class YamlJsonGap {

    private YamlJsonGap() {
    }

    /** Rewrites the YAML-only escapes of the emitter's output as JSON {@code \\uXXXX} escapes. */
    static String jsonEscapes(String yaml) {
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

    /**
     * Escapes the raw characters YAML would refuse or fold, so they read as JSON reads them, and
     * every surrogate, paired or not: snakeyaml-engine 2.10 fails with an
     * IndexOutOfBoundsException when a high surrogate is the 1025th character of its input (its
     * read buffer's edge), so a user's emoji at the wrong place would make a state unreadable.
     */
    static String yamlSafe(String json) {
        StringBuilder out = null;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            // Raw controls below U+0020 are invalid JSON anyway: left for YAML to refuse.
            boolean escape = (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029'
                    || Character.isSurrogate(c) || c >= 0xFFFE;
            if (escape && out == null) {
                out = new StringBuilder(json.length() + 64).append(json, 0, i);
            }
            if (escape) {
                unicode(out, c, 0);
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? json : out.toString();
    }

    /** The text with each lone surrogate replaced by U+FFFD; the same instance when there is none. */
    static String wholeCharacters(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            boolean lone = !pair && Character.isSurrogate(c);
            if (lone && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.append(lone ? '\uFFFD' : c);
                if (pair) {
                    out.append(text.charAt(i + 1));
                }
            }
            if (pair) {
                i++;
            }
        }
        return out == null ? text : out.toString();
    }

    private static int unicode(StringBuilder out, int unit, int next) {
        out.append(String.format("\\u%04x", unit));
        return next;
    }
}
