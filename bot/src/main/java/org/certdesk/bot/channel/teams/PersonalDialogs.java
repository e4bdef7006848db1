package org.certdesk.bot.channel.teams;

import org.certdesk.bot.shared.ChannelAddress;

/**
 * One dialog per person in a shared Teams conversation. In a group chat or a channel thread every
 * member talks to the bot in the same Teams conversation, each about their own phone: the dialog
 * (its state, inbox, outbox, transcript, case) is stored under the conversation id and the person's
 * id, {@code <conversation id>|<user id>}, as the outgoing webhook does for its threads; replies
 * still go to the Teams conversation, and name the person they answer ({@link ActivityRenderer#mention}).
 * Personal chats keep the conversation id: they have one person.
 *
 * <p>The stores keep their schema: the Teams conversation id is the dialog id without the
 * {@code |<user id>} suffix, and the user id is stored with the dialog's address.
 */
final class PersonalDialogs {
    private static final String SEPARATOR = "|";

    private PersonalDialogs() {
    }

    /** The dialog id of what {@code userId} says in Teams conversation {@code conversationId}. */
    static String dialogId(String conversationId, String conversationType, String userId) {
        return shared(conversationType) && userId != null && !userId.isBlank()
                ? conversationId + SEPARATOR + userId : conversationId;
    }

    /** Whether {@code address} is one person's dialog in a shared conversation, whose replies name that person. */
    static boolean ofOnePerson(ChannelAddress address) {
        return shared(address.conversationType()) && address.userId() != null
                && address.conversationId().endsWith(SEPARATOR + address.userId());
    }

    /**
     * The Teams conversation {@code address}'s replies are posted to: the dialog's address with the
     * conversation id Teams knows. Other addresses (personal chats, the helpdesk's channel, a shared
     * conversation's dialog stored before dialogs were per person) as they are.
     */
    static ChannelAddress teamsConversation(ChannelAddress address) {
        if (!ofOnePerson(address)) {
            return address;
        }
        String id = address.conversationId();
        return new ChannelAddress(address.channel(), id.substring(0, id.length() - SEPARATOR.length()
                - address.userId().length()), address.serviceUrl(), address.botId(), address.botName(),
                address.userId(), address.userName(), address.userAadObjectId(), address.tenantId(),
                address.conversationType());
    }

    /** Teams' shared conversations: {@code groupChat} and {@code channel} (a thread of a team's channel). */
    private static boolean shared(String conversationType) {
        return "groupChat".equals(conversationType) || "channel".equals(conversationType);
    }
}
