package org.certdesk.bot.conversation;

import java.util.List;

import org.certdesk.bot.outbox.Outbound;
import org.certdesk.bot.shared.ConversationKey;

/**
 * The port of what another feature adds to a turn's replies, said before the script's own (the
 * server findings: "the IT team knows"). Called inside the turn's transaction; the conversation
 * package owns it so that the turn loop never imports the feature.
 */
public interface TurnNotes {

    /**
     * @param turnRef the turn ({@code activity:<id>}, {@code action:<request id>})
     * @param locale the conversation's language
     */
    List<Outbound> notes(ConversationKey key, String turnRef, String locale);
}
