package org.certdesk.bot.channel.teams;

import java.time.Instant;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The Teams channel alone, for slice tests in this package: its beans and a hand-moved clock; no
 * store, no other channel, a simple meter registry (the slice has no metrics set-up). Tests mock the
 * {@link org.certdesk.bot.conversation.TurnSubmitter}.
 */
@SpringBootConfiguration
@EnableConfigurationProperties(TeamsProperties.class)
@Import({ MessagingEndpointRegistration.class, InboundAuthenticator.class, SigningKeys.class, TeamsHttp.class,
        ConnectorTokens.class, ConnectorClient.class, TeamsDelivery.class })
class TeamsTestApplication {
    @Bean
    MutableClock testClock() {
        return new MutableClock(Instant.now());
    }

    @Bean
    SimpleMeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }
}
