package org.certdesk.analyzer.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;

import org.certdesk.analyzer.ProblemCode;
import org.junit.jupiter.api.Test;

/** Like PetClinic's I18nPropertiesSyncTest: a finding worded in one language only fails the build. */
class AdviceCatalogTests {

    @Test
    void frenchAndEnglishHaveTheSameKeys() {
        assertThat(AdviceCatalog.french().stringPropertyNames())
                .containsExactlyInAnyOrderElementsOf(AdviceCatalog.english().stringPropertyNames());
    }

    @Test
    void everyCodeIsWordedForBothAudiencesInBothLanguages() {
        for (Properties bundle : new Properties[] {AdviceCatalog.french(), AdviceCatalog.english()}) {
            for (ProblemCode code : ProblemCode.values()) {
                for (String part : new String[] {"summary", "employee", "admin"}) {
                    assertThat(bundle.getProperty(code.name() + "." + part)).as(code + "." + part).isNotBlank();
                }
            }
        }
    }

    @Test
    void placeholdersMatchBetweenLanguages() {
        for (String key : AdviceCatalog.english().stringPropertyNames()) {
            assertThat(placeholders(AdviceCatalog.french().getProperty(key)))
                    .as(key).isEqualTo(placeholders(AdviceCatalog.english().getProperty(key)));
        }
    }

    private static java.util.Set<String> placeholders(String text) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        var matcher = java.util.regex.Pattern.compile("\\{(host|name|android|detail)}").matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
