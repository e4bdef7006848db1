package org.certdesk.bot.crash;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

/** {@link KillNineTest} on the default store: H2 in a file under the working folder's {@code ./data}. */
class KillNineOnH2Tests extends KillNineTest {
    @Override
    List<String> storeSettings() {
        return List.of(); // application.yml's own datasource: what `java -jar` uses
    }

    @Override
    Connection openStore(Path folder) throws SQLException {
        return DriverManager.getConnection("jdbc:h2:file:" + folder.resolve("data/certdesk").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "");
    }
}
