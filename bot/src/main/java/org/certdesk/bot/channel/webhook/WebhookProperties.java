package org.certdesk.bot.channel.webhook;

import java.time.Duration;
import java.util.Base64;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Teams outgoing webhook, under {@code certdesk.webhook}.
 *
 * @param secret the security token Teams shows once when the outgoing webhook is created (base64);
 *     without it every call is refused with 401
 * @param replyTimeout how long a mention waits for its replies before answering what is there;
 *     below Teams' 5 seconds, which include the network both ways
 * @param mailboxRetention how long replies nobody came back for (and given ones) are kept
 */
@ConfigurationProperties("certdesk.webhook")
record WebhookProperties(
        String secret,
        @DefaultValue("4s") Duration replyTimeout,
        @DefaultValue("7d") Duration mailboxRetention) {

    /** Teams abandons the call after this; an answer prepared later is never seen. */
    static final Duration TEAMS_DEADLINE = Duration.ofSeconds(5);

    WebhookProperties {
        secret = secret == null || secret.isBlank() ? null : secret.strip();
        if (secret != null) {
            // Refused at start-up rather than answering 401 to every call, which looks like Teams' fault.
            byte[] key;
            try {
                key = Base64.getDecoder().decode(secret);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("certdesk.webhook.secret must be the base64 security token Teams"
                        + " showed when the outgoing webhook was created: " + e.getMessage());
            }
            if (key.length == 0) {
                throw new IllegalArgumentException("certdesk.webhook.secret decodes to no bytes");
            }
        }
        if (replyTimeout == null || replyTimeout.isNegative() || replyTimeout.isZero()
                || replyTimeout.compareTo(TEAMS_DEADLINE) >= 0) {
            throw new IllegalArgumentException("certdesk.webhook.reply-timeout must be positive and shorter than"
                    + " Teams' " + TEAMS_DEADLINE.toSeconds() + " seconds, is " + replyTimeout);
        }
        if (mailboxRetention == null || mailboxRetention.isNegative() || mailboxRetention.isZero()) {
            throw new IllegalArgumentException("certdesk.webhook.mailbox-retention must be positive, is "
                    + mailboxRetention);
        }
    }

    /** The HMAC key: the decoded secret, or null when none is configured. */
    byte[] key() {
        return secret == null ? null : Base64.getDecoder().decode(secret);
    }

    /** Never prints the secret (the record's default would, e.g. in a failed-binding report). */
    @Override
    public String toString() {
        return "WebhookProperties[secret=" + (secret == null ? "none" : "****") + ", replyTimeout=" + replyTimeout
                + ", mailboxRetention=" + mailboxRetention + "]";
    }
}
