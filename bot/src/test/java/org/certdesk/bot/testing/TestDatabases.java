package org.certdesk.bot.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.certdesk.bot.system.SqliteJdbc;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The databases the store runs on, migrated by the real Flyway scripts: H2 in PostgreSQL mode
 * (the default store), a real PostgreSQL (embedded, started once per JVM, a database per user) and
 * SQLite (a file in a temporary folder, profile sqlite's settings and dialect).
 */
public enum TestDatabases {
    H2, POSTGRES, SQLITE;

    /** The URL settings of application-sqlite.yml, on another file. */
    public static final String SQLITE_SETTINGS = "?journal_mode=WAL&synchronous=FULL&transaction_mode=IMMEDIATE"
            + "&busy_timeout=30000&foreign_keys=true";

    private static EmbeddedPostgres postgres;
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private DataSource shared;

    /** A migrated database shared by the store tests of the JVM (tests keep to their own conversations). */
    public synchronized DataSource dataSource() {
        if (shared == null) {
            shared = fresh();
        }
        return shared;
    }

    /** A new, migrated database. */
    public DataSource fresh() {
        DataSource dataSource = empty();
        migrations(dataSource).load().migrate();
        return dataSource;
    }

    /** The bot's migrations for this database, to run on {@code dataSource} (up to a version, for upgrade tests). */
    public org.flywaydb.core.api.configuration.FluentConfiguration migrations(DataSource dataSource) {
        return Flyway.configure().dataSource(dataSource)
                .locations(this == SQLITE ? "classpath:db/migration-sqlite" : "classpath:db/migration");
    }

    /** A new database without any table. */
    public DataSource empty() {
        return switch (this) {
            case H2 -> {
                JdbcDataSource h2 = new JdbcDataSource();
                h2.setURL(TestProperties.h2Memory());
                h2.setUser("sa");
                yield h2;
            }
            case POSTGRES -> postgresDatabase(newDatabase());
            case SQLITE -> SqliteJdbc.wrap(new DriverManagerDataSource("jdbc:sqlite:" + newSqliteFile() + SQLITE_SETTINGS));
        };
    }

    private static String newSqliteFile() {
        try {
            Path folder = Files.createTempDirectory("certdesk-sqlite");
            folder.toFile().deleteOnExit(); // deleted last: files registered after it go first
            for (String file : List.of("certdesk.sqlite", "certdesk.sqlite-wal", "certdesk.sqlite-shm")) {
                folder.resolve(file).toFile().deleteOnExit();
            }
            return folder.resolve("certdesk.sqlite").toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for SQLite", e);
        }
    }

    /** Spring datasource properties for a new (not yet migrated) PostgreSQL database. */
    public static Map<String, Object> postgresProperties() {
        String name = newDatabase();
        return Map.of("spring.datasource.url", server().getJdbcUrl("postgres", name),
                "spring.datasource.username", "postgres", "spring.datasource.password", "");
    }

    private static DataSource postgresDatabase(String name) {
        return server().getDatabase("postgres", name);
    }

    private static String newDatabase() {
        String name = "certdesk_" + DATABASES.incrementAndGet();
        try (Connection connection = server().getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return name;
    }

    private static synchronized EmbeddedPostgres server() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
            }
            EmbeddedPostgres started = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    // exiting anyway
                }
            }));
        }
        return postgres;
    }

    /**
     * Whether a session of {@code dataSource}'s database is waiting for a lock another holds: what a
     * test waits for instead of guessing how long a blocked statement takes to block.
     */
    public boolean hasASessionWaitingForALock(DataSource dataSource) {
        String sql = switch (this) {
            case H2 -> "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL";
            case POSTGRES -> "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND wait_event_type = 'Lock'";
            // SQLite cannot list who waits: a connection of its own that fails to take the write lock at
            // once means another holds it, so a second transaction can only be waiting for it.
            case SQLITE -> null;
        };
        if (sql == null) {
            return writeLockHeld(dataSource);
        }
        return JdbcClient.create(dataSource).sql(sql).query(Long.class).single() > 0;
    }

    private static boolean writeLockHeld(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 0");
            try {
                statement.execute("BEGIN IMMEDIATE");
            } catch (SQLException busy) {
                return true;
            }
            statement.execute("ROLLBACK");
            return false;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return switch (this) {
            case H2 -> "H2 (PostgreSQL mode)";
            case POSTGRES -> "PostgreSQL";
            case SQLITE -> "SQLite (WAL, synchronous=FULL)";
        };
    }
}
