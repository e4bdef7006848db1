package org.certdesk.bot.channel.teams;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the {@code text} of a Teams message into what the user typed: the bot's own {@code <at>} mention
 * removed (other mentions keep the name), the few HTML tags and entities Teams puts around plain text
 * decoded, whitespace collapsed.
 */
final class InboundText {
    private static final Pattern MENTION = Pattern.compile("<at[^>]*>(.*?)</at>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern LINE_BREAK = Pattern.compile("<br\\s*/?>|</p>|</div>", Pattern.CASE_INSENSITIVE);
    private static final Pattern FORMATTING_TAG = Pattern.compile(
            "</?(?:p|div|span|b|i|u|s|strong|em|strike)(?:\\s[^<>]*)?>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,6});");
    private static final Pattern SPACES = Pattern.compile("[ \\t\\u00a0]+");

    private InboundText() {
    }

    /**
     * @param text the activity's text, or null
     * @param botMentions the texts of mention entities naming the bot; when empty, every {@code <at>}
     *     mention is removed (Teams sends the entities; other senders may not)
     * @return the cleaned text, never null, possibly empty
     */
    static String clean(String text, List<String> botMentions) {
        if (text == null) {
            return "";
        }
        String result = text;
        for (String mention : botMentions) {
            result = result.replace(mention, " ");
        }
        Matcher mentions = MENTION.matcher(result);
        result = mentions.replaceAll(m -> botMentions.isEmpty() ? " " : Matcher.quoteReplacement(m.group(1)));
        result = LINE_BREAK.matcher(result).replaceAll("\n");
        result = FORMATTING_TAG.matcher(result).replaceAll("");
        result = ENTITY.matcher(result).replaceAll(m -> Matcher.quoteReplacement(decode(m.group(1), m.group())));
        StringBuilder lines = new StringBuilder();
        for (String line : result.split("\n")) {
            String collapsed = SPACES.matcher(line).replaceAll(" ").strip();
            if (!collapsed.isEmpty()) {
                lines.append(lines.isEmpty() ? "" : "\n").append(collapsed);
            }
        }
        return lines.toString();
    }

    private static String decode(String entity, String original) {
        switch (entity) {
            case "amp": return "&";
            case "lt": return "<";
            case "gt": return ">";
            case "quot": return "\"";
            case "apos": return "'";
            case "nbsp": return " ";
            default:
                break;
        }
        if (entity.startsWith("#")) {
            try {
                int codePoint = entity.startsWith("#x") || entity.startsWith("#X")
                        ? Integer.parseInt(entity.substring(2), 16) : Integer.parseInt(entity.substring(1));
                if (Character.isValidCodePoint(codePoint) && codePoint != 0) {
                    return new String(Character.toChars(codePoint));
                }
            } catch (NumberFormatException e) {
                return original;
            }
        }
        return original;
    }
}
