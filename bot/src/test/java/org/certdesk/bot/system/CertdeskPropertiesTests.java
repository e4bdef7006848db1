package org.certdesk.bot.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

/** The defaults docs/configuration.md documents, and how settings bind (as environment variables would). */
class CertdeskPropertiesTests {

    private static CertdeskProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("certdesk", CertdeskProperties.class);
    }

    @Test
    void defaultsRunOnALaptop() {
        CertdeskProperties properties = bind(Map.of());

        assertThat(properties.publicBaseUrl()).isEqualTo(URI.create("http://localhost:3978"));
        assertThat(properties.analyzer().hosts()).containsExactly("portal.manage.microsoft.com", "login.microsoftonline.com");
        assertThat(properties.analyzer().adfsHost()).isNull();
        assertThat(properties.analyzer().allowPrivate()).isFalse();
        assertThat(properties.analyzer().trustedRoots()).isEmpty();
        assertThat(properties.analyzer().connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(properties.analyzer().handshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(properties.analyzer().cacheTtl()).isEqualTo(Duration.ofMinutes(10));
        assertThat(properties.turns().workers()).isEqualTo(4);
        assertThat(properties.turns().maxAttempts()).isEqualTo(3);
        assertThat(properties.outbox().pollInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(properties.outbox().maxBackoff()).isEqualTo(Duration.ofMinutes(5));
        // Failover within 10 s: short leases renewed while the work runs, a sweep every 2 s.
        assertThat(properties.outbox().lease()).isEqualTo(Duration.ofSeconds(6));
        assertThat(properties.turns().actionLease()).isEqualTo(Duration.ofSeconds(6));
        assertThat(properties.turns().actionMaxRun()).isEqualTo(Duration.ofMinutes(2));
        assertThat(properties.turns().recoveryInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(properties.certificates().tokenSecret()).isNull();
        assertThat(properties.limits().maxRequestBody()).isEqualTo(DataSize.ofKilobytes(256));
    }

    @Test
    void settingsBindFromFlatKeys() {
        CertdeskProperties properties = bind(Map.of(
                "certdesk.public-base-url", "https://certdesk.contoso.com",
                "certdesk.analyzer.hosts", "portal.manage.microsoft.com,sts.contoso.com:8443",
                "certdesk.analyzer.adfs-host", "adfs.contoso.com",
                "certdesk.analyzer.trusted-roots", "/etc/certdesk/root.pem",
                "certdesk.outbox.max-backoff", "2m",
                "certdesk.limits.max-request-body", "64KB"));

        assertThat(properties.publicBaseUrl().getHost()).isEqualTo("certdesk.contoso.com");
        assertThat(properties.analyzer().hosts()).isEqualTo(List.of("portal.manage.microsoft.com", "sts.contoso.com:8443"));
        assertThat(properties.analyzer().adfsHost()).isEqualTo("adfs.contoso.com");
        assertThat(properties.analyzer().trustedRoots()).containsExactly("/etc/certdesk/root.pem");
        assertThat(properties.outbox().maxBackoff()).isEqualTo(Duration.ofMinutes(2));
        assertThat(properties.limits().maxRequestBody()).isEqualTo(DataSize.ofKilobytes(64));
    }
}
