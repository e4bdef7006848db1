package org.certdesk.bot.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.certdesk.bot.findings.FindingStore;
import org.certdesk.bot.testing.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The dashboard's figures on a known set of conversations ({@link KnownConversations}), on both databases. */
class InsightsQueriesTests {

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void theFiguresOfAKnownSetOfConversations(TestDatabases database) {
        DataSource dataSource = database.fresh();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        KnownConversations known = new KnownConversations(jdbc, "2026-11-01");
        known.write();
        watch(jdbc, known.host, 30, "INCOMPLETE_CHAIN", KnownConversations.at("2026-11-04", "08:00"));
        watch(jdbc, known.host, 30, "OK", KnownConversations.at("2026-11-04", "08:15")); // the latest counts
        jdbc.sql("INSERT INTO server_findings (host, port, code, certificate_name, finding_key, open_key, status,"
                        + " android_levels, first_seen, last_seen) VALUES (:host, 443, 'INCOMPLETE_CHAIN', 'Contoso CA',"
                        + " 'k1', 'k1', 'OPEN', '24,30', :at, :at)")
                .param("host", known.host).param("at", known.now().atOffset(ZoneOffset.UTC)).update();
        InsightsQueries queries = new InsightsQueries(jdbc, new FindingStore(jdbc),
                new InsightsSettings(Duration.ofHours(24), Duration.ofDays(366)));

        Insights insights = queries.of(new Period(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-03")),
                known.now());

        assertThat(insights.conversations().total()).isEqualTo(5);
        assertThat(insights.conversations().perDay()).extracting(Insights.Day::conversations).containsExactly(2, 1, 2);
        assertThat(insights.outcomes()).isEqualTo(new Insights.Outcomes(1, 2,
                Map.of("several_missing", 1, "user_asked", 1), 1, 1));
        assertThat(insights.funnel()).containsExactly(new Insights.Step("ask_version", 5),
                new Insights.Step("analyze", 2), new Insights.Step("confirm", 1), new Insights.Step("show_missing", 1));
        assertThat(insights.helpdesk()).isEqualTo(new Insights.Helpdesk(2, 2, 1, new Insights.Times(120L, 600L),
                new Insights.Times(1200L, 1200L)));
        assertThat(insights.verdicts()).containsExactly(
                new Insights.Verdicts(known.host, 443, 24, "7.0", "OK", 1),
                new Insights.Verdicts(known.host, 443, 30, "11", "INCOMPLETE_CHAIN", 2));
        assertThat(insights.serverChecks()).singleElement().satisfies(check -> {
            assertThat(check.verdict()).isEqualTo("OK");
            assertThat(check.android()).isEqualTo("11");
        });
        assertThat(insights.openFindings()).singleElement().satisfies(finding -> {
            assertThat(finding.certificate()).isEqualTo("Contoso CA");
            assertThat(finding.androidLevels()).containsExactly(24, 30);
        });

        Insights oneDay = queries.of(new Period(LocalDate.parse("2026-11-02"), LocalDate.parse("2026-11-02")),
                known.now());
        assertThat(oneDay.conversations().total()).isEqualTo(1);
        assertThat(oneDay.outcomes().abandoned()).isEqualTo(1);
        assertThat(oneDay.helpdesk().timeToTake()).isEqualTo(new Insights.Times(null, null));
    }

    @org.junit.jupiter.api.Test
    void percentilesAreValuesThatOccurred() {
        assertThat(InsightsQueries.times(List.of(5L, 1L, 3L, 2L, 4L, 6L, 7L, 8L, 9L, 10L)))
                .isEqualTo(new Insights.Times(5L, 9L));
        assertThat(InsightsQueries.times(List.of(42L))).isEqualTo(new Insights.Times(42L, 42L));
    }

    private static void watch(JdbcClient jdbc, String host, int apiLevel, String verdict, java.time.Instant at) {
        jdbc.sql("INSERT INTO analyzer_results (source, host, port, api_level, verdict, checked_at) VALUES"
                        + " ('watch', :host, 443, :apiLevel, :verdict, :at)")
                .param("host", host).param("apiLevel", apiLevel).param("verdict", verdict)
                .param("at", at.atOffset(ZoneOffset.UTC)).update();
    }
}
