package org.certdesk.bot.channel.webhook;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import org.certdesk.bot.system.CertdeskApplication;
import org.certdesk.bot.testing.BotTestConfiguration;
import org.certdesk.bot.testing.TestProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application as {@link org.certdesk.bot.testing.BotTest} runs it (in-memory H2, random
 * port, the real analyzer on loopback), plus the webhook's secret, a reply timeout of
 * {@value #REPLY_TIMEOUT_SECONDS} s, and the analyzer reaching the loopback TLS server through
 * {@link SlowTlsRelay}, so a test can make it slower than that. One context for every class with
 * this annotation; tests use threads of their own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = {CertdeskApplication.class, BotTestConfiguration.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ContextConfiguration(initializers = WebhookBotTest.Settings.class)
@interface WebhookBotTest {
    /** As Teams shows it when the webhook is created: base64 of 32 bytes. */
    String SECRET = "vqF0En+Z0ucuRTM/01o2GuhMH3hKKk/N2bOmlM31zaA=";
    int REPLY_TIMEOUT_SECONDS = 3;

    /** BotTest's settings, then these over them (in one initializer, so their order is certain). */
    final class Settings implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            new TestProperties.InMemory().initialize(context);
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("certdesk-webhook-test",
                    Map.of(
                            "certdesk.webhook.secret", SECRET,
                            "certdesk.webhook.reply-timeout", REPLY_TIMEOUT_SECONDS + "s",
                            "certdesk.analyzer.hosts", SlowTlsRelay.get().host(),
                            // longer than any delay the relay is given: slow, not failed
                            "certdesk.analyzer.handshake-timeout", "30s",
                            // a Teams activity is 1 to 3 KB; BotTest's 1 KB is for its own tests
                            "certdesk.limits.max-request-body", "16KB")));
        }
    }
}
