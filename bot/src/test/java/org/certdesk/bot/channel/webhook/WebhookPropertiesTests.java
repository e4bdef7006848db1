package org.certdesk.bot.channel.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code certdesk.webhook.*}: defaults, binding, and what is refused at start-up. */
class WebhookPropertiesTests {

    private static WebhookProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("certdesk.webhook", WebhookProperties.class);
    }

    @Test
    void defaults() {
        WebhookProperties properties = bind(Map.of());

        assertThat(properties.secret()).isNull();
        assertThat(properties.key()).isNull();
        assertThat(properties.replyTimeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(properties.mailboxRetention()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void settingsBindAndTheSecretIsDecodedButNeverPrinted() {
        WebhookProperties properties = bind(Map.of("certdesk.webhook.secret", " " + WebhookBotTest.SECRET + " ",
                "certdesk.webhook.reply-timeout", "3500ms", "certdesk.webhook.mailbox-retention", "1d"));

        assertThat(properties.key()).hasSize(32);
        assertThat(properties.replyTimeout()).isEqualTo(Duration.ofMillis(3500));
        assertThat(properties.mailboxRetention()).isEqualTo(Duration.ofDays(1));
        assertThat(properties.toString()).doesNotContain(WebhookBotTest.SECRET).contains("****");
    }

    @Test
    void aBlankSecretIsNone() {
        assertThat(bind(Map.of("certdesk.webhook.secret", "  ")).key()).isNull();
    }

    @Test
    void aSecretThatIsNotBase64StopsTheStart() {
        assertThatThrownBy(() -> bind(Map.of("certdesk.webhook.secret", "not base64!")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("certdesk.webhook.secret");
    }

    @Test
    void aReplyTimeoutTeamsWouldNotWaitForStopsTheStart() {
        assertThatThrownBy(() -> bind(Map.of("certdesk.webhook.reply-timeout", "5s")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("shorter than Teams' 5 seconds");
        assertThatThrownBy(() -> bind(Map.of("certdesk.webhook.reply-timeout", "0s")))
                .isInstanceOf(BindException.class);
    }
}
