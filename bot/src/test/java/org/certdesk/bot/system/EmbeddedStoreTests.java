package org.certdesk.bot.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmbeddedStoreTests {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "jdbc:h2:file:./data/certdesk;MODE=PostgreSQL;WRITE_DELAY=0 | true",
            "jdbc:h2:./data/certdesk | true",
            "jdbc:h2:mem:test | true",
            "jdbc:h2:file:./data/certdesk;AUTO_SERVER=TRUE | false",
            "jdbc:h2:tcp://db.example:9092/certdesk | false",
            "jdbc:h2:ssl://db.example/certdesk | false",
            "jdbc:postgresql://localhost:5432/certdesk | false"})
    void onlyH2InThisProcessIsExclusive(String url, boolean exclusive) {
        assertThat(EmbeddedStore.exclusive(url)).isEqualTo(exclusive);
    }
}
