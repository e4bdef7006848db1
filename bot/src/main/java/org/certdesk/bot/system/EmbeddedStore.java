package org.certdesk.bot.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.stereotype.Component;

/**
 * Whether the database is H2 embedded in this process: a file H2 locks for the one process that
 * opened it (or memory). Then nothing the database holds was claimed by another live instance: what
 * a claim says is a previous run's, dead. PostgreSQL, H2 over TCP and H2's automatic mixed mode are
 * shared, so there claims run out by their lease.
 */
@Component
public class EmbeddedStore {
    private final boolean exclusive;

    public EmbeddedStore(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            this.exclusive = exclusive(connection.getMetaData().getURL());
        }
    }

    static boolean exclusive(String url) {
        String lower = url == null ? "" : url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("jdbc:h2:")) {
            return false;
        }
        String location = lower.substring("jdbc:h2:".length());
        return !location.startsWith("tcp:") && !location.startsWith("ssl:") && !lower.contains("auto_server=true");
    }

    /** @return true when this process alone has the database open */
    public boolean exclusive() {
        return exclusive;
    }
}
