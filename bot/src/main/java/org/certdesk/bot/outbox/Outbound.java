package org.certdesk.bot.outbox;

import java.util.List;

import org.certdesk.dialogs.engine.Message;

/**
 * What the outbox carries to a user, channel-neutral; each channel's {@link Delivery} renders it
 * (Teams: Adaptive Cards; web chat: Web Chat activities). Switch on {@link #kind()}.
 */
public sealed interface Outbound {
    enum Kind { SAY, TYPING, NOTICE }

    Kind kind();

    /** A message of the dialog engine (or of a helpdesk agent, as a text), in the conversation's locale. */
    record Say(Message message, String locale) implements Outbound {
        @Override
        public Kind kind() {
            return Kind.SAY;
        }
    }

    /** "The bot is typing": sent before a long action such as the TLS probe. */
    record Typing() implements Outbound {
        @Override
        public Kind kind() {
            return Kind.TYPING;
        }
    }

    /**
     * A card with a title, facts and one link button, for people rather than the employee: the
     * helpdesk's new-case notification in its Teams channel. Only Teams renders it.
     */
    record Notice(String title, List<Message.Fact> facts, String linkTitle, String url, String locale)
            implements Outbound {
        public Notice {
            facts = List.copyOf(facts);
        }

        @Override
        public Kind kind() {
            return Kind.NOTICE;
        }
    }
}
