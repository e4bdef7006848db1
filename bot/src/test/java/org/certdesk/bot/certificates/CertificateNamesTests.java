package org.certdesk.bot.certificates;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CertificateNamesTests {

    @Test
    void keysIgnoreCaseAccentsPunctuationAndSpacing() {
        assertThat(CertificateNames.key("  DigiCert Global Root-G2 ")).isEqualTo("digicert global root g2");
        assertThat(CertificateNames.key("Société Générale « Root » CA")).isEqualTo(CertificateNames.key("societe generale root ca"));
    }

    @Test
    void fileNamesAreSafeAscii() {
        assertThat(CertificateNames.fileName("Contoso Issuing CA 1")).isEqualTo("Contoso-Issuing-CA-1.crt");
        assertThat(CertificateNames.fileName("AC Racine – Société Générale")).isEqualTo("AC-Racine-Societe-Generale.crt");
        assertThat(CertificateNames.fileName("../../etc/passwd")).isEqualTo("etc-passwd.crt");
        assertThat(CertificateNames.fileName("日本")).isEqualTo("certificate.crt");
        assertThat(CertificateNames.fileName("x".repeat(100))).hasSize(64 + 4);
    }
}
