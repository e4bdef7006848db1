package org.certdesk.bot.channel.teams;

import java.net.URI;
import java.time.Duration;

import org.springframework.util.unit.DataSize;

/** {@link TeamsProperties} pointing at a WireMock server, with short timeouts. */
final class TestProperties {
    static final String TOKEN_PATH = "/tenant-1/oauth2/v2.0/token";

    private TestProperties() {
    }

    static TeamsProperties of(String baseUrl) {
        return of(baseUrl, TestKeys.APP_ID);
    }

    static TeamsProperties of(String baseUrl, String appId) {
        return new TeamsProperties(appId, "s3cret&=", "tenant-1", URI.create(baseUrl + TestKeys.METADATA_PATH),
                URI.create(baseUrl + TOKEN_PATH), TeamsProperties.DEFAULT_SCOPE, Duration.ofMinutes(5),
                Duration.ofHours(24), Duration.ofMinutes(5), Duration.ofSeconds(2), Duration.ofMillis(1500),
                Duration.ofMillis(1500), DataSize.ofKilobytes(256));
    }
}
