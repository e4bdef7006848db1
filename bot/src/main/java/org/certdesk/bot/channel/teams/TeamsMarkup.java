package org.certdesk.bot.channel.teams;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Escapes plain text for the two places Teams interprets markup: a message's {@code text} (Markdown
 * with inline HTML) and Adaptive Card text (a small Markdown subset, no HTML). Public for the
 * outgoing webhook, whose answers are Teams message text too.
 */
public final class TeamsMarkup {
    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"]+");
    private static final Pattern SHA256_HEX = Pattern.compile("(?i)[0-9a-f]{64}");

    private TeamsMarkup() {
    }

    /**
     * Plain text as a Markdown message text: HTML and Markdown punctuation become character
     * references (Markdown never reads those as syntax), line breaks become {@code <br>}. URLs are
     * left as they are so Teams still links them.
     */
    public static String messageText(String plain) {
        StringBuilder out = new StringBuilder(plain.length() + 16);
        Matcher url = URL.matcher(plain);
        int at = 0;
        while (url.find()) {
            escapeMessage(plain, at, url.start(), out);
            appendUrl(url.group(), out);
            at = url.end();
        }
        escapeMessage(plain, at, plain.length(), out);
        return out.toString();
    }

    /**
     * A URL as it is, but for the Markdown punctuation inside it, percent-encoded (the same URL): a
     * user could otherwise type {@code https://a/[text](https://b)} and have the bot post a disguised link.
     */
    private static void appendUrl(String url, StringBuilder out) {
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if ("[]()*`~|{}\\".indexOf(c) >= 0) {
                out.append('%').append(String.format("%02X", (int) c));
            } else {
                out.append(c);
            }
        }
    }

    private static void escapeMessage(String text, int from, int to, StringBuilder out) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\r' -> {
                    if (i + 1 < to && text.charAt(i + 1) == '\n') {
                        break;
                    }
                    out.append("<br>");
                }
                case '\n' -> out.append("<br>");
                case '*', '_', '`', '~', '#', '[', ']', '{', '}', '|', '\\' -> out.append("&#").append((int) c).append(';');
                default -> out.append(c);
            }
        }
    }

    /** Plain text for an Adaptive Card TextBlock or fact: the Markdown it understands backslash-escaped. */
    static String cardText(String plain) {
        StringBuilder out = new StringBuilder(plain.length() + 8);
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            if (c == '\\' || c == '*' || c == '_' || c == '[' || c == ']' || c == '`' || c == '~') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /**
     * A SHA-256 fingerprint as Android shows it: upper-case byte pairs separated by colons. Anything
     * that is not 32 bytes of hex is returned as it is.
     */
    public static String fingerprint(String sha256) {
        String hex = sha256.replace(":", "").replace(" ", "");
        if (!SHA256_HEX.matcher(hex).matches()) {
            return sha256;
        }
        StringBuilder out = new StringBuilder(95);
        for (int i = 0; i < hex.length(); i += 2) {
            if (i > 0) {
                out.append(':');
            }
            out.append(Character.toUpperCase(hex.charAt(i))).append(Character.toUpperCase(hex.charAt(i + 1)));
        }
        return out.toString();
    }
}
