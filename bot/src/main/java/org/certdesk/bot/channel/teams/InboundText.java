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
        result = HtmlEntities.decode(result);
        StringBuilder lines = new StringBuilder();
        for (String line : result.split("\n")) {
            String collapsed = SPACES.matcher(line).replaceAll(" ").strip();
            if (!collapsed.isEmpty()) {
                lines.append(lines.isEmpty() ? "" : "\n").append(collapsed);
            }
        }
        return lines.toString();
    }
}
