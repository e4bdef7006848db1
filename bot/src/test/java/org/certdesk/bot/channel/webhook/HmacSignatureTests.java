package org.certdesk.bot.channel.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.api.Test;

/** The signature check alone; {@link WebhookAuthTests} runs the same cases over HTTP. */
class HmacSignatureTests {
    private static final String SECRET = WebhookBotTest.SECRET;
    private static final byte[] KEY = Base64.getDecoder().decode(SECRET);
    private static final byte[] BODY = "{\"type\":\"message\",\"text\":\"<at>certdesk</at> été\"}"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void teamsSignatureOfTheExactBodyIsAccepted() {
        assertThat(HmacSignature.check(KEY, BODY, TeamsWebhook.sign(SECRET, BODY))).isNull();
        assertThat(HmacSignature.authorization(KEY, BODY)).isEqualTo(TeamsWebhook.sign(SECRET, BODY));
    }

    @Test
    void theSchemeIsCaseInsensitive() {
        String signature = TeamsWebhook.sign(SECRET, BODY).substring("HMAC ".length());
        assertThat(HmacSignature.check(KEY, BODY, "hmac " + signature)).isNull();
    }

    @Test
    void anotherSecretDoesNotMatch() {
        String other = Base64.getEncoder().encodeToString(new byte[32]);
        assertThat(HmacSignature.check(KEY, BODY, TeamsWebhook.sign(other, BODY)))
                .isEqualTo(HmacSignature.Failure.MISMATCH);
    }

    @Test
    void aTamperedBodyDoesNotMatch() {
        byte[] tampered = BODY.clone();
        tampered[tampered.length - 3] ^= 1;
        assertThat(HmacSignature.check(KEY, tampered, TeamsWebhook.sign(SECRET, BODY)))
                .isEqualTo(HmacSignature.Failure.MISMATCH);
    }

    @Test
    void theBodyIsTakenAsBytesNotAsText() {
        // The same text re-encoded: what a check over a re-serialised body would wrongly accept.
        byte[] latin1 = new String(BODY, StandardCharsets.UTF_8).getBytes(StandardCharsets.ISO_8859_1);
        assertThat(HmacSignature.check(KEY, latin1, TeamsWebhook.sign(SECRET, BODY)))
                .isEqualTo(HmacSignature.Failure.MISMATCH);
    }

    @Test
    void aMissingOrForeignHeaderIsMissing() {
        assertThat(HmacSignature.check(KEY, BODY, null)).isEqualTo(HmacSignature.Failure.MISSING);
        assertThat(HmacSignature.check(KEY, BODY, "")).isEqualTo(HmacSignature.Failure.MISSING);
        assertThat(HmacSignature.check(KEY, BODY, "HMAC ")).isEqualTo(HmacSignature.Failure.MISSING);
        assertThat(HmacSignature.check(KEY, BODY, "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln"))
                .isEqualTo(HmacSignature.Failure.MISSING);
    }

    @Test
    void aSignatureThatIsNotBase64IsMalformed() {
        assertThat(HmacSignature.check(KEY, BODY, "HMAC not*base64!")).isEqualTo(HmacSignature.Failure.MALFORMED);
    }

    @Test
    void aTruncatedSignatureDoesNotMatch() {
        String signature = TeamsWebhook.sign(SECRET, BODY);
        String truncated = Base64.getEncoder().encodeToString(
                Arrays.copyOf(Base64.getDecoder().decode(signature.substring(5)), 16));
        assertThat(HmacSignature.check(KEY, BODY, "HMAC " + truncated)).isEqualTo(HmacSignature.Failure.MISMATCH);
    }

    @Test
    void withoutASecretNothingIsAccepted() {
        assertThat(HmacSignature.check(null, BODY, TeamsWebhook.sign(SECRET, BODY)))
                .isEqualTo(HmacSignature.Failure.NOT_CONFIGURED);
    }
}
