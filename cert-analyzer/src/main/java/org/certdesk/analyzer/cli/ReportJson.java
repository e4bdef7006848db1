package org.certdesk.analyzer.cli;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.certdesk.analyzer.Advice;
import org.certdesk.analyzer.AndroidVersion;
import org.certdesk.analyzer.ApiLevelVerdict;
import org.certdesk.analyzer.CertificateFacts;
import org.certdesk.analyzer.CertificateInfo;
import org.certdesk.analyzer.HostReport;
import org.certdesk.analyzer.LocalizedText;
import org.certdesk.analyzer.MissingCertificate;
import org.certdesk.analyzer.Problem;
import org.certdesk.analyzer.Report;

/** The CLI's {@code --json} shape: one object per host, or {verdict, hosts} for several. */
final class ReportJson {
    private ReportJson() {}

    static String of(Report report) {
        if (report.hosts().size() == 1) {
            return JsonWriter.write(host(report.hosts().get(0)));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("verdict", report.verdict().name());
        json.put("apiLevel", report.apiLevel());
        json.put("android", AndroidVersion.release(report.apiLevel()));
        json.put("hosts", report.hosts().stream().map(ReportJson::host).toList());
        return JsonWriter.write(json);
    }

    static Map<String, Object> host(HostReport report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("host", report.host());
        json.put("port", report.port());
        json.put("apiLevel", report.apiLevel());
        json.put("android", AndroidVersion.release(report.apiLevel()));
        json.put("verdict", report.verdict().name());
        json.put("problems", report.problems().stream().map(ReportJson::problem).toList());
        json.put("presented", report.presented().stream().map(ReportJson::certificate).toList());
        json.put("path", report.path().stream().map(ReportJson::certificate).toList());
        json.put("missing", report.missing().stream().map(ReportJson::missing).toList());
        json.put("desktopTrusted", report.desktopTrusted());
        json.put("trustedFrom", report.trustedFrom());
        json.put("androidLevels", report.androidLevels().stream().map(ReportJson::level).toList());
        json.put("cause", report.cause());
        json.put("address", report.address());
        json.put("protocol", report.protocol());
        json.put("aiaFailures", report.aiaFailures());
        json.put("checkedAt", report.checkedAt().toString());
        return json;
    }

    private static Map<String, Object> problem(Problem problem) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("code", problem.code().name());
        json.put("severity", problem.severity().name());
        json.put("certificate", problem.certificate());
        json.put("detail", problem.detail());
        json.put("summary", text(problem.summary()));
        Advice advice = problem.advice();
        json.put("advice", Map.of("employee", text(advice.employee()), "admin", text(advice.admin())));
        return json;
    }

    private static Map<String, Object> certificate(CertificateInfo info) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", info.name());
        json.put("subject", info.subject());
        json.put("issuer", info.issuer());
        json.put("sha256", info.sha256());
        json.put("sha1", info.sha1());
        json.put("notBefore", info.notBefore().toString());
        json.put("notAfter", info.notAfter().toString());
        json.put("signatureAlgorithm", info.signatureAlgorithm());
        json.put("ca", info.ca());
        json.put("caIssuers", info.caIssuers());
        return json;
    }

    private static Map<String, Object> missing(MissingCertificate missing) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", missing.name());
        json.put("subject", missing.subject());
        json.put("issuer", missing.issuer());
        json.put("sha256", missing.sha256());
        json.put("sha1", missing.sha1());
        json.put("notBefore", missing.notBefore() == null ? null : missing.notBefore().toString());
        json.put("notAfter", missing.notAfter() == null ? null : missing.notAfter().toString());
        json.put("url", missing.url());
        json.put("obtained", missing.obtained());
        json.put("source", missing.source());
        json.put("role", missing.role());
        json.put("lackingApiLevels", missing.lackingApiLevels().stream().sorted().toList());
        json.put("pem", missing.certificate() == null ? null : pem(missing));
        return json;
    }

    private static Map<String, Object> level(ApiLevelVerdict level) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("apiLevel", level.apiLevel());
        json.put("release", level.release());
        json.put("verdict", level.verdict().name());
        return json;
    }

    private static Map<String, Object> text(LocalizedText text) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("fr", text.fr());
        json.put("en", text.en());
        return json;
    }

    private static String pem(MissingCertificate missing) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(CertificateFacts.der(missing.certificate()));
        return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
    }

}
