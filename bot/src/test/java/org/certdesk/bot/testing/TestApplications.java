package org.certdesk.bot.testing;

import java.nio.file.Path;

import org.certdesk.bot.system.CertdeskApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Starts the whole application (no web server) on an H2 file, to stop it and start it again. */
public final class TestApplications {
    private TestApplications() {}

    public static String h2File(Path directory) {
        return "jdbc:h2:file:" + directory.resolve("certdesk").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }

    public static ConfigurableApplicationContext start(String databaseUrl) {
        // Added first, not as default properties: those lose to application.yml, which would put the
        // test on the developer's ./data database.
        return new SpringApplicationBuilder(CertdeskApplication.class, BotTestConfiguration.class)
                .web(WebApplicationType.NONE)
                .initializers(context -> context.getEnvironment().getPropertySources().addFirst(
                        new MapPropertySource("certdesk-test", TestProperties.with(TestProperties.h2(databaseUrl)))),
                        OtherTestApplications::excludeFrom)
                .run();
    }
}
