package org.certdesk.bot.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.certdesk.bot.system.CertdeskApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Starts the real application (the production {@link CertdeskApplication}, embedded Tomcat) with the
 * benchmark's settings, plus the floor endpoint {@code POST /bench/echo}.
 *
 * <p>Nothing from the test tree is component-scanned: the application scans {@code org.certdesk.bot},
 * which on the test class path includes test applications and configurations. And the echo endpoint
 * is a plain object whose handler method is registered with Spring MVC's
 * {@link RequestMappingHandlerMapping} once the context runs, so it goes through the same
 * DispatcherServlet and annotated-handler path as {@code /api/messages}, but no other test
 * application can pick it up by scanning (a {@code @RestController} here would be).
 */
final class BenchApplication {
    static final String ECHO_PATH = "/bench/echo";

    private BenchApplication() {
    }

    /**
     * @param properties added first, before application.yml (which would otherwise win and put the run on
     *     ./data), and early enough for the logging levels and the banner
     */
    static ConfigurableApplicationContext start(Map<String, Object> properties) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(CertdeskApplication.class)
                .listeners(new BenchProperties(properties))
                .initializers(c -> c.getBeanFactory().registerSingleton("certdeskBenchExcludeTestClasses",
                        new ExcludeTestClasses()))
                .run();
        registerEcho(context);
        return context;
    }

    /**
     * Adds the benchmark's properties once the environment is prepared (application.yml loaded) and
     * before the logging system reads its levels.
     */
    private record BenchProperties(Map<String, Object> properties)
            implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {
        @Override
        public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
            event.getEnvironment().getPropertySources().addFirst(new MapPropertySource("certdesk-bench", properties));
        }

        @Override
        public int getOrder() {
            return LoggingApplicationListener.DEFAULT_ORDER - 1;
        }
    }

    static int port(ConfigurableApplicationContext context) {
        Integer port = context.getEnvironment().getProperty("local.server.port", Integer.class);
        if (port == null) {
            throw new IllegalStateException("the application has no web server port");
        }
        return port;
    }

    private static void registerEcho(ConfigurableApplicationContext context) {
        RequestMappingHandlerMapping mapping = context.getBean("requestMappingHandlerMapping",
                RequestMappingHandlerMapping.class);
        try {
            mapping.registerMapping(RequestMappingInfo.paths(ECHO_PATH).methods(RequestMethod.POST)
                            .options(mapping.getBuilderConfiguration()).build(),
                    new Echo(), Echo.class.getMethod("echo", HttpServletRequest.class));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The floor: reads the body like {@code /api/messages} does, then 200 with no work and no token check. */
    public static final class Echo {
        public ResponseEntity<Void> echo(HttpServletRequest request) throws IOException {
            try (InputStream in = request.getInputStream()) {
                in.readAllBytes();
            }
            return ResponseEntity.ok().build();
        }
    }

    /** Keeps every class compiled from the test tree out of the component scan. */
    static final class ExcludeTestClasses extends TypeExcludeFilter {
        private final String testClasses;

        ExcludeTestClasses() {
            URL location = BenchApplication.class.getProtectionDomain().getCodeSource().getLocation();
            this.testClasses = location.toString();
        }

        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
            return reader.getResource().getURL().toString().startsWith(testClasses);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ExcludeTestClasses;
        }

        @Override
        public int hashCode() {
            return ExcludeTestClasses.class.hashCode();
        }
    }
}
