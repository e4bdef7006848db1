package org.certdesk.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.X509Certificate;
import java.util.Optional;

import org.certdesk.analyzer.CertificateFacts;
import org.junit.jupiter.api.Test;

class AndroidTrustStoresTests {
    private static final String ISRG_ROOT_X1 = "96bcec06264976f37460779acf28c5a7cfe8a3c0aae11a8ffcee05c0bddf08c6";
    private static final String DST_ROOT_CA_X3 = "0687260331a72403d909f105e69bcf0d32e1bd2493ffc6d9206d11bcd6770739";
    private static final String GTS_ROOT_R1_2016 = "2a575471e31340bc21581cbd2cf13e158463203ece94bcf9d3cc196bf09a5472";
    private static final String GTS_ROOT_R1_REISSUED = "d947432abde7b7fa90fc2e6b59101b1280e0e1c7e4e40fa3c6887fff57a7f4cf";
    private static final String TRUSTCOR_CA_1 = "d40e9c86cd8fe468c1776959f49ea774fa548684b6c406f3909261f4dce2575c";

    private final AndroidTrustStores stores = AndroidTrustStores.bundled();

    @Test
    void coversAndroid7To16() {
        assertThat(stores.apiLevels()).containsExactly(24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36);
        assertThat(stores.newestApiLevel()).isEqualTo(36);
        assertThat(stores.forApiLevel(24).size()).isEqualTo(148);
        assertThat(stores.forApiLevel(36).size()).isEqualTo(149);
    }

    @Test
    void isrgRootX1ArrivesInAndroid71() {
        X509Certificate isrg = anchor(ISRG_ROOT_X1);
        assertThat(CertificateFacts.displayName(isrg)).isEqualTo("ISRG Root X1");
        assertThat(stores.forApiLevel(24).contains(isrg)).isFalse();
        assertThat(stores.forApiLevel(25).contains(isrg)).isTrue();
        assertThat(stores.levelsLacking(isrg)).containsExactly(24);
    }

    @Test
    void dstRootCaX3LeavesInAndroid14() {
        X509Certificate dst = anchor(DST_ROOT_CA_X3);
        assertThat(stores.levelsContaining(dst)).containsExactly(24, 25, 26, 27, 28, 29, 30, 31, 32, 33);
    }

    @Test
    void reissuedRootIsTheSameAnchorBySubjectAndKey() {
        // GTS Root R1 was re-issued with the same key for Android 14: the old certificate still anchors there.
        X509Certificate original = anchor(GTS_ROOT_R1_2016);
        X509Certificate reissued = anchor(GTS_ROOT_R1_REISSUED);
        assertThat(stores.forApiLevel(34).contains(original)).isTrue();
        assertThat(stores.forApiLevel(33).contains(reissued)).isTrue();
        assertThat(stores.forApiLevel(28).contains(original)).isFalse();
    }

    @Test
    void rootRemovedBySecurityUpdateIsMissingOnThatLevel() {
        // TrustCor was in android-11 r1 and removed by a 2023 security update: not every Android 11 has it.
        X509Certificate trustCor = anchor(TRUSTCOR_CA_1);
        assertThat(stores.forApiLevel(28).contains(trustCor)).isTrue();
        assertThat(stores.forApiLevel(30).contains(trustCor)).isFalse();
    }

    @Test
    void unknownLevelIsRefusedWithTheKnownRange() {
        assertThatThrownBy(() -> stores.forApiLevel(21))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("API level 21")
                .hasMessageContaining("24 (Android 7.0) to 36 (Android 16)");
    }

    @Test
    void releasesAreNamedAsPeopleSayThem() {
        assertThat(AndroidVersion.apiLevelOf("11")).isEqualTo(30);
        assertThat(AndroidVersion.apiLevelOf("Android 7.1.1")).isEqualTo(25);
        assertThat(AndroidVersion.apiLevelOf("12L")).isEqualTo(32);
        assertThat(AndroidVersion.apiLevelOf("9.0")).isEqualTo(28);
        assertThat(AndroidVersion.label(33)).isEqualTo("Android 13 (API 33)");
        assertThatThrownBy(() -> AndroidVersion.apiLevelOf("6")).hasMessageContaining("unknown Android release");
    }

    private X509Certificate anchor(String sha256) {
        Optional<X509Certificate> found = stores.anyLevel().anchors().stream()
                .filter(certificate -> CertificateFacts.sha256(certificate).equals(sha256)).findFirst();
        assertThat(found).as("bundled store holds %s", sha256).isPresent();
        return found.get();
    }

}
