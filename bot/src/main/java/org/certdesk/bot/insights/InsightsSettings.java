package org.certdesk.bot.insights;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The insights dashboard, under {@code certdesk.insights}.
 *
 * @param abandonedAfter a conversation neither resolved nor escalated and silent this long counts as
 *     abandoned (before that it is in progress)
 * @param maxPeriod the longest period one request may ask for
 */
@ConfigurationProperties("certdesk.insights")
record InsightsSettings(@DefaultValue("24h") Duration abandonedAfter, @DefaultValue("366d") Duration maxPeriod) {}
