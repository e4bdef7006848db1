package org.certdesk.bot.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Settings of the test applications: the analyzer on {@link LoopbackPki} (private addresses allowed,
 * no cache, so scenarios can switch), fast outbox retries, and a database of their own.
 */
public final class TestProperties {
    private TestProperties() {}

    /** Common settings plus {@code database} ones. */
    public static Map<String, Object> with(Map<String, Object> database) {
        LoopbackPki pki = LoopbackPki.get();
        Map<String, Object> properties = new HashMap<>();
        properties.put("certdesk.analyzer.hosts", pki.host());
        properties.put("certdesk.analyzer.allow-private", "true");
        properties.put("certdesk.analyzer.trusted-roots", pki.rootPem().toString());
        properties.put("certdesk.analyzer.cache-ttl", "0s");
        properties.put("certdesk.analyzer.connect-timeout", "2s");
        properties.put("certdesk.analyzer.handshake-timeout", "5s");
        // No background watch of the sign-in server: its findings would add "the IT team knows" to the
        // replies other tests expect. The findings tests turn it on and check when they choose.
        properties.put("certdesk.analyzer.watch-interval", "0");
        properties.put("certdesk.public-base-url", "https://certdesk.test");
        properties.put("certdesk.outbox.poll-interval", "200ms");
        properties.put("certdesk.outbox.initial-backoff", "20ms");
        properties.put("certdesk.outbox.max-backoff", "200ms");
        properties.put("certdesk.turns.recovery-interval", "10m");
        properties.put("certdesk.limits.max-request-body", "1KB");
        properties.put("certdesk.webchat.conversations-per-minute", "100000"); // every test chats from 127.0.0.1
        // Accounts of the consoles (see TestAccounts), clear-text as the tests send them.
        String[][] accounts = {TestAccounts.AGENT, TestAccounts.OTHER_AGENT, TestAccounts.ADMIN};
        for (int i = 0; i < accounts.length; i++) {
            properties.put("certdesk.security.users[" + i + "].name", accounts[i][0]);
            properties.put("certdesk.security.users[" + i + "].password", "{noop}" + accounts[i][1]);
            properties.put("certdesk.security.users[" + i + "].roles", accounts[i][2]);
        }
        properties.putAll(database);
        return properties;
    }

    public static Map<String, Object> h2(String url) {
        return Map.of("spring.datasource.url", url, "spring.datasource.username", "sa",
                "spring.datasource.password", "");
    }

    public static String h2Memory() {
        return "jdbc:h2:mem:bot-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    }

    /**
     * Puts {@code properties} before every other property source of {@code context} (application.yml
     * included; default properties would lose to it) and keeps the other test applications out. For
     * initializers of tests that need settings of their own.
     */
    public static void apply(ConfigurableApplicationContext context, Map<String, Object> properties) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("certdesk-test", properties));
        OtherTestApplications.excludeFrom(context);
    }

    /** For {@link BotTest}: a fresh in-memory H2. */
    public static final class InMemory implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            apply(context, with(h2(h2Memory())));
        }
    }

    /** For {@link PostgresBotTest}: the JVM's embedded PostgreSQL, a database of its own. */
    public static final class OnPostgres implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            apply(context, with(new HashMap<>(TestDatabases.postgresProperties())));
        }
    }
}
