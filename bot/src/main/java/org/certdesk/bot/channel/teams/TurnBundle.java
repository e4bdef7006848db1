package org.certdesk.bot.channel.teams;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.certdesk.bot.outbox.Outbound;
import org.certdesk.dialogs.engine.Message;

/**
 * Joins a turn's replies the way Teams should show them: consecutive texts become one message
 * (one paragraph each), and texts right before a question go into the question's card. On a phone each
 * activity is a bubble and a notification, and each costs a Bot Connector request that counts
 * against Teams' per-conversation rate limit; "Welcome… / Which Android version?" is one bubble.
 * Facts, downloads, notices and the typing indicator stay activities of their own.
 */
final class TurnBundle {
    /**
     * Between the messages joined into one: the Unicode paragraph separator, which no script text
     * holds, so the renderer still knows where each message ends (one TextBlock each in a card).
     */
    static final char BREAK = '\u2029';
    private static final String PARAGRAPH = String.valueOf(BREAK);

    private TurnBundle() {
    }

    /** The messages joined into {@code text}, in order; one element when nothing was joined. */
    static String[] parts(String text) {
        return text.split(PARAGRAPH, -1);
    }

    static List<Outbound> of(List<Outbound> replies) {
        List<Outbound> bundled = new ArrayList<>(replies.size());
        StringBuilder texts = null; // texts waiting for the next message, in `locale`
        String locale = null;
        for (Outbound reply : replies) {
            if (reply instanceof Outbound.Say say && say.message() instanceof Message.Text text) {
                if (texts != null && !Objects.equals(locale, say.locale())) {
                    bundled.add(textOf(texts, locale));
                    texts = null;
                }
                texts = texts == null ? new StringBuilder(text.text()) : texts.append(PARAGRAPH).append(text.text());
                locale = say.locale();
                continue;
            }
            if (texts != null) {
                if (reply instanceof Outbound.Say say && say.message() instanceof Message.Choices choices
                        && Objects.equals(locale, say.locale())) {
                    String question = choices.text() == null ? texts.toString()
                            : texts.append(PARAGRAPH).append(choices.text()).toString();
                    bundled.add(new Outbound.Say(new Message.Choices(question, choices.options()), locale));
                    texts = null;
                    continue;
                }
                bundled.add(textOf(texts, locale));
                texts = null;
            }
            bundled.add(reply);
        }
        if (texts != null) {
            bundled.add(textOf(texts, locale));
        }
        return bundled;
    }

    private static Outbound textOf(StringBuilder texts, String locale) {
        return new Outbound.Say(new Message.Text(texts.toString()), locale);
    }
}
