package org.certdesk.analyzer.x509;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;

import org.certdesk.analyzer.testing.TestPki;
import org.junit.jupiter.api.Test;

class HostnameMatcherTests {
    private final X509Certificate wildcard = TestPki.certificate("contoso").dnsNames("*.contoso.com", "contoso.com").build().certificate();

    @Test
    void wildcardCoversExactlyOneLabel() {
        assertThat(HostnameMatcher.matches(wildcard, "sts.contoso.com")).isTrue();
        assertThat(HostnameMatcher.matches(wildcard, "STS.Contoso.com.")).isTrue();
        assertThat(HostnameMatcher.matches(wildcard, "contoso.com")).isTrue();
        assertThat(HostnameMatcher.matches(wildcard, "a.sts.contoso.com")).isFalse();
        assertThat(HostnameMatcher.matches(wildcard, "contoso.com.evil.net")).isFalse();
    }

    @Test
    void commonNameAloneDoesNotCount() {
        X509Certificate cnOnly = TestPki.certificate("sts.contoso.com").build().certificate();
        assertThat(HostnameMatcher.matches(cnOnly, "sts.contoso.com")).isFalse();
        assertThat(HostnameMatcher.names(cnOnly)).isEmpty();
    }

    @Test
    void wildcardOverAPublicSuffixMatchesNothing() {
        X509Certificate tooWide = TestPki.certificate("wide").dnsNames("*.com").build().certificate();
        assertThat(HostnameMatcher.matches(tooWide, "contoso.com")).isFalse();
    }
}
