package org.certdesk.bot.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link KillNineTest} on the {@code sqlite} profile: SQLite in WAL mode with {@code synchronous=FULL}
 * under the working folder's {@code ./data}. The database is checked by SQLite itself ({@code PRAGMA
 * integrity_check}: every index against its table, the pages, the free list; and {@code PRAGMA
 * foreign_key_check}) twice a run: right after the restart recovered the killed run's log, while the
 * restarted bot runs, and after its clean stop.
 */
class KillNineOnSqliteTests extends KillNineTest {
    @Override
    List<String> storeSettings() {
        return List.of("--spring.profiles.active=sqlite");
    }

    @Override
    Connection openStore(Path folder) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("data/certdesk.sqlite").toAbsolutePath()
                + "?busy_timeout=30000");
    }

    @Override
    void checkWhileRunning(Path folder) throws SQLException {
        try (Connection store = openStore(folder)) {
            checkIndexes(store);
        }
    }

    @Override
    void checkIndexes(Connection store) throws SQLException {
        try (Statement statement = store.createStatement()) {
            assertThat(rows(statement, "PRAGMA integrity_check")).as("PRAGMA integrity_check").containsExactly("ok");
            assertThat(rows(statement, "PRAGMA foreign_key_check")).as("PRAGMA foreign_key_check").isEmpty();
            // The check saw the tables a turn writes, with their indexes (not an empty file).
            assertThat(rows(statement, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN"
                    + " ('outbox', 'inbox', 'conversations', 'processed_activities')")).hasSizeGreaterThanOrEqualTo(6);
        }
    }

    private static List<String> rows(Statement statement, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }
}
