package org.certdesk.dialogs.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.certdesk.dialogs.text.Words;
import org.junit.jupiter.api.Test;

class PhraseMatcherTests {

    private static PhraseMatcher<String> matcher(String... phraseThenMeaning) {
        PhraseMatcher<String> matcher = new PhraseMatcher<>("fr");
        for (int i = 0; i < phraseThenMeaning.length; i += 2) {
            matcher.add(phraseThenMeaning[i], phraseThenMeaning[i + 1]);
        }
        return matcher;
    }

    private static String meaning(PhraseMatcher<String> matcher, String input) {
        PhraseMatcher.Match<String> match = matcher.best(Words.of(input, "fr"), false);
        return match == null ? null : match.meaning();
    }

    @Test
    void wordsIgnoreCaseAccentsPunctuationElisionsAndWordForms() {
        assertThat(Words.of("C’est TÉLÉCHARGÉ, l'œuvre !", "fr")).containsExactly("est", "telecharg", "oeuvr");
        assertThat(Words.of("aide, Aidez-moi", "fr")).containsExactly("aid", "aid", "moi");
        assertThat(Words.of("installé installer, deja", "fr")).containsExactly("install", "install", "dej");
        PhraseMatcher<String> installed = matcher("déjà installé", "installed");
        assertThat(meaning(installed, "je l’ai deja installee")).isEqualTo("installed");
        assertThat(meaning(installed, "Déjà installés")).isEqualTo("installed");
        assertThat(Words.of("downloaded downloading, doesn’t", "en")).containsExactly("download", "download", "doesnt");
        assertThat(Words.of("Pixel on Android 14 (12L)", "en")).containsExactly("pixel", "on", "android", "14", "12l");
    }

    @Test
    void theWholeMatchCountsNotOneWordThatAlsoMeansSomethingElse() {
        PhraseMatcher<String> matcher = matcher("le support", "human", "certificat manquant", "topic",
                "certificat exigé", "topic", "entreprise", "topic");
        assertThat(meaning(matcher, "Un certificat exigé par le support technique de votre entreprise est manquant"))
                .isEqualTo("topic");
        assertThat(meaning(matcher, "je veux le support")).isEqualTo("human");
    }

    @Test
    void typosAreToleratedByWordLength() {
        PhraseMatcher<String> matcher = matcher("oui", "yes", "installé", "installed", "certificat", "cert");
        assertThat(meaning(matcher, "qui")).as("no typo on words up to 4 letters").isNull();
        assertThat(meaning(matcher, "instalé")).as("one typo on 5 to 8 letters").isEqualTo("installed");
        assertThat(meaning(matcher, "instale")).isEqualTo("installed");
        assertThat(meaning(matcher, "instl")).as("two typos on 8 letters").isNull();
        assertThat(meaning(matcher, "sertifcat")).as("two typos beyond 8 letters").isEqualTo("cert");
        assertThat(meaning(matcher, "sertifcta")).as("three typos").isNull();
    }

    @Test
    void longestPhraseWinsAndTiesBetweenMeaningsAreNoMatch() {
        PhraseMatcher<String> matcher = matcher("ca marche", "works", "ca ne marche pas", "broken", "oui", "yes", "non", "no");
        assertThat(meaning(matcher, "Non, ça ne marche pas")).isEqualTo("broken");
        assertThat(meaning(matcher, "ça marche !")).isEqualTo("works");
        assertThat(meaning(matcher, "oui non")).isNull();
    }

    @Test
    void exactWordsBeatNearOnes() {
        PhraseMatcher<String> matcher = matcher("install", "a", "instal", "b");
        assertThat(meaning(matcher, "install")).isEqualTo("a");
        assertThat(meaning(matcher, "instal")).isEqualTo("b");
    }

    @Test
    void wholeInputModeNeedsThePhraseToBeAllOfIt() {
        PhraseMatcher<String> matcher = matcher("help", "help");
        assertThat(matcher.best(Words.of("Help Desk Root CA", "fr"), true)).isNull();
        assertThat(matcher.best(Words.of("Help!", "fr"), true).meaning()).isEqualTo("help");
    }
}
