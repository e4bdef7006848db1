package org.certdesk.bot.channel.webchat;

import org.certdesk.bot.system.CertdeskProperties;
import org.certdesk.bot.system.Housekeeping;
import org.certdesk.bot.system.StoredSecrets;
import org.certdesk.bot.system.security.Role;
import org.certdesk.bot.system.security.SecurityProperties;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;

/**
 * The web chat alone (with the service's security rules) on the real database stack (H2 in memory, every Flyway migration), without
 * the bot core's turn pipeline: tests bring their own {@link org.certdesk.bot.conversation.TurnSubmitter}.
 * A {@code @TestConfiguration}, so that the application's own component scan never picks it up;
 * tests list it with their submitter, a plain class: {@code classes = {WebChatTestApplication.class,
 * RecordingTurns.class}}.
 */
@TestConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@ComponentScan(basePackageClasses = { WebChatTestApplication.class, Role.class },
        excludeFilters = @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class))
@EnableConfigurationProperties({ WebChatProperties.class, CertdeskProperties.class, SecurityProperties.class })
@Import({ StoredSecrets.class, Housekeeping.class })
class WebChatTestApplication {

    /** Each test context its own in-memory database, in the same mode as the real one. */
    static final String DATABASE = "spring.datasource.url=jdbc:h2:mem:webchat-${random.uuid};MODE=PostgreSQL;"
            + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";

    @Bean
    TestClock testClock() {
        return new TestClock();
    }
}
