package org.certdesk.bot.testing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** What the whole-application tests add: the test channel and a POST endpoint to send bodies to. */
@TestConfiguration(proxyBeanMethods = false)
public class BotTestConfiguration {

    @Bean
    TestChannel testChannel() {
        return new TestChannel();
    }

    /** A JSON body with required fields. */
    public record Ping(@NotBlank String text, @NotNull Integer count) {}

    /** Registered as a member class of this configuration (and only where it is imported). */
    @RestController
    static class EchoController {
        @PostMapping(path = "/test/echo", consumes = "application/json")
        Ping echo(@Valid @RequestBody Ping ping) {
            return ping;
        }
    }
}
