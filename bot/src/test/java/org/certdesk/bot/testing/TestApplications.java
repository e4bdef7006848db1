package org.certdesk.bot.testing;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.certdesk.bot.system.CertdeskApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the whole application on an H2 file, to stop it and start it again. */
public final class TestApplications {
    private TestApplications() {}

    /** The default URL's settings (application.yml), in a folder of the test's. */
    public static String h2File(Path directory) {
        return "jdbc:h2:file:" + directory.resolve("certdesk").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;QUERY_CACHE_SIZE=64"
                + ";CACHE_SIZE=2048;AUTO_COMPACT_FILL_RATE=0;RETENTION_TIME=1000";
    }

    /** Without a web server. */
    public static ConfigurableApplicationContext start(String databaseUrl) {
        return start(databaseUrl, Map.of(), WebApplicationType.NONE);
    }

    /**
     * With {@code more} settings over the test ones; {@link WebApplicationType#SERVLET} serves on a
     * random port, which {@link #port} gives.
     */
    public static ConfigurableApplicationContext start(String databaseUrl, Map<String, Object> more,
            WebApplicationType web) {
        return start(TestProperties.h2(databaseUrl), more, web);
    }

    /**
     * Spring datasource settings of a new, empty database on the JVM's embedded PostgreSQL: start
     * several instances on them to play a scaled-out deployment.
     */
    public static Map<String, Object> newPostgresDatabase() {
        return TestDatabases.postgresProperties();
    }

    /** Like {@link #start(String, Map, WebApplicationType)} on the database {@code database} describes. */
    public static ConfigurableApplicationContext start(Map<String, Object> database, Map<String, Object> more,
            WebApplicationType web) {
        Map<String, Object> properties = new HashMap<>(TestProperties.with(database));
        if (web != WebApplicationType.NONE) {
            properties.put("server.port", "0");
        }
        properties.putAll(more);
        // Added first, not as default properties: those lose to application.yml, which would put the
        // test on the developer's ./data database.
        return new SpringApplicationBuilder(CertdeskApplication.class, BotTestConfiguration.class)
                .web(web)
                .initializers(context -> TestProperties.apply(context, properties))
                .run();
    }

    /** The port a web application started by {@link #start(String, Map, WebApplicationType)} listens on. */
    public static int port(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }
}
