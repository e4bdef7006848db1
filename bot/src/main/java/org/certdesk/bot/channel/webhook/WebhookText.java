package org.certdesk.bot.channel.webhook;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.certdesk.bot.channel.teams.HtmlEntities;

/**
 * What the user typed after mentioning the webhook. Teams sends the channel message as HTML: the
 * webhook's {@code <at>Name</at>} (which only triggers the call), {@code <div>}, {@code <p>},
 * {@code <br>}, {@code &nbsp;} and other entities. The webhook's mention goes, other mentions keep
 * their name, tags go, entities are decoded, whitespace is collapsed.
 *
 * @param text the text for the dialog engine; empty when the user only mentioned the webhook
 * @param webhookName the name the user mentioned the webhook by (to tell them how to answer), or null
 */
record WebhookText(String text, String webhookName) {
    private static final Pattern MENTION = Pattern.compile("<at[^>]*>(.*?)</at>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern LINE_BREAK = Pattern.compile("<br\\s*/?>|</p>|</div>", Pattern.CASE_INSENSITIVE);
    private static final Pattern TAG = Pattern.compile("</?[a-zA-Z][^<>]*>");
    private static final Pattern SPACES = Pattern.compile("[ \\t\\u00a0\\u200b]+");

    /**
     * @param html the activity's text, or null
     * @param webhookMention the webhook's {@code <at>…</at>} from the mention entities, or null: then
     *     the first mention is taken for the webhook's (Teams calls it only when it is mentioned)
     */
    static WebhookText of(String html, String webhookMention) {
        if (html == null) {
            return new WebhookText("", null);
        }
        String result = html;
        String name = null;
        if (webhookMention != null && result.contains(webhookMention)) {
            Matcher inner = MENTION.matcher(webhookMention);
            name = inner.find() ? inner.group(1) : null;
            result = result.replace(webhookMention, " ");
        } else {
            Matcher first = MENTION.matcher(result);
            if (first.find()) {
                name = first.group(1);
                result = result.substring(0, first.start()) + " " + result.substring(first.end());
            }
        }
        result = MENTION.matcher(result).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
        result = LINE_BREAK.matcher(result).replaceAll("\n");
        result = TAG.matcher(result).replaceAll("");
        result = HtmlEntities.decode(result);
        StringBuilder lines = new StringBuilder();
        for (String line : result.split("\n")) {
            String collapsed = SPACES.matcher(line).replaceAll(" ").strip();
            if (!collapsed.isEmpty()) {
                lines.append(lines.isEmpty() ? "" : "\n").append(collapsed);
            }
        }
        String plainName = name == null ? null : SPACES.matcher(HtmlEntities.decode(TAG.matcher(name).replaceAll(""))).replaceAll(" ").strip();
        return new WebhookText(lines.toString(), plainName == null || plainName.isEmpty() ? null : plainName);
    }
}
