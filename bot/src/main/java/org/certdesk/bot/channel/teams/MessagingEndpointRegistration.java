package org.certdesk.bot.channel.teams;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import org.certdesk.bot.conversation.TurnSubmitter;
import org.certdesk.bot.system.FilterOrder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Serves {@link MessagingEndpoint} on its path only, after the checks every request gets. */
@Component
class MessagingEndpointRegistration extends FilterRegistrationBean<MessagingEndpoint> {

    MessagingEndpointRegistration(InboundAuthenticator authenticator, TurnSubmitter turns, TeamsProperties properties,
            ObjectProvider<Clock> clock, JsonMapper json, MeterRegistry meters) {
        super(new MessagingEndpoint(authenticator, turns, properties, clock.getIfUnique(Clock::systemUTC), json,
                meters));
        addUrlPatterns(MessagingEndpoint.PATH);
        setOrder(FilterOrder.CHANNEL_ENDPOINT);
    }
}
