package org.certdesk.bot.conversation;

import java.time.Instant;
import java.util.Objects;

import org.certdesk.bot.shared.ChannelAddress;
import org.certdesk.dialogs.engine.UserInput;

/**
 * One thing a user did, already authenticated and translated from the channel's wire format:
 * the channel's activity id (for de-duplication), where it came from, and the engine input.
 *
 * @param activityId the channel's id of the activity; the same id delivered twice is processed once
 * @param locale the user's language tag as the channel reports it (e.g. {@code fr-FR}), or null
 */
public record Inbound(String activityId, ChannelAddress address, UserInput input, String locale, Instant receivedAt) {
    public Inbound {
        Objects.requireNonNull(activityId, "activityId");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
