package org.certdesk.bot.scripts;

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
 * {@link org.certdesk.bot.testing.BotTest}'s whole application with the production body limit
 * (256KB): the shared test context caps bodies at 1KB, and a script is about 20KB. One context for
 * every admin test class.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = {CertdeskApplication.class, BotTestConfiguration.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ContextConfiguration(initializers = AdminBotTest.ProductionBodyLimit.class)
@interface AdminBotTest {

    final class ProductionBodyLimit implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            new TestProperties.InMemory().initialize(context);
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("certdesk-admin-test",
                    Map.of("certdesk.limits.max-request-body", "256KB")));
        }
    }
}
