package org.certdesk.bot.certificates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AndroidUserAgentTests {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "none", value = {
            "Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 Chrome/116.0 Mobile Safari/537.36 | 33",
            "Mozilla/5.0 (Linux; Android 7.1.1; Nexus 6 Build/N6F26U) AppleWebKit/537.36 | 25",
            "Mozilla/5.0 (Linux; Android 8.0.0; SM-G960F) AppleWebKit/537.36 | 26",
            "AndroidDownloadManager/11 (Linux; U; Android 11; moto g(8) Build/RPJS31) | 30",
            "Mozilla/5.0 (Android 14; Mobile; rv:121.0) Gecko/121.0 Firefox/121.0 | 34",
            "Mozilla/5.0 (Linux; Android 12L; SM-X700) AppleWebKit/537.36 | 32",
            "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36 | none",
            "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5) AppleWebKit/537.36 | none",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 | none",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 | none"})
    void readsTheReleaseAndIgnoresWhatCannotBeTrusted(String userAgent, Integer apiLevel) {
        assertThat(AndroidUserAgent.apiLevel(userAgent))
                .isEqualTo(apiLevel == null ? OptionalInt.empty() : OptionalInt.of(apiLevel));
    }
}
