package org.certdesk.bot.channel.webchat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class WebChatPropertiesTests {

    private static WebChatProperties with(String secret, Duration lifetime) {
        return new WebChatProperties(secret, lifetime, false, DataSize.ofKilobytes(32), 100, 20, Duration.ofDays(30));
    }

    @Test
    void aBlankSecretMeansOneKeptInTheDatabase() {
        assertThat(with("  ", Duration.ofMinutes(30)).tokenSecret()).isNull();
    }

    @Test
    void aShortSecretIsRefusedAtStart() {
        assertThatThrownBy(() -> with("short", Duration.ofMinutes(30)))
                .hasMessage("certdesk.webchat.token-secret must have at least 32 characters, has 5");
    }

    @Test
    void aTokenMustOutliveWebChatsRefreshInterval() {
        assertThatThrownBy(() -> with(null, Duration.ofMinutes(15)))
                .hasMessageStartingWith("certdesk.webchat.token-lifetime must be longer than Web Chat's refresh interval");
        assertThat(with(null, Duration.ofMinutes(16)).tokenLifetime()).isEqualTo(Duration.ofMinutes(16));
    }
}
