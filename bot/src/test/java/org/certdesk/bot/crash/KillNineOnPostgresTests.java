package org.certdesk.bot.crash;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import org.certdesk.bot.testing.TestDatabases;

/** {@link KillNineTest} on PostgreSQL (embedded, in the test's JVM: only the bot is killed). */
class KillNineOnPostgresTests extends KillNineTest {
    private final Map<String, Object> database = TestDatabases.postgresProperties();

    @Override
    List<String> storeSettings() {
        return List.of("--spring.profiles.active=postgres", "--certdesk.db.url=" + database.get("spring.datasource.url"),
                "--certdesk.db.username=" + database.get("spring.datasource.username"), "--certdesk.db.password=");
    }

    @Override
    Connection openStore(Path folder) throws SQLException {
        return DriverManager.getConnection((String) database.get("spring.datasource.url"),
                (String) database.get("spring.datasource.username"), "");
    }
}
