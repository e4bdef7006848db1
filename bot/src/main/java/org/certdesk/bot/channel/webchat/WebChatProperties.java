package org.certdesk.bot.channel.webchat;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The web chat page and its Direct Line endpoint, under {@code certdesk.webchat}.
 *
 * @param tokenSecret the HMAC key of Direct Line tokens (at least 32 characters); when empty a
 *     random key is generated on first start and kept in the database, shared by all instances
 * @param tokenLifetime how long a token is valid; more than 15 minutes, as Web Chat refreshes it that often
 * @param requireSignIn open conversations only for a signed-in user (deployments outside a trusted
 *     network); without any sign-in configured, the page then refuses everyone, saying why
 * @param maxActivitySize the largest activity a browser may post
 * @param maxActivitiesPerPoll how many activities one poll returns at most (the next poll gets the rest)
 * @param conversationsPerMinute how many conversations one address may open a minute (429 beyond)
 * @param retention how long a conversation is kept, with its activities, after its last activity
 *     (or its opening, when nothing was said): the employee's messages are personal data
 */
@ConfigurationProperties("certdesk.webchat")
record WebChatProperties(
        String tokenSecret,
        @DefaultValue("30m") Duration tokenLifetime,
        @DefaultValue("false") boolean requireSignIn,
        @DefaultValue("32KB") DataSize maxActivitySize,
        @DefaultValue("100") int maxActivitiesPerPoll,
        @DefaultValue("60") int conversationsPerMinute,
        @DefaultValue("30d") Duration retention) {

    static final int MIN_SECRET_LENGTH = 32;
    /** botframework-directlinejs refreshes a token every 15 minutes (half the service's 30). */
    static final Duration WEB_CHAT_REFRESH_INTERVAL = Duration.ofMinutes(15);

    WebChatProperties {
        tokenSecret = tokenSecret == null || tokenSecret.isBlank() ? null : tokenSecret;
        if (tokenSecret != null && tokenSecret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("certdesk.webchat.token-secret must have at least " + MIN_SECRET_LENGTH
                    + " characters, has " + tokenSecret.length());
        }
        if (tokenLifetime.compareTo(WEB_CHAT_REFRESH_INTERVAL) <= 0) {
            // A shorter life would expire the page's token before Web Chat gets round to refreshing it.
            throw new IllegalArgumentException("certdesk.webchat.token-lifetime must be longer than Web Chat's refresh"
                    + " interval of 15 minutes, is " + tokenLifetime);
        }
        if (maxActivitySize.toBytes() < 1024 || maxActivitySize.toBytes() > 1024 * 1024) {
            // A chat message is a few hundred bytes; a megabyte is already far more than any activity needs.
            throw new IllegalArgumentException("certdesk.webchat.max-activity-size must be between 1KB and 1MB, is "
                    + maxActivitySize);
        }
        if (conversationsPerMinute < 1) {
            throw new IllegalArgumentException("certdesk.webchat.conversations-per-minute must be positive, is "
                    + conversationsPerMinute);
        }
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("certdesk.webchat.retention must be positive, is " + retention);
        }
        if (maxActivitiesPerPoll < 1) {
            throw new IllegalArgumentException("certdesk.webchat.max-activities-per-poll must be positive, is "
                    + maxActivitiesPerPoll);
        }
    }
}
