package org.certdesk.bot.channel.webhook;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How Teams signs an outgoing webhook call: {@code Authorization: HMAC <base64>}, the HMAC-SHA256 of
 * the request body's exact bytes under the base64-decoded security token. The only proof that a call
 * comes from the team's webhook, so every failure is a plain refusal.
 */
final class HmacSignature {
    private static final String SCHEME = "HMAC ";
    private static final String ALGORITHM = "HmacSHA256";

    private HmacSignature() {
    }

    /** Why a call was refused, for the log only (the caller gets one answer for all). */
    enum Failure {
        NOT_CONFIGURED("certdesk.webhook.secret is not set"),
        MISSING("no Authorization: HMAC header"),
        MALFORMED("the HMAC signature is not base64"),
        MISMATCH("the HMAC signature does not match the body");

        final String reason;

        Failure(String reason) {
            this.reason = reason;
        }
    }

    /**
     * @param key the decoded secret, or null when none is configured
     * @param authorization the Authorization header, or null
     * @return null when the signature is valid, else why not
     */
    static Failure check(byte[] key, byte[] body, String authorization) {
        if (key == null) {
            return Failure.NOT_CONFIGURED;
        }
        if (authorization == null || authorization.length() <= SCHEME.length()
                || !authorization.substring(0, SCHEME.length()).toUpperCase(Locale.ROOT).equals(SCHEME)) {
            return Failure.MISSING;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(authorization.substring(SCHEME.length()).strip());
        } catch (IllegalArgumentException e) {
            return Failure.MALFORMED;
        }
        // Constant time: a byte-by-byte compare that stops early tells an attacker how much matched.
        return MessageDigest.isEqual(mac(key, body), given) ? null : Failure.MISMATCH;
    }

    /** The header value Teams sends for {@code body}. */
    static String authorization(byte[] key, byte[] body) {
        return SCHEME + Base64.getEncoder().encodeToString(mac(key, body));
    }

    private static byte[] mac(byte[] key, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is a required JDK algorithm", e);
        }
    }
}
