package org.certdesk.bot.actions;

import java.util.List;

import org.certdesk.analyzer.Target;

/** The hosts {@code cert.analyze} checks: the configured sign-in hosts, then the AD FS host if any. */
record AnalyzerTargets(List<Target> targets) {
    AnalyzerTargets {
        targets = List.copyOf(targets);
    }
}
