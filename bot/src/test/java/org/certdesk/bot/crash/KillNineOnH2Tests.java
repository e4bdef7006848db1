package org.certdesk.bot.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
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

    @Override
    void checkIndexes(Connection store) throws SQLException {
        Map<String, List<String>> indexes = new LinkedHashMap<>();
        try (PreparedStatement columns = store.prepareStatement("SELECT table_name, index_name, column_name"
                + " FROM information_schema.index_columns WHERE LOWER(table_name) IN ('outbox', 'inbox',"
                + " 'conversations', 'processed_activities') ORDER BY table_name, index_name, ordinal_position");
                ResultSet rows = columns.executeQuery()) {
            while (rows.next()) {
                indexes.computeIfAbsent(rows.getString(1) + "/" + rows.getString(2), k -> new ArrayList<>())
                        .add(rows.getString(3));
            }
        }
        assertThat(indexes).as("indexes of the turn's tables").hasSizeGreaterThanOrEqualTo(6);
        for (Map.Entry<String, List<String>> index : indexes.entrySet()) {
            String table = index.getKey().substring(0, index.getKey().indexOf('/'));
            String name = index.getKey().substring(index.getKey().indexOf('/') + 1);
            String cols = String.join(", ", index.getValue().stream().map(c -> "\"" + c + "\"").toList());
            String first = "\"" + index.getValue().get(0) + "\"";
            // A range on the index's first column makes H2 walk the index (NULLs are counted apart).
            String viaIndex = "SELECT " + cols + " FROM \"" + table + "\" USE INDEX (\"" + name + "\") WHERE " + first
                    + " >= (SELECT MIN(" + first + ") FROM \"" + table + "\" USE INDEX ()) ORDER BY " + cols;
            String viaTable = "SELECT " + cols + " FROM \"" + table + "\" USE INDEX () WHERE " + first
                    + " >= (SELECT MIN(" + first + ") FROM \"" + table + "\" USE INDEX ()) ORDER BY " + cols;
            try (Statement statement = store.createStatement()) {
                try (ResultSet plan = statement.executeQuery("EXPLAIN " + viaIndex)) {
                    plan.next();
                    assertThat(plan.getString(1)).as("the plan reads %s", name).containsIgnoringCase(name);
                }
                assertThat(rows(statement, viaIndex)).as("rows of %s read through index %s", table, name)
                        .isEqualTo(rows(statement, viaTable));
                String nulls = "SELECT COUNT(*) FROM \"" + table + "\" USE INDEX (%s) WHERE " + first + " IS NULL";
                assertThat(rows(statement, nulls.formatted("\"" + name + "\""))).as("NULLs in %s", name)
                        .isEqualTo(rows(statement, nulls.formatted("")));
            }
        }
    }

    private static List<List<String>> rows(Statement statement, String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (ResultSet result = statement.executeQuery(sql)) {
            int width = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> row = new ArrayList<>(width);
                for (int i = 1; i <= width; i++) {
                    row.add(result.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
