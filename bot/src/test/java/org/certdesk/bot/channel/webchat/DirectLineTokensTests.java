package org.certdesk.bot.channel.webchat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

/** Tokens: bound to one conversation, signed, expiring. */
class DirectLineTokensTests {
    private static final String SECRET = "a-secret-of-at-least-32-characters-for-tests";

    private final TestClock clock = new TestClock();
    private final DirectLineTokens tokens = tokens(SECRET);

    private DirectLineTokens tokens(String secret) {
        return new DirectLineTokens(new WebChatProperties(secret, Duration.ofMinutes(30), false, DataSize.ofKilobytes(32),
                100, 20, Duration.ofDays(30)), null, clock);
    }

    @Test
    void aTokenNamesItsConversation() {
        DirectLineTokens.Issued issued = tokens.issue("conv_A-1");
        assertThat(issued.expiresInSeconds()).isEqualTo(1800);
        assertThat(tokens.conversationOf("Bearer " + issued.token())).isEqualTo("conv_A-1");
        assertThat(tokens.conversationOf("bearer  " + issued.token() + " ")).isEqualTo("conv_A-1");
        tokens.requireFor("Bearer " + issued.token(), "conv_A-1");
    }

    @Test
    void aTokenIsRefusedForAnotherConversation() {
        String token = tokens.issue("conv-a").token();
        assertThatThrownBy(() -> tokens.requireFor("Bearer " + token, "conv-b"))
                .isInstanceOfSatisfying(DirectLineException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.FORBIDDEN);
                    assertThat(e.code()).isEqualTo("TokenConversationMismatch");
                });
    }

    @Test
    void changingAnyPartBreaksTheSignature() {
        String token = tokens.issue("conv-a").token();
        String[] parts = token.split("\\.");
        String otherConversation = parts[0] + ".conv-b." + parts[2] + "." + parts[3];
        String longerLife = parts[0] + "." + parts[1] + "." + (Long.parseLong(parts[2]) + 3600) + "." + parts[3];
        for (String forged : new String[] { otherConversation, longerLife, token + "x", "dl1.conv-a", "" + token.replace("dl1", "dl2") }) {
            assertThatThrownBy(() -> tokens.conversationOf("Bearer " + forged))
                    .isInstanceOfSatisfying(DirectLineException.class, e -> {
                        assertThat(e.status()).isEqualTo(HttpStatus.UNAUTHORIZED);
                        assertThat(e.code()).isEqualTo("InvalidToken");
                    });
        }
        assertThatThrownBy(() -> tokens("another-secret-of-at-least-32-characters").conversationOf("Bearer " + token))
                .hasMessage("The token is not a Direct Line token of this server.");
    }

    @Test
    void aTokenExpiresAfterItsLifetime() {
        String token = tokens.issue("conv-a").token();
        clock.advance(Duration.ofMinutes(29).plusSeconds(59));
        assertThat(tokens.conversationOf("Bearer " + token)).isEqualTo("conv-a");
        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> tokens.conversationOf("Bearer " + token))
                .isInstanceOfSatisfying(DirectLineException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.FORBIDDEN);
                    assertThat(e.code()).isEqualTo("TokenExpired");
                    assertThat(e.getMessage()).endsWith("Reload the page to start a new conversation.");
                });
    }

    @Test
    void aMissingOrNonBearerHeaderIsSaidSo() {
        assertThatThrownBy(() -> tokens.conversationOf(null)).hasMessageStartingWith("No Direct Line token");
        assertThatThrownBy(() -> tokens.conversationOf("Basic dXNlcjpwYXNz"))
                .hasMessage("The Authorization header must be 'Bearer <token>'.");
    }

    @Test
    void onlyConversationIdsThisServerMakesGetTokens() {
        assertThatThrownBy(() -> tokens.issue("a.b")).isInstanceOf(IllegalArgumentException.class);
    }
}
