package org.certdesk.bot.certificates;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.certdesk.analyzer.CertificateFacts;
import org.certdesk.bot.shared.ConversationKey;
import org.certdesk.bot.testing.LoopbackPki;
import org.certdesk.bot.testing.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;

class IssuedCertificatesTests {

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void issuedOnceFoundByFingerprintAndByFoldedName(TestDatabases database) throws Exception {
        IssuedCertificates issued = new IssuedCertificates(JdbcClient.create(database.fresh()));
        var certificate = LoopbackPki.get().issuing1();
        String sha256 = CertificateFacts.sha256(certificate);

        issued.issue(certificate, "Contoso Issuing CA 1", new ConversationKey("test", "c-1"), Instant.now());
        issued.issue(certificate, "Another name", new ConversationKey("test", "c-2"), Instant.now());

        IssuedCertificate found = issued.find(sha256).orElseThrow();
        assertThat(found.der()).isEqualTo(certificate.getEncoded());
        assertThat(found.name()).as("the first issue is kept").isEqualTo("Contoso Issuing CA 1");
        assertThat(issued.find("0".repeat(64))).isEmpty();
        assertThat(issued.findByNameKey(CertificateNames.key("CONTOSO issuing-ca 1"))).extracting(IssuedCertificate::sha256)
                .containsExactly(sha256);
    }
}
