package org.certdesk.analyzer.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.certdesk.analyzer.AndroidVersion;
import org.certdesk.analyzer.CertificateInfo;
import org.certdesk.analyzer.HostReport;
import org.certdesk.analyzer.MissingCertificate;
import org.certdesk.analyzer.Problem;
import org.certdesk.analyzer.Report;
import org.certdesk.analyzer.Severity;

/**
 * The CLI's readable report, for a helpdesk agent: what is wrong, which certificate, its fingerprint,
 * where to get it, and who must act. Labels and advice follow {@code --lang} (fr or en).
 */
final class TextReport {
    private final boolean french;

    TextReport(String language) {
        this.french = "fr".equalsIgnoreCase(language);
    }

    String render(Report report) {
        StringBuilder out = new StringBuilder();
        if (report.hosts().size() > 1) {
            out.append(t("Overall verdict", "Verdict global")).append(": ").append(report.verdict())
                    .append(" (").append(AndroidVersion.label(report.apiLevel())).append(")\n");
            for (HostReport host : report.hosts()) {
                out.append("  ").append(host.ok() ? "ok  " : "FAIL").append("  ").append(host.target())
                        .append("  ").append(host.verdict()).append('\n');
            }
            out.append('\n');
        }
        for (HostReport host : report.hosts()) {
            render(host, out);
            out.append('\n');
        }
        return out.toString();
    }

    private void render(HostReport report, StringBuilder out) {
        out.append(report.target()).append(" — ").append(AndroidVersion.label(report.apiLevel())).append(": ")
                .append(report.verdict()).append('\n');
        if (report.cause() != null) {
            out.append("  ").append(report.cause()).append('\n');
        }
        if (!report.presented().isEmpty()) {
            out.append("  ").append(report.address() == null ? t("Chain given", "Chaîne fournie")
                    : t("Connected to ", "Connecté à ") + report.address() + ", " + report.protocol())
                    .append("; ").append(t("the server sent ", "le serveur a envoyé ")).append(report.presented().size())
                    .append(t(" certificate(s):", " certificat(s) :")).append('\n');
            int index = 1;
            for (CertificateInfo info : report.presented()) {
                out.append("    ").append(index++).append(". ").append(info.name()).append("  (")
                        .append(t("issued by ", "émis par ")).append(info.issuer()).append(")\n");
            }
        }
        List<Problem> problems = report.problems();
        if (!problems.isEmpty()) {
            out.append("  ").append(t("Problems:", "Problèmes :")).append('\n');
            for (Problem problem : problems) {
                String lang = french ? "fr" : "en";
                out.append("    ").append(mark(problem.severity())).append(problem.code())
                        .append(": ").append(problem.summary().in(lang)).append('\n');
                if (problem.detail() != null && !problem.detail().isEmpty()) {
                    out.append("      ").append(t("Detail:   ", "Détail :  ")).append(problem.detail()).append('\n');
                }
                out.append("      ").append(t("Employee: ", "Employé : ")).append(problem.advice().employee().in(lang)).append('\n');
                out.append("      ").append(t("Server:   ", "Serveur : ")).append(problem.advice().admin().in(lang)).append('\n');
            }
        }
        if (!report.missing().isEmpty()) {
            out.append("  ").append(t("Missing on the phone", "Manquant sur le téléphone")).append(" (")
                    .append(report.missing().size()).append("):\n");
            int index = 1;
            for (MissingCertificate missing : report.missing()) {
                out.append("    ").append(index++).append(". ").append(missing.name()).append("  (").append(missing.role())
                        .append(")\n");
                line(out, "subject", "sujet", missing.subject());
                line(out, "SHA-256", "SHA-256", missing.sha256() == null ? t("(not obtained)", "(non obtenu)") : missing.sha256());
                line(out, "from", "source", missing.url() != null ? missing.url() : switch (missing.source()) {
                    case "android-store" -> t("Android CA store of other releases", "magasin Android d’autres versions");
                    case "server" -> t("sent by the server", "envoyé par le serveur");
                    default -> t("nowhere: search for it by name", "nulle part : cherchez-le par son nom");
                });
                if (missing.notAfter() != null) {
                    line(out, "valid", "validité", missing.notBefore() + " → " + missing.notAfter());
                }
                line(out, "lacking on", "absent de", releases(missing.lackingApiLevels()));
            }
        }
        if (report.desktopTrusted() != null) {
            out.append("  ").append(t("Desktop browsers: ", "Navigateurs de bureau : ")).append(report.desktopTrusted()
                    ? t("trust it (they fetch missing intermediates)", "lui font confiance (ils récupèrent les intermédiaires)")
                    : t("do not trust it either", "ne lui font pas confiance non plus")).append('\n');
        }
        if (!report.androidLevels().isEmpty()) {
            out.append("  ").append(t("Android, chain as served: ", "Android, chaîne telle qu’envoyée : "))
                    .append(report.trustedFrom() == null ? t("not trusted by the newest release", "refusée par la version la plus récente")
                            : t("trusted from Android ", "acceptée à partir d’Android ") + report.trustedFrom())
                    .append('\n');
        }
        for (String failure : report.aiaFailures()) {
            out.append("  ").append(t("AIA fetch failed: ", "Échec AIA : ")).append(failure).append('\n');
        }
    }

    private void line(StringBuilder out, String en, String fr, String value) {
        String label = t(en, fr);
        out.append("       ").append(label).append(" ".repeat(Math.max(1, 11 - label.length()))).append(value).append('\n');
    }

    /** "7.0–9, 11" from API levels: ranges of consecutive levels. */
    static String releases(Set<Integer> apiLevels) {
        List<String> ranges = new ArrayList<>();
        Integer start = null;
        Integer previous = null;
        for (int level : new TreeSet<>(apiLevels)) {
            if (previous != null && level != previous + 1) {
                ranges.add(range(start, previous));
                start = null;
            }
            if (start == null) {
                start = level;
            }
            previous = level;
        }
        if (start != null) {
            ranges.add(range(start, previous));
        }
        return ranges.isEmpty() ? "-" : "Android " + String.join(", ", ranges);
    }

    private static String range(int from, int to) {
        return from == to ? AndroidVersion.release(from) : AndroidVersion.release(from) + "–" + AndroidVersion.release(to);
    }

    private String t(String en, String fr) {
        return french ? fr : en;
    }

    /** ✗ stops the phone, ! is worth fixing, i is a remark. */
    private static String mark(Severity severity) {
        return switch (severity) {
            case ERROR -> "✗ ";
            case WARNING -> "! ";
            case INFO -> "i ";
        };
    }
}
