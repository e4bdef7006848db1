package org.certdesk.bot.channel.teams;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;

/**
 * No {@code http.server.requests} observation of Teams' activities: its tags and timer cost each
 * turn, and the turns are counted and timed already ({@code certdesk.turns},
 * {@code certdesk.turn.latency}).
 */
@Component
class ActivitiesUnobserved implements ObservationPredicate {
    @Override
    public boolean test(String name, Observation.Context context) {
        return !(context instanceof ServerRequestObservationContext request
                && MessagingEndpoint.PATH.equals(request.getCarrier().getRequestURI()));
    }
}
