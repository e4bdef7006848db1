package org.certdesk.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.List;

import org.certdesk.analyzer.testing.TestPki;
import org.junit.jupiter.api.Test;

class CertificateReaderTests {
    private final TestPki.Chain chain = TestPki.simpleChain("sts.contoso.com");

    @Test
    void readsDer() throws Exception {
        assertThat(CertificateReader.read(chain.leaf().certificate().getEncoded())).containsExactly(chain.leaf().certificate());
    }

    @Test
    void readsPemBlocksInOrderIgnoringTextAround() throws Exception {
        String pasted = "Here is what the browser showed:\r\n" + pem(chain.leaf()) + "and its issuer\n" + pem(chain.intermediate());

        assertThat(CertificateReader.read(pasted.getBytes(StandardCharsets.UTF_8)))
                .containsExactly(chain.leaf().certificate(), chain.intermediate().certificate());
    }

    @Test
    void readsPkcs7BundlesAsSomeAiaUrlsServeThem() throws Exception {
        byte[] p7c = CertificateFactory.getInstance("X.509")
                .generateCertPath(List.of(chain.intermediate().certificate(), chain.root().certificate())).getEncoded("PKCS7");

        assertThat(CertificateReader.read(p7c))
                .containsExactlyInAnyOrder(chain.intermediate().certificate(), chain.root().certificate());
    }

    @Test
    void refusesGarbageWithAClearMessage() {
        assertThatThrownBy(() -> CertificateReader.read("<html>Not found</html>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CertificateException.class).hasMessageContaining("neither PEM nor DER");
        assertThatThrownBy(() -> CertificateReader.read(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}))
                .isInstanceOf(CertificateException.class).hasMessageContaining("not a DER certificate");
        assertThatThrownBy(() -> CertificateReader.read("-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CertificateException.class);
        assertThatThrownBy(() -> CertificateReader.read(new byte[0])).hasMessageContaining("empty");
    }

    static String pem(TestPki.Held held) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(held.certificate().getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }
}
