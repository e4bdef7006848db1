package org.certdesk.bot.insights;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's figures as one CSV table (RFC 4180, comma-separated, a header line): a row per
 * figure, {@code section,key,detail,android,value}, so a spreadsheet can filter by section.
 * Cells that a spreadsheet would read as a formula are quoted with a leading apostrophe.
 */
final class InsightsCsv {
    private InsightsCsv() {}

    static String of(Insights insights) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"section", "key", "detail", "android", "value"});
        rows.add(new String[] {"period", "from", "", "", insights.period().from().toString()});
        rows.add(new String[] {"period", "to", "", "", insights.period().to().toString()});
        insights.conversations().perDay().forEach(day ->
                rows.add(new String[] {"conversations_per_day", day.day().toString(), "", "", n(day.conversations())}));
        Insights.Outcomes outcomes = insights.outcomes();
        rows.add(new String[] {"outcome", "resolved", "", "", n(outcomes.resolved())});
        for (Map.Entry<String, Integer> reason : outcomes.escalatedByReason().entrySet()) {
            rows.add(new String[] {"outcome", "escalated", reason.getKey(), "", n(reason.getValue())});
        }
        rows.add(new String[] {"outcome", "abandoned", "", "", n(outcomes.abandoned())});
        rows.add(new String[] {"outcome", "in_progress", "", "", n(outcomes.inProgress())});
        insights.funnel().forEach(step -> rows.add(new String[] {"funnel", step.state(), "", "", n(step.conversations())}));
        insights.verdicts().forEach(v -> rows.add(new String[] {"chat_verdict", v.host() + ":" + v.port(), v.verdict(),
                v.android(), n(v.count())}));
        insights.serverChecks().forEach(c -> rows.add(new String[] {"server_check", c.host() + ":" + c.port(),
                c.verdict(), c.android(), c.checkedAt().toString()}));
        insights.openFindings().forEach(f -> rows.add(new String[] {"open_finding", f.host() + ":" + f.port(),
                f.code() + (f.certificate() == null ? "" : " " + f.certificate()), "", n(f.employeesAffected())}));
        Insights.Helpdesk helpdesk = insights.helpdesk();
        rows.add(new String[] {"helpdesk", "cases", "", "", n(helpdesk.cases())});
        rows.add(new String[] {"helpdesk", "time_to_take_seconds", "median", "", n(helpdesk.timeToTake().median())});
        rows.add(new String[] {"helpdesk", "time_to_take_seconds", "p90", "", n(helpdesk.timeToTake().p90())});
        rows.add(new String[] {"helpdesk", "time_to_resolve_seconds", "median", "", n(helpdesk.timeToResolve().median())});
        rows.add(new String[] {"helpdesk", "time_to_resolve_seconds", "p90", "", n(helpdesk.timeToResolve().p90())});
        StringBuilder csv = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                csv.append(i == 0 ? "" : ",").append(cell(row[i]));
            }
            csv.append("\r\n");
        }
        return csv.toString();
    }

    private static String n(Number number) {
        return number == null ? "" : number.toString();
    }

    static String cell(String value) {
        String text = value == null ? "" : value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")
                || text.startsWith("'")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
