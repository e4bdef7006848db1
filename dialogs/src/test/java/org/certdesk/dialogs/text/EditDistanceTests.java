package org.certdesk.dialogs.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EditDistanceTests {

    @Test
    void countsInsertionsDeletionsAndSubstitutions() {
        assertThat(EditDistance.between("kitten", "sitting", 10)).isEqualTo(3);
        assertThat(EditDistance.between("android", "andorid", 10)).isEqualTo(2);
        assertThat(EditDistance.between("", "abc", 10)).isEqualTo(3);
        assertThat(EditDistance.between("same", "same", 10)).isZero();
    }

    @Test
    void stopsAtTheLimit() {
        assertThat(EditDistance.between("kitten", "sitting", 2)).isEqualTo(2);
        assertThat(EditDistance.between("certificat", "zzzzzzzzzz", 3)).isEqualTo(3);
        assertThat(EditDistance.between("a", "abcdef", 4)).as("lengths alone are too far apart").isEqualTo(4);
    }

    @Test
    void withinIsTheTypoToleranceOfTheMatcher() {
        assertThat(EditDistance.within("installe", "installé", 1)).isTrue();
        assertThat(EditDistance.within("kitten", "sitting", 2)).isFalse();
        assertThat(EditDistance.within("kitten", "sitting", 3)).isTrue();
        assertThat(EditDistance.within("oui", "qui", 0)).isFalse();
    }
}
