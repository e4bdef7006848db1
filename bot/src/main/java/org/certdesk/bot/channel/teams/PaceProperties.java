package org.certdesk.bot.channel.teams;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Whether replies are paced within Teams' rate limits ({@link ConnectorPace}), under
 * {@code certdesk.bot.pace}.
 *
 * @param enabled true (the default) for Teams: no reply meets a 429 for going too fast. False only
 *     against a stand-in connector without limits, e.g. to measure the bot's own throughput (the
 *     benchmark), which Teams would cap at about 30 replies a second per tenant.
 */
@ConfigurationProperties("certdesk.bot.pace")
public record PaceProperties(@DefaultValue("true") boolean enabled) {
    static final PaceProperties DEFAULTS = new PaceProperties(true);
}
