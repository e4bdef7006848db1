package org.certdesk.bot.insights;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.certdesk.analyzer.AndroidVersion;
import org.certdesk.bot.findings.FindingStore;
import org.certdesk.bot.findings.ServerFinding;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Computes the dashboard's figures from the database. Conversations and cases are those that started
 * in the period; analyses those made in it. Grouping by day and the percentiles are done here rather
 * than in SQL, the same way on H2 and PostgreSQL.
 */
@Component
class InsightsQueries {
    /** Joined after {@code conversations c}: its state ({@code s}). */
    private static final String STATES = " JOIN conversation_states s ON s.conversation_ref = c.id";
    /** Employees' conversations: the helpdesk's own Teams conversation has no dialog state. */
    private static final String EMPLOYEE_CONVERSATIONS = "s.state_json IS NOT NULL AND c.created_at >= :from"
            + " AND c.created_at < :to";

    private final JdbcClient jdbc;
    private final FindingStore findings;
    private final Duration abandonedAfter;

    InsightsQueries(JdbcClient jdbc, FindingStore findings, InsightsSettings settings) {
        this.jdbc = jdbc;
        this.findings = findings;
        this.abandonedAfter = settings.abandonedAfter();
    }

    Insights of(Period period, Instant now) {
        return new Insights(new Insights.PeriodJson(period.first(), period.last()), conversations(period),
                outcomes(period, now), funnel(period), verdicts(period), serverChecks(), openFindings(),
                helpdesk(period));
    }

    private Insights.Conversations conversations(Period period) {
        Map<LocalDate, Integer> perDay = new TreeMap<>();
        for (LocalDate day = period.first(); !day.isAfter(period.last()); day = day.plusDays(1)) {
            perDay.put(day, 0); // days without a conversation are shown as 0, not left out
        }
        jdbc.sql("SELECT c.created_at FROM conversations c" + STATES + " WHERE " + EMPLOYEE_CONVERSATIONS)
                .param("from", utc(period.from())).param("to", utc(period.to()))
                .query((rs, n) -> rs.getObject(1, OffsetDateTime.class)).list()
                .forEach(at -> perDay.merge(at.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate(), 1, Integer::sum));
        List<Insights.Day> days = perDay.entrySet().stream().map(e -> new Insights.Day(e.getKey(), e.getValue())).toList();
        return new Insights.Conversations(days.stream().mapToInt(Insights.Day::conversations).sum(), days);
    }

    private Insights.Outcomes outcomes(Period period, Instant now) {
        Map<String, String> firstReason = new HashMap<>();
        jdbc.sql("SELECT h.channel, h.conversation_id, h.reason FROM handoffs h JOIN conversations c"
                        + " ON c.channel = h.channel AND c.conversation_id = h.conversation_id" + STATES + " WHERE "
                        + EMPLOYEE_CONVERSATIONS + " ORDER BY h.id")
                .param("from", utc(period.from())).param("to", utc(period.to()))
                .query((rs, n) -> firstReason.putIfAbsent(rs.getString(1) + "\n" + rs.getString(2), rs.getString(3)))
                .list();
        int[] counts = new int[4]; // resolved, escalated, abandoned, in progress
        Map<String, Integer> byReason = new TreeMap<>();
        Instant silentSince = now.minus(abandonedAfter);
        jdbc.sql("SELECT c.channel, c.conversation_id, s.status, s.updated_at FROM conversations c" + STATES + " WHERE "
                        + EMPLOYEE_CONVERSATIONS)
                .param("from", utc(period.from())).param("to", utc(period.to()))
                .query((rs, n) -> {
                    String reason = firstReason.get(rs.getString(1) + "\n" + rs.getString(2));
                    if (reason != null) {
                        counts[1]++;
                        byReason.merge(reason, 1, Integer::sum);
                    } else if ("RESOLVED".equals(rs.getString(3))) {
                        counts[0]++;
                    } else if (rs.getObject(4, OffsetDateTime.class).toInstant().isBefore(silentSince)) {
                        counts[2]++;
                    } else {
                        counts[3]++;
                    }
                    return null;
                }).list();
        return new Insights.Outcomes(counts[0], counts[1], byReason, counts[2], counts[3]);
    }

    private List<Insights.Step> funnel(Period period) {
        return jdbc.sql("SELECT v.state_id, COUNT(*) FROM state_visits v JOIN conversations c"
                        + " ON c.id = v.conversation_ref" + STATES + " WHERE " + EMPLOYEE_CONVERSATIONS
                        + " GROUP BY v.state_id ORDER BY COUNT(*) DESC, v.state_id")
                .param("from", utc(period.from())).param("to", utc(period.to()))
                .query((rs, n) -> new Insights.Step(rs.getString(1), rs.getInt(2))).list();
    }

    private List<Insights.Verdicts> verdicts(Period period) {
        return jdbc.sql("SELECT host, port, api_level, verdict, COUNT(*) FROM analyzer_results WHERE source = 'chat'"
                        + " AND checked_at >= :from AND checked_at < :to GROUP BY host, port, api_level, verdict"
                        + " ORDER BY host, port, api_level, verdict")
                .param("from", utc(period.from())).param("to", utc(period.to()))
                .query((rs, n) -> new Insights.Verdicts(rs.getString(1), rs.getInt(2), rs.getInt(3),
                        AndroidVersion.release(rs.getInt(3)), rs.getString(4), rs.getInt(5))).list();
    }

    private List<Insights.ServerCheck> serverChecks() {
        return jdbc.sql("SELECT r.host, r.port, r.api_level, r.verdict, r.checked_at FROM analyzer_results r"
                        + " WHERE r.source = 'watch' AND r.checked_at = (SELECT MAX(x.checked_at) FROM analyzer_results x"
                        + " WHERE x.source = 'watch' AND x.host = r.host AND x.port = r.port AND x.api_level = r.api_level)"
                        + " ORDER BY r.host, r.port, r.api_level")
                .query((rs, n) -> new Insights.ServerCheck(rs.getString(1), rs.getInt(2), rs.getInt(3),
                        AndroidVersion.release(rs.getInt(3)), rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class).toInstant())).list();
    }

    private List<Insights.OpenFinding> openFindings() {
        List<Insights.OpenFinding> open = new ArrayList<>();
        for (ServerFinding f : findings.list(true)) {
            open.add(new Insights.OpenFinding(f.id(), f.host(), f.port(), f.code(), f.certificateName(),
                    f.androidLevels(), f.employeesAffected(), f.firstSeen()));
        }
        return open;
    }

    private Insights.Helpdesk helpdesk(Period period) {
        List<Long> toTake = new ArrayList<>();
        List<Long> toResolve = new ArrayList<>();
        int[] cases = {0};
        jdbc.sql("SELECT created_at, taken_at, closed_at, status FROM handoffs WHERE created_at >= :from"
                        + " AND created_at < :to")
                .param("from", utc(period.from())).param("to", utc(period.to()))
                .query((rs, n) -> {
                    cases[0]++;
                    Instant created = rs.getObject(1, OffsetDateTime.class).toInstant();
                    OffsetDateTime taken = rs.getObject(2, OffsetDateTime.class);
                    OffsetDateTime closed = rs.getObject(3, OffsetDateTime.class);
                    if (taken != null) {
                        toTake.add(Duration.between(created, taken.toInstant()).toSeconds());
                    }
                    if ("RESOLVED".equals(rs.getString(4)) && closed != null) {
                        toResolve.add(Duration.between(created, closed.toInstant()).toSeconds());
                    }
                    return null;
                }).list();
        return new Insights.Helpdesk(cases[0], toTake.size(), toResolve.size(), times(toTake), times(toResolve));
    }

    /** Median and 90th percentile, nearest rank: values that really occurred, never interpolated. */
    static Insights.Times times(List<Long> seconds) {
        if (seconds.isEmpty()) {
            return new Insights.Times(null, null);
        }
        List<Long> sorted = seconds.stream().sorted().toList();
        return new Insights.Times(rank(sorted, 0.5), rank(sorted, 0.9));
    }

    private static long rank(List<Long> sorted, double percentile) {
        int index = (int) Math.ceil(percentile * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
