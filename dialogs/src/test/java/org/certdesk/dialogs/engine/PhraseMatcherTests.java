package org.certdesk.dialogs.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhraseMatcherTests {

    private static PhraseMatcher<String> matcher(String... phraseThenMeaning) {
        PhraseMatcher<String> matcher = new PhraseMatcher<>();
        for (int i = 0; i < phraseThenMeaning.length; i += 2) {
            matcher.add(phraseThenMeaning[i], phraseThenMeaning[i + 1]);
        }
        return matcher;
    }

    private static String meaning(PhraseMatcher<String> matcher, String input) {
        PhraseMatcher.Match<String> match = matcher.best(Words.of(input), false);
        return match == null ? null : match.meaning();
    }

    @Test
    void wordsIgnoreCaseAccentsPunctuationAndApostrophes() {
        assertThat(Words.of("C’est TÉLÉCHARGÉ, l'œuvre !")).containsExactly("c", "est", "telecharge", "l", "oeuvre");
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
        assertThat(matcher.best(Words.of("Help Desk Root CA"), true)).isNull();
        assertThat(matcher.best(Words.of("Help!"), true).meaning()).isEqualTo("help");
    }
}
