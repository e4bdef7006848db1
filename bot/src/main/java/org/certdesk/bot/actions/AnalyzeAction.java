package org.certdesk.bot.actions;

import java.time.Clock;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.certdesk.analyzer.CertAnalyzer;
import org.certdesk.analyzer.HostReport;
import org.certdesk.analyzer.MissingCertificate;
import org.certdesk.analyzer.Report;
import org.certdesk.bot.actions.MissingCertificates;
import org.certdesk.bot.certificates.CertificateLinks;
import org.certdesk.bot.certificates.IssuedCertificates;
import org.certdesk.bot.system.AnalyzerTargets;
import org.springframework.stereotype.Component;

/**
 * {@code cert.analyze}: runs the analyzer on the configured hosts for the phone's Android release
 * (see {@link AndroidApiLevels}), records every certificate it obtained and verified as issued (so
 * the download link works) and every one found missing (for the helpdesk case), and maps the report to an outcome ({@link ReportOutcomes}). Slow: it
 * connects to servers. Its own failure is {@code inconclusive}, reason {@code error}, which sends the
 * user to the manual steps on a PC.
 */
@Component
class AnalyzeAction implements BotAction {
    private final CertAnalyzer analyzer;
    private final AnalyzerTargets targets;
    private final IssuedCertificates issued;
    private final CertificateLinks links;
    private final MissingCertificates findings;
    private final AnalysisLog analyses;
    private final MeterRegistry registry;
    private final Clock clock;

    AnalyzeAction(CertAnalyzer analyzer, AnalyzerTargets targets, IssuedCertificates issued, CertificateLinks links,
            MissingCertificates findings, AnalysisLog analyses, MeterRegistry registry, Clock clock) {
        this.analyzer = analyzer;
        this.targets = targets;
        this.issued = issued;
        this.links = links;
        this.findings = findings;
        this.analyses = analyses;
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "cert.analyze";
    }

    @Override
    public boolean slow() {
        return true;
    }

    @Override
    public Outcome run(ActionCall call) {
        int apiLevel = AndroidApiLevels.forAnalysis(call.request().arguments().get(AndroidApiLevels.VARIABLE),
                call.androidApiLevel(), analyzer.androidStores().apiLevels());
        Report report = analyzer.analyze(targets.targets(), apiLevel);
        for (HostReport host : report.hosts()) {
            Counter.builder("certdesk.analyzer.results").description("Host diagnoses by verdict")
                    .tag("verdict", host.verdict().name()).register(registry).increment();
            for (MissingCertificate missing : host.missing()) {
                if (call.conversation() != null) {
                    findings.found(call.conversation(), missing.name(), missing.sha256(), clock.instant());
                }
                if (missing.certificate() != null) {
                    issued.issue(missing.certificate(), missing.name(), call.conversation(), clock.instant());
                }
            }
        }
        if (call.conversation() != null) {
            // The turn that steps this result is "action:<request id>" (TurnProcessor): it can tell the
            // employee about the open server findings this analysis met.
            analyses.analysed(call.conversation(), "action:" + call.request().requestId(), report,
                    clock.instant());
        }
        return ReportOutcomes.of(report, call.locale(), m -> links.downloadUrl(m.sha256(), call.conversationRef()));
    }

    @Override
    public Outcome failed(ActionCall call, Exception cause) {
        return new Outcome("inconclusive", java.util.Map.of("reason", "error"));
    }
}
