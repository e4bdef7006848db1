package org.certdesk.bot.system;

import java.nio.file.Path;
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

    /**
     * One of the files of the embedded H2 store at {@code url}: {@code jdbc:h2:file:./data/certdesk;…} and
     * {@code ".mv.db"} give {@code ./data/certdesk.mv.db}.
     */
    static Path filesOf(String url, String suffix) {
        String location = url.substring("jdbc:h2:".length());
        int options = location.indexOf(';');
        location = options < 0 ? location : location.substring(0, options);
        if (location.toLowerCase(Locale.ROOT).startsWith("file:")) {
            location = location.substring("file:".length());
        }
        if (location.startsWith("~")) {
            location = System.getProperty("user.home") + location.substring(1);
        }
        return Path.of(location + suffix);
    }

    /** H2's file of the embedded store at {@code url}. */
    static Path fileOf(String url) {
        return filesOf(url, ".mv.db");
    }

    /** @return true when this process alone has the database open */
    public boolean exclusive() {
        return exclusive;
    }
}
