package org.certdesk.bot.channel.webhook;

import org.certdesk.bot.channel.teams.TeamsMarkup;
import org.certdesk.dialogs.engine.Message;

/**
 * An engine message as the Teams Markdown text of a webhook answer. The answer is one message with no
 * buttons (an outgoing webhook may only use open-URL actions, and a card's submit could not reach the
 * conversation anyway), so choices become the list of labels to reply with, facts become
 * "label: value" lines, a download a link with the fingerprint to compare. The engine's texts are
 * plain text: HTML and Markdown punctuation become character references (never read as syntax), line
 * breaks {@code <br>}; URLs stay as they are so Teams links them.
 */
final class WebhookMarkdown {
    static final String LINE = "<br>";
    /** Between two messages of one answer. */
    static final String PARAGRAPH = "<br><br>";

    private WebhookMarkdown() {
    }

    /**
     * @param locale the language the message was said in
     * @param webhookName the name users mention the webhook by
     */
    static String render(Message message, String locale, String webhookName) {
        return switch (message.kind()) {
            case TEXT -> text(((Message.Text) message).text());
            case CHOICES -> choices((Message.Choices) message, locale, webhookName);
            case FACTS -> facts((Message.Facts) message, locale);
            case DOWNLOAD -> download((Message.Download) message, locale);
        };
    }

    private static String choices(Message.Choices choices, String locale, String webhookName) {
        StringBuilder out = new StringBuilder();
        if (choices.text() != null) {
            out.append(text(choices.text())).append(LINE);
        }
        out.append(text(WebhookTexts.REPLY_WITH.format(locale, webhookName)));
        for (Message.Option option : choices.options()) {
            out.append(LINE).append("• ").append(text(option.label()));
        }
        return out.toString();
    }

    private static String facts(Message.Facts facts, String locale) {
        StringBuilder out = new StringBuilder();
        for (Message.Fact fact : facts.facts()) {
            out.append(out.isEmpty() ? "" : LINE).append(text(WebhookTexts.FACT.format(locale, fact.label(), fact.value())));
        }
        return out.toString();
    }

    private static String download(Message.Download download, String locale) {
        return text(WebhookTexts.DOWNLOAD.in(locale)) + " [" + text(download.fileName()) + "](" + linkTarget(download.url())
                + ")" + LINE + text(WebhookTexts.FINGERPRINT.format(locale, fingerprint(download.sha256())));
    }

    /** Plain text as Markdown message text: the same as a Teams bot's message text. */
    static String text(String plain) {
        return TeamsMarkup.messageText(plain);
    }

    /** A URL as a Markdown link target: what would end the target early is percent-encoded. */
    static String linkTarget(String url) {
        StringBuilder out = new StringBuilder(url.length());
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '(' || c == ')' || c == '<' || c == '>' || c == '"' || c <= ' ') {
                out.append('%').append(String.format("%02X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** A SHA-256 as Android shows it, as the Teams bot shows it. */
    static String fingerprint(String sha256) {
        return TeamsMarkup.fingerprint(sha256);
    }
}
