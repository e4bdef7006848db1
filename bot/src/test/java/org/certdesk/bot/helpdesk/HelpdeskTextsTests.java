package org.certdesk.bot.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;

import org.certdesk.analyzer.ProblemCode;
import org.junit.jupiter.api.Test;

/** Every verdict the analyzer can give has words in both languages; one it gives later shows as its code. */
class HelpdeskTextsTests {

    @Test
    void everyVerdictOfTheAnalyzerHasFrenchAndEnglishWords() {
        for (ProblemCode code : ProblemCode.values()) {
            String french = HelpdeskTexts.verdict(code.name(), "fr");
            String english = HelpdeskTexts.verdict(code.name(), "en");
            assertThat(french).as(code + " in French").isNotEqualTo(code.name()).isNotBlank();
            assertThat(english).as(code + " in English").isNotEqualTo(code.name()).isNotBlank();
            assertThat(french).as(code + " is translated").isNotEqualTo(english);
        }
    }

    @Test
    void anUnknownVerdictShowsAsItsCodeAndNoVerdictAsNothing() {
        assertThat(HelpdeskTexts.verdict("SOMETHING_NEW", "fr")).isEqualTo("SOMETHING_NEW");
        assertThat(HelpdeskTexts.verdict(null, "en")).isNull();
        assertThat(HelpdeskTexts.reason("several_missing", "fr-FR")).isEqualTo("plusieurs certificats manquent");
    }
}
