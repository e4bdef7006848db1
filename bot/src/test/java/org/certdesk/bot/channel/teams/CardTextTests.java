package org.certdesk.bot.channel.teams;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every text the channel adds exists in French and English (the i18n sync check for this package). */
class CardTextTests {
    @Test
    void everyTextHasBothLanguages() {
        for (CardText text : CardText.values()) {
            assertThat(text.french()).as(text + " in French").isNotBlank();
            assertThat(text.english()).as(text + " in English").isNotBlank();
            assertThat(text.french()).as(text + " is translated").isNotEqualTo(text.english());
            assertThat(text.french().split("%s", -1).length).as(text + " has the same arguments")
                    .isEqualTo(text.english().split("%s", -1).length);
        }
    }

    @Test
    void picksTheLanguageFromTheLocale() {
        assertThat(CardText.DOWNLOAD.in("fr-FR")).isEqualTo("Télécharger");
        assertThat(CardText.DOWNLOAD.in("fr")).isEqualTo("Télécharger");
        assertThat(CardText.DOWNLOAD.in("fr_BE")).isEqualTo("Télécharger");
        assertThat(CardText.DOWNLOAD.in("en-US")).isEqualTo("Download");
        assertThat(CardText.DOWNLOAD.in("de-DE")).isEqualTo("Download");
        assertThat(CardText.DOWNLOAD.in(null)).isEqualTo("Download");
    }
}
