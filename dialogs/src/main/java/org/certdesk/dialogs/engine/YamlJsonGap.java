package org.certdesk.dialogs.engine;

/**
 * Where YAML 1.2 and JSON disagree about the inside of a double-quoted string, translated so
 * that snakeyaml-engine reads JSON as JSON means it.
 * <ul>
 * <li>Reading: YAML refuses raw non-printable characters (DEL, C1 controls, lone surrogates,
 * U+FFFE/U+FFFF) and treats raw U+0085, U+2028 and U+2029 as line breaks to fold, where JSON
 * takes all of them literally inside a string. Older states were written with them raw. Its
 * reader also breaks on a surrogate pair at the edge of its buffer (see {@link #yamlSafe}).</li>
 * <li>Writing: a lone surrogate (a UTF-16 unit that is half of a character) is no text;
 * {@link #wholeCharacters} replaces it with U+FFFD, as any UTF-8 encoder (the database's included)
 * would.</li>
 * </ul>
 * The reading translation is exact: in valid JSON those raw characters can only stand inside a
 * string, where a raw character and its {@code \\uXXXX} escape mean the same.
 */
final class YamlJsonGap {

    private YamlJsonGap() {
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
