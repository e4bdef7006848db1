package org.certdesk.bot.helpdesk;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The helpdesk, under {@code certdesk.helpdesk}.
 *
 * @param teamsConversation the Teams conversation (a team's channel, {@code 19:...@thread.tacv2}, or a
 *     group chat) where new cases are announced; none: cases only appear in the console. The bot logs
 *     a team's id when it is added to it.
 * @param teamsServiceUrl the Bot Connector base URL for that conversation (the tenant's region)
 * @param locale the helpdesk's language for the announcements ({@code fr} or {@code en})
 * @param retention how long a closed case (resolved, returned or cancelled) is kept, with what the
 *     agent and the employee said in it, from its closing; active cases are kept however old
 * @param transcriptRetention how long what the employee and the bot said is kept when the
 *     conversation has no case: never escalated, or its cases already deleted by {@code retention}.
 *     The lines before an escalation belong to the case's context and stay as long as the case.
 */
@ConfigurationProperties("certdesk.helpdesk")
record HelpdeskProperties(String teamsConversation,
        @DefaultValue("https://smba.trafficmanager.net/teams/") URI teamsServiceUrl,
        @DefaultValue("fr") String locale,
        @DefaultValue("365d") Duration retention,
        @DefaultValue("30d") Duration transcriptRetention) {

    HelpdeskProperties {
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("certdesk.helpdesk.retention must be positive, is " + retention);
        }
        if (transcriptRetention == null || transcriptRetention.isNegative() || transcriptRetention.isZero()) {
            throw new IllegalArgumentException("certdesk.helpdesk.transcript-retention must be positive, is "
                    + transcriptRetention);
        }
    }

    boolean announcesInTeams() {
        return teamsConversation != null && !teamsConversation.isBlank();
    }
}
