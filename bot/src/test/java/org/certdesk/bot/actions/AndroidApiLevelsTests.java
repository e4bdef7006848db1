package org.certdesk.bot.actions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class AndroidApiLevelsTests {
    private static final Set<Integer> BUNDLED = IntStream.rangeClosed(24, 36).boxed().collect(Collectors.toSet());

    @Test
    void bucketsStandForTheirNewestReleaseUnlessThePhoneSaidMore() {
        assertThat(AndroidApiLevels.forAnalysis("11_plus", null, BUNDLED)).isEqualTo(36);
        assertThat(AndroidApiLevels.forAnalysis("7_to_10", null, BUNDLED)).isEqualTo(29);
        assertThat(AndroidApiLevels.forAnalysis("unknown", null, BUNDLED)).isEqualTo(36);
        assertThat(AndroidApiLevels.forAnalysis(null, null, BUNDLED)).isEqualTo(36);
        assertThat(AndroidApiLevels.forAnalysis("7_to_10", 33, BUNDLED)).as("the phone knows").isEqualTo(33);
        assertThat(AndroidApiLevels.forAnalysis("11_plus", 40, BUNDLED)).as("newer than bundled").isEqualTo(36);
        assertThat(AndroidApiLevels.forAnalysis("unknown", 21, BUNDLED)).isEqualTo(24);
        assertThat(AndroidApiLevels.forAnalysis("unknown", 31, Set.of(24, 30, 36))).as("a gap").isEqualTo(30);
    }

    @Test
    void exactLevelsFallIntoTheScriptsBuckets() {
        assertThat(AndroidApiLevels.bucketOf(30)).isEqualTo("11_plus");
        assertThat(AndroidApiLevels.bucketOf(36)).isEqualTo("11_plus");
        assertThat(AndroidApiLevels.bucketOf(29)).isEqualTo("7_to_10");
        assertThat(AndroidApiLevels.bucketOf(24)).isEqualTo("7_to_10");
        assertThat(AndroidApiLevels.bucketOf(23)).isNull();
    }
}
