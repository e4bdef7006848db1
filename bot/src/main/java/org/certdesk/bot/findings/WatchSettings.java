package org.certdesk.bot.findings;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The watch of the sign-in servers, under {@code certdesk.analyzer} (beside the analyzer's own
 * settings, which say which hosts to check).
 *
 * @param watchInterval how often the configured hosts are checked for every Android release (and
 *     once at start); {@code 0} turns the watch off (findings are then never raised)
 * @param expiryWarning a certificate the server sends that expires within this is a finding
 */
@ConfigurationProperties("certdesk.analyzer")
public record WatchSettings(@DefaultValue("15m") Duration watchInterval, @DefaultValue("30d") Duration expiryWarning) {

    public WatchSettings {
        if (watchInterval.isNegative()) {
            throw new IllegalArgumentException("certdesk.analyzer.watch-interval must not be negative: " + watchInterval);
        }
        if (expiryWarning.isNegative()) {
            throw new IllegalArgumentException("certdesk.analyzer.expiry-warning must not be negative: " + expiryWarning);
        }
    }

    boolean watching() {
        return !watchInterval.isZero();
    }
}
