package org.certdesk.bot.channel.webchat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.certdesk.bot.system.StoredSecrets;
import org.springframework.stereotype.Component;

/**
 * Issues and checks the Direct Line tokens of the web chat: {@code dl1.<conversation>.<expiry>.<mac>},
 * an HMAC-SHA256 over the rest. A token names exactly one conversation, so it can neither read nor
 * post to another, and the server keeps nothing per token: any instance that shares the key (from
 * configuration, else kept in the database) accepts it, also after a restart.
 */
@Component
class DirectLineTokens {
    private static final String VERSION = "dl1";
    private static final String SECRET_NAME = "webchat-direct-line-token";
    private static final Pattern CONVERSATION_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern EXPIRY = Pattern.compile("[0-9]{1,12}");

    /** A token and what Direct Line answers with it. */
    record Issued(String conversationId, String token, long expiresInSeconds) {}

    private final WebChatProperties properties;
    private final StoredSecrets secrets;
    private final Clock clock;
    private volatile SecretKeySpec key; // loaded on first use: the database is migrated by then

    DirectLineTokens(WebChatProperties properties, StoredSecrets secrets, Clock clock) {
        this.properties = properties;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** A token for {@code conversationId}, valid for the configured lifetime from now. */
    Issued issue(String conversationId) {
        if (!CONVERSATION_ID.matcher(conversationId).matches()) {
            throw new IllegalArgumentException("not a web chat conversation id: '" + conversationId + "'");
        }
        long lifetime = properties.tokenLifetime().toSeconds();
        String unsigned = VERSION + "." + conversationId + "." + (clock.instant().getEpochSecond() + lifetime);
        return new Issued(conversationId, unsigned + "." + mac(unsigned), lifetime);
    }

    /**
     * The conversation the request's {@code Authorization: Bearer} token is valid for.
     *
     * @throws DirectLineException 401 without a token or with one this server did not sign, 403 once expired
     */
    String conversationOf(String authorization) {
        String token = bearer(authorization);
        String[] parts = token.split("\\.", -1);
        if (parts.length != 4 || !VERSION.equals(parts[0]) || !CONVERSATION_ID.matcher(parts[1]).matches()
                || !EXPIRY.matcher(parts[2]).matches()) {
            throw invalid();
        }
        String unsigned = parts[0] + "." + parts[1] + "." + parts[2];
        byte[] expected = mac(unsigned).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, parts[3].getBytes(StandardCharsets.US_ASCII))) {
            throw invalid();
        }
        Instant expiry = Instant.ofEpochSecond(Long.parseLong(parts[2]));
        if (!clock.instant().isBefore(expiry)) {
            // 403, as the Direct Line service answers: Web Chat then reports the token as expired.
            throw DirectLineException.forbidden("TokenExpired", DirectLineTexts.TOKEN_EXPIRED, expiry);
        }
        return parts[1];
    }

    /**
     * Checks that the request's token is valid and for {@code conversationId}.
     *
     * @throws DirectLineException as {@link #conversationOf}, and 403 when the token is for another conversation
     */
    void requireFor(String authorization, String conversationId) {
        if (!conversationOf(authorization).equals(conversationId)) {
            throw DirectLineException.forbidden("TokenConversationMismatch",
                    DirectLineTexts.TOKEN_OF_ANOTHER_CONVERSATION, conversationId);
        }
    }

    private static String bearer(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw DirectLineException.unauthorized("MissingToken", DirectLineTexts.NO_TOKEN);
        }
        String value = authorization.strip();
        if (value.length() < 8 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw DirectLineException.unauthorized("MissingToken", DirectLineTexts.NOT_BEARER);
        }
        return value.substring(7).strip();
    }

    private static DirectLineException invalid() {
        // One answer for every forgery: a caller learns nothing about which check failed.
        return DirectLineException.unauthorized("InvalidToken", DirectLineTexts.INVALID_TOKEN);
    }

    private String mac(String unsigned) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key());
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(unsigned.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec current = key;
        if (current == null) {
            byte[] bytes = properties.tokenSecret() != null
                    ? properties.tokenSecret().getBytes(StandardCharsets.UTF_8)
                    : secrets.getOrCreate(SECRET_NAME);
            current = new SecretKeySpec(bytes, "HmacSHA256");
            key = current;
        }
        return current;
    }
}
