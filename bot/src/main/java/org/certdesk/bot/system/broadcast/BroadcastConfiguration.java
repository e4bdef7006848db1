package org.certdesk.bot.system.broadcast;

import javax.sql.DataSource;

import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * LISTEN/NOTIFY on PostgreSQL, where several instances may share the database; in-process on H2,
 * which one instance alone uses.
 */
@Configuration(proxyBeanMethods = false)
class BroadcastConfiguration {
    @Bean
    Broadcast broadcast(DataSource dataSource, DataSourceProperties properties) {
        String url = properties.determineUrl();
        if (url != null && url.startsWith("jdbc:postgresql:")) {
            return new PostgresBroadcast(JdbcClient.create(dataSource), url, properties.determineUsername(),
                    properties.determinePassword());
        }
        return new InProcessBroadcast();
    }
}
