package org.certdesk.bot.channel.webchat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Like PetClinic's i18n sync test: a text added in one language must exist in the other. */
class PageTextsTests {

    @Test
    void frenchAndEnglishHaveTheSameTextsNoneBlank() {
        assertThat(PageTexts.FR.keySet()).isEqualTo(PageTexts.EN.keySet());
        assertThat(PageTexts.FR.values()).allSatisfy(text -> assertThat(text).isNotBlank());
        assertThat(PageTexts.EN.values()).allSatisfy(text -> assertThat(text).isNotBlank());
    }

    @Test
    void frenchForFrenchBrowsersEnglishForAllOthers() {
        assertThat(PageTexts.languageOf("fr")).isEqualTo(new PageTexts.Language("fr", "fr-FR"));
        assertThat(PageTexts.languageOf("fr-CA")).isEqualTo(new PageTexts.Language("fr", "fr-FR"));
        assertThat(PageTexts.languageOf("FR-be")).isEqualTo(new PageTexts.Language("fr", "fr-FR"));
        assertThat(PageTexts.languageOf("en-GB")).isEqualTo(new PageTexts.Language("en", "en-US"));
        assertThat(PageTexts.languageOf("de-DE")).isEqualTo(new PageTexts.Language("en", "en-US"));
        assertThat(PageTexts.languageOf("fry")).isEqualTo(new PageTexts.Language("en", "en-US"));
        assertThat(PageTexts.languageOf(null)).isEqualTo(new PageTexts.Language("en", "en-US"));
    }
}
