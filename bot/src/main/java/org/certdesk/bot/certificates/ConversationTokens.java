package org.certdesk.bot.certificates;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.OptionalLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.certdesk.bot.system.CertdeskProperties;
import org.certdesk.bot.system.StoredSecrets;
import org.springframework.stereotype.Component;

/**
 * The {@code c} parameter of a download link: a conversation's number and an HMAC of it, so the
 * phone's download can be tied to its conversation (to read its Android version) without a guessable
 * reference. Example: {@code 42.q3vD1QK0dVvHkqfJ2CwR5w}. The key is
 * {@code certdesk.certificates.token-secret}, else one generated on first start and stored.
 */
@Component
class ConversationTokens {
    private static final String ALGORITHM = "HmacSHA256";
    private static final int TAG_BYTES = 16;

    private final CertdeskProperties.Certificates settings;
    private final StoredSecrets secrets;
    private volatile SecretKeySpec key;

    ConversationTokens(CertdeskProperties properties, StoredSecrets secrets) {
        this.settings = properties.certificates();
        this.secrets = secrets;
    }

    String token(long conversationRef) {
        return conversationRef + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(tag(conversationRef));
    }

    /** The conversation number of a valid token; empty for anything else (never an exception). */
    OptionalLong verify(String token) {
        if (token == null || token.length() > 64) {
            return OptionalLong.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return OptionalLong.empty();
        }
        try {
            long ref = Long.parseLong(token.substring(0, dot));
            byte[] given = Base64.getUrlDecoder().decode(token.substring(dot + 1));
            return MessageDigest.isEqual(given, tag(ref)) ? OptionalLong.of(ref) : OptionalLong.empty();
        } catch (IllegalArgumentException e) {
            return OptionalLong.empty();
        }
    }

    private byte[] tag(long ref) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key());
            byte[] full = mac.doFinal(("certdesk-download:" + ref).getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(full, TAG_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    /** Read on first use, not at start-up: the database may not be migrated yet when beans are built. */
    private SecretKeySpec key() {
        SecretKeySpec current = key;
        if (current == null) {
            String configured = settings.tokenSecret();
            byte[] bytes = configured != null && !configured.isBlank()
                    ? configured.getBytes(StandardCharsets.UTF_8)
                    : secrets.getOrCreate("download-token");
            current = new SecretKeySpec(bytes, ALGORITHM);
            key = current;
        }
        return current;
    }
}
