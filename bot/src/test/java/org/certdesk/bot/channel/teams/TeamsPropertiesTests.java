package org.certdesk.bot.channel.teams;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TeamsPropertiesTests {
    private static TeamsProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("certdesk.bot", TeamsProperties.class);
    }

    @Test
    void defaults() {
        TeamsProperties properties = bind(Map.of());
        assertThat(properties.authEnabled()).isFalse();
        assertThat(properties.openidMetadataUrl())
                .isEqualTo(URI.create("https://login.botframework.com/v1/.well-known/openidconfiguration"));
        assertThat(properties.tokenUrl())
                .isEqualTo(URI.create("https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token"));
        assertThat(properties.tokenScope()).isEqualTo("https://api.botframework.com/.default");
        assertThat(properties.clockSkew()).isEqualTo(Duration.ofMinutes(5));
        assertThat(properties.jwksMaxAge()).isEqualTo(Duration.ofHours(24));
        assertThat(properties.jwksMinRefreshInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(properties.maxActivitySize()).isEqualTo(DataSize.ofKilobytes(256));
    }

    @Test
    void singleTenantBotsGetTheirTenantsTokenUrl() {
        TeamsProperties properties = bind(Map.of("certdesk.bot.app-id", "app", "certdesk.bot.tenant-id", "contoso-tenant"));
        assertThat(properties.authEnabled()).isTrue();
        assertThat(properties.tokenUrl())
                .isEqualTo(URI.create("https://login.microsoftonline.com/contoso-tenant/oauth2/v2.0/token"));
    }

    @Test
    void anExplicitTokenUrlWins() {
        TeamsProperties properties = bind(Map.of("certdesk.bot.tenant-id", "t", "certdesk.bot.token-url", "http://localhost:9/token"));
        assertThat(properties.tokenUrl()).isEqualTo(URI.create("http://localhost:9/token"));
    }

    @Test
    void aBlankAppIdMeansAuthOff() {
        assertThat(bind(Map.of("certdesk.bot.app-id", "  ")).authEnabled()).isFalse();
    }

    @Test
    void aNegativeSkewIsRefused() {
        assertThatThrownBy(() -> bind(Map.of("certdesk.bot.clock-skew", "-1m"))).hasRootCauseMessage(
                "certdesk.bot.clock-skew must be zero or more, was PT-1M");
    }
}
