package org.certdesk.bot.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The SQLite store (profile {@code sqlite}, application-sqlite.yml): the datasource every store,
 * Flyway and the transactions use goes through {@link SqliteJdbc} when its URL is SQLite's.
 */
@Configuration(proxyBeanMethods = false)
class SqliteStore {
    @Bean
    static BeanPostProcessor sqliteDialect(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                String url = environment.getProperty("spring.datasource.url");
                if (!(bean instanceof DataSource dataSource) || !isSqlite(url)) {
                    return bean;
                }
                createFolder(url);
                return SqliteJdbc.wrap(dataSource);
            }
        };
    }

    /** SQLite creates the file but not its folder (H2 creates both): ./data on a first start. */
    private static void createFolder(String url) {
        String path = url.substring("jdbc:sqlite:".length());
        path = path.startsWith("file:") ? path.substring("file:".length()) : path;
        path = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        if (path.isEmpty() || path.startsWith(":memory:")) {
            return;
        }
        Path parent = Path.of(path).toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder of the SQLite store " + parent, e);
        }
    }

    static boolean isSqlite(String url) {
        return url != null && url.toLowerCase(Locale.ROOT).startsWith("jdbc:sqlite:");
    }
}
