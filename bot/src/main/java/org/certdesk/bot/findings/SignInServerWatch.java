package org.certdesk.bot.findings;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ScheduledFuture;

import org.certdesk.analyzer.CertAnalyzer;
import org.certdesk.analyzer.HostReport;
import org.certdesk.analyzer.Report;
import org.certdesk.analyzer.Target;
import org.certdesk.bot.system.AnalyzerTargets;
import org.certdesk.bot.system.Housekeeping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks the configured sign-in hosts ({@code certdesk.analyzer.hosts} and the AD FS host, with the
 * trusted roots) for every Android release the analyzer knows, at start and every
 * {@code certdesk.analyzer.watch-interval}, on the {@link Housekeeping} thread; keeps each result with its time,
 * opens a finding for each server problem not already open and closes the open ones a complete
 * check no longer sees, announcing each change once in the helpdesk's Teams channel. A host that
 * could not be looked at (unreachable, or some releases not checked) closes nothing: "not seen"
 * must mean "fixed", not "not looked".
 */
@Component
public class SignInServerWatch implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(SignInServerWatch.class);
    /** The watch adds a row per host and release every check: older ones only fill the table. */
    private static final Duration KEEP_WATCH_RESULTS = Duration.ofDays(90);

    private final CertAnalyzer analyzer;
    private final AnalyzerTargets targets;
    private final FindingStore findings;
    private final AnalyzerResults results;
    private final FindingNotices notices;
    private final WatchSettings settings;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Housekeeping housekeeping;
    private volatile ScheduledFuture<?> checks;

    SignInServerWatch(CertAnalyzer analyzer, AnalyzerTargets targets, FindingStore findings, AnalyzerResults results,
            FindingNotices notices, WatchSettings settings, PlatformTransactionManager transactions, Clock clock,
            Housekeeping housekeeping) {
        this.analyzer = analyzer;
        this.targets = targets;
        this.findings = findings;
        this.results = results;
        this.notices = notices;
        this.settings = settings;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.housekeeping = housekeeping;
    }

    /** Checks every host for every Android release now, and opens and closes findings accordingly. */
    public synchronized void check() {
        Map<Target, List<HostReport>> byHost = new LinkedHashMap<>();
        List<Target> looking = new ArrayList<>(targets.targets());
        for (int apiLevel : new TreeSet<>(analyzer.androidStores().apiLevels())) {
            if (looking.isEmpty()) {
                break;
            }
            Report report = analyzer.analyze(looking, apiLevel);
            for (HostReport host : report.hosts()) {
                byHost.computeIfAbsent(host.target(), t -> new ArrayList<>()).add(host);
                if (!ServerProblems.looked(host)) {
                    // Unreachable (or not TLS) at one release is unreachable at all: not waited for 12 times more.
                    looking.remove(host.target());
                }
            }
        }
        Instant now = clock.instant();
        byHost.forEach((target, reports) -> transaction.executeWithoutResult(s -> reconcile(target, reports, now)));
        results.forgetWatchBefore(now.minus(KEEP_WATCH_RESULTS));
    }

    private void reconcile(Target target, List<HostReport> reports, Instant now) {
        reports.forEach(report -> results.record(AnalyzerResults.WATCH, report, null, now));
        Map<String, FoundProblem> seen = new LinkedHashMap<>();
        Map<String, Set<Integer>> levels = new LinkedHashMap<>();
        for (HostReport report : reports) {
            for (FoundProblem problem : ServerProblems.of(report, now, settings.expiryWarning())) {
                seen.putIfAbsent(problem.key(), problem);
                levels.computeIfAbsent(problem.key(), k -> new HashSet<>()).add(report.apiLevel());
            }
        }
        Map<String, Long> open = findings.openKeysOn(target.host(), target.port());
        seen.forEach((key, problem) -> {
            Long id = open.get(key);
            if (id != null) {
                findings.seen(id, levels.get(key), now);
            } else {
                findings.open(problem, levels.get(key), now).ifPresent(opened -> {
                    ServerFinding finding = findings.find(opened).orElseThrow();
                    log.warn("sign-in server {}: finding {} opened: {} {}", finding.target(), opened, finding.code(),
                            finding.certificateName() == null ? "" : finding.certificateName());
                    notices.opened(finding, now);
                });
            }
        });
        if (!reports.stream().allMatch(ServerProblems::looked)) {
            return; // some releases could not be checked: what they would have seen is unknown
        }
        open.forEach((key, id) -> {
            if (!seen.containsKey(key) && findings.close(id, now)) {
                ServerFinding finding = findings.find(id).orElseThrow();
                log.info("sign-in server {}: finding {} closed: {} is no longer seen", finding.target(), id,
                        finding.code());
                notices.closed(finding, now);
            }
        });
    }

    @Override
    public void start() {
        if (!settings.watching()) {
            log.info("sign-in server watch is off (certdesk.analyzer.watch-interval=0): no server findings");
            return;
        }
        checks = housekeeping.every("sign-in server watch", settings.watchInterval(), this::check);
    }

    @Override
    public void stop() {
        ScheduledFuture<?> scheduled = checks;
        checks = null;
        if (scheduled != null) {
            scheduled.cancel(false); // a check under way finishes: Housekeeping waits for it
        }
    }

    @Override
    public boolean isRunning() {
        return checks != null;
    }
}
