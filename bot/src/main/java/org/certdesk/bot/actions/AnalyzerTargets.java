package org.certdesk.bot.actions;

import java.util.List;

import org.certdesk.analyzer.Target;

/** The hosts {@code cert.analyze} checks: the configured sign-in hosts, then the AD FS host if any. */
public record AnalyzerTargets(List<Target> targets) {
    public AnalyzerTargets {
        targets = List.copyOf(targets);
    }
}
