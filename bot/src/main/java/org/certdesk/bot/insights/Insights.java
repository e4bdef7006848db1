package org.certdesk.bot.insights;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What the dashboard shows for a period, all from the database (so every instance answers the same):
 * the JSON of {@code GET /api/admin/insights}.
 */
record Insights(PeriodJson period, Conversations conversations, Outcomes outcomes, List<Step> funnel,
        List<Verdicts> verdicts, List<ServerCheck> serverChecks, List<OpenFinding> openFindings, Helpdesk helpdesk) {

    record PeriodJson(LocalDate from, LocalDate to) {}

    record Conversations(int total, List<Day> perDay) {}

    record Day(LocalDate day, int conversations) {}

    /** How the period's conversations ended; {@code escalatedByReason} by the script's reason codes. */
    record Outcomes(int resolved, int escalated, Map<String, Integer> escalatedByReason, int abandoned,
            int inProgress) {}

    /** A state of the script and how many of the period's conversations reached it. */
    record Step(String state, int conversations) {}

    /** Employees' analyses (in the chat) of one host at one Android release, by verdict. */
    record Verdicts(String host, int port, int apiLevel, String android, String verdict, int count) {}

    /** The watch's latest verdict on one host at one Android release. */
    record ServerCheck(String host, int port, int apiLevel, String android, String verdict, Instant checkedAt) {}

    record OpenFinding(long id, String host, int port, String code, String certificate, List<Integer> androidLevels,
            int employeesAffected, Instant firstSeen) {}

    /** The period's cases; times in seconds from the escalation, null without any case to measure. */
    record Helpdesk(int cases, int taken, int resolved, Times timeToTake, Times timeToResolve) {}

    record Times(Long median, Long p90) {}
}
