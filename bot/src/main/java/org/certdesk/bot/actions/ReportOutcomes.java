package org.certdesk.bot.actions;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.certdesk.analyzer.HostReport;
import org.certdesk.analyzer.MissingCertificate;
import org.certdesk.analyzer.Problem;
import org.certdesk.analyzer.ProblemCode;
import org.certdesk.analyzer.Report;
import org.certdesk.analyzer.Severity;
import org.certdesk.bot.certificates.CertificateNames;

/**
 * Maps the analyzer's report to the outcomes of {@code cert.analyze} (see the dialogs catalogue):
 * <ul>
 * <li>hosts that could not be analysed (unreachable, refused, not TLS) are left out; if none is
 *     left: {@code inconclusive}, reason {@code unreachable};
 * <li>the worst verdict of the others is a server-side one (expired, host name, weak signature,
 *     invalid chain, untrusted or private root): {@code server_problem}, whatever is missing, since
 *     installing a certificate would not help;
 * <li>else the certificates the phone lacks, across hosts, without repeats: none obtained (only
 *     their names are known): {@code inconclusive} ({@code chain_ok} when the verdict is OK,
 *     {@code not_obtainable} otherwise); exactly one, obtained: {@code one_missing}; two or more, at
 *     least one obtained: {@code several_missing}, describing the first obtained one.
 * </ul>
 */
final class ReportOutcomes {
    static final Set<ProblemCode> SERVER_SIDE = EnumSet.of(ProblemCode.EXPIRED, ProblemCode.NOT_YET_VALID,
            ProblemCode.HOSTNAME_MISMATCH, ProblemCode.WEAK_SIGNATURE, ProblemCode.INVALID_CHAIN,
            ProblemCode.UNTRUSTED_ROOT);
    private static final int MAX_SUMMARY = 400;

    private ReportOutcomes() {}

    /**
     * @param locale the conversation's language, for the summary
     * @param downloadUrl the link to a missing certificate (already issued)
     */
    static Outcome of(Report report, String locale, Function<MissingCertificate, String> downloadUrl) {
        List<HostReport> analysed = report.hosts().stream().filter(host -> !host.verdict().stopsAnalysis()).toList();
        if (analysed.isEmpty()) {
            return new Outcome("inconclusive", Map.of("reason", "unreachable"));
        }
        ProblemCode worst = ProblemCode.OK;
        for (HostReport host : analysed) {
            if (host.verdict().moreSevereThan(worst)) {
                worst = host.verdict();
            }
        }
        String summary = summary(analysed, locale);
        if (SERVER_SIDE.contains(worst)) {
            return new Outcome("server_problem", Map.of("verdict", worst.name(), "report_summary", summary));
        }
        Map<String, MissingCertificate> missing = new LinkedHashMap<>();
        analysed.forEach(host -> host.missing().forEach(m ->
                missing.putIfAbsent(m.sha256() != null ? m.sha256() : "name:" + m.name(), m)));
        MissingCertificate first = missing.values().stream().filter(m -> m.certificate() != null).findFirst().orElse(null);
        if (first == null) {
            return new Outcome("inconclusive", Map.of("reason", worst == ProblemCode.OK ? "chain_ok" : "not_obtainable"));
        }
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("missing_name", first.name());
        variables.put("missing_sha256", first.sha256());
        variables.put("missing_download_url", downloadUrl.apply(first));
        variables.put("missing_file_name", CertificateNames.fileName(first.name()));
        variables.put("verdict", worst.name());
        variables.put("report_summary", summary);
        if (missing.size() == 1) {
            return new Outcome("one_missing", variables);
        }
        variables.put("missing_count", Integer.toString(missing.size()));
        return new Outcome("several_missing", variables);
    }

    /** The employee-facing summaries of the errors found, in the conversation's language, shortened. */
    static String summary(List<HostReport> hosts, String locale) {
        Set<String> lines = new LinkedHashSet<>();
        for (HostReport host : hosts) {
            for (Problem problem : host.problems()) {
                if (problem.severity() == Severity.ERROR && problem.summary() != null) {
                    lines.add(problem.summary().in(locale));
                }
            }
        }
        List<String> all = new ArrayList<>(lines);
        String text = all.isEmpty() ? ("fr".equals(locale) ? "Aucun problème trouvé." : "No problem found.")
                : String.join(" ", all);
        return text.length() <= MAX_SUMMARY ? text : text.substring(0, MAX_SUMMARY - 1) + "…";
    }
}
