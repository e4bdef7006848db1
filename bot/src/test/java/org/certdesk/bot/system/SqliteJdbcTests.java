package org.certdesk.bot.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class SqliteJdbcTests {
    @Test
    void timesAreWrittenSoThatTextOrderIsTimeOrder() {
        // What the driver would write (toString) sorts 07.5Z before 07Z; the stored text must not.
        List<Instant> instants = List.of(Instant.parse("2026-12-04T12:00:06.999999999Z"),
                Instant.parse("2026-12-04T12:00:07Z"), Instant.parse("2026-12-04T12:00:07.5Z"),
                Instant.parse("2026-12-04T12:00:07.500001Z"), Instant.parse("2027-01-01T00:00:00Z"));
        List<String> written = instants.stream().map(i -> (String) SqliteJdbc.parameter(i)).toList();

        assertThat(written).isSorted().doesNotHaveDuplicates();
        assertThat(written).extracting(String::length).containsOnly(30);
        assertThat(written.stream().map(SqliteJdbc::time).map(OffsetDateTime::toInstant)).containsExactlyElementsOf(instants);
    }

    @Test
    void anOffsetTimeIsWrittenAsTheSameInstantInUtc() {
        OffsetDateTime paris = OffsetDateTime.parse("2026-12-04T13:00:07.25+01:00");

        assertThat(SqliteJdbc.parameter(paris)).isEqualTo("2026-12-04T12:00:07.250000000Z");
        assertThat(SqliteJdbc.time("2026-12-04T12:00:07.250000000Z")).isEqualTo(paris.withOffsetSameInstant(ZoneOffset.UTC));
        assertThat(Stream.of(42L, "text").map(SqliteJdbc::parameter)).containsExactly(42L, "text");
    }

    @Test
    void aTrailingForUpdateIsDroppedAndNothingElse() {
        assertThat(SqliteJdbc.sql("SELECT id FROM handoffs WHERE id = :id FOR UPDATE"))
                .isEqualTo("SELECT id FROM handoffs WHERE id = :id");
        assertThat(SqliteJdbc.sql("SELECT id FROM t WHERE note = 'for update' ORDER BY id"))
                .isEqualTo("SELECT id FROM t WHERE note = 'for update' ORDER BY id");
    }
}
