package org.certdesk.bot.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.certdesk.bot.testing.TestDatabases;
import org.junit.jupiter.api.Test;

/**
 * The sqlite profile's migrations (db/migration-sqlite) build the schema the shared ones
 * (db/migration) build on H2 and PostgreSQL: a shared migration added without its SQLite variant, or
 * a table or column that differs, fails here rather than at a SQLite user's first start.
 */
class SqliteMigrationsTests {
    private static final Pattern NAMED = Pattern.compile("(?i)(?:CREATE\\s+INDEX|CONSTRAINT)\\s+(\\w+)");

    @Test
    void everySharedMigrationHasASqliteVariantOfTheSameNumber() throws Exception {
        assertThat(versions("db/migration-sqlite")).isEqualTo(versions("db/migration")).isNotEmpty();
    }

    @Test
    void theSqliteSchemaHasTheSameTablesColumnsIndexesAndConstraints() throws Exception {
        assertThat(columns(TestDatabases.SQLITE.fresh())).isEqualTo(columns(TestDatabases.H2.fresh()));
        assertThat(names("db/migration-sqlite")).isEqualTo(names("db/migration")).contains("outbox_pending");
    }

    private static Set<String> versions(String folder) throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(folder(folder))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".sql"))
                    .collect(TreeSet::new, Set::add, Set::addAll);
        }
    }

    /** The index and constraint names the migrations give (SQLite's conversations key is a unique pair). */
    private static Set<String> names(String folder) throws IOException, URISyntaxException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.list(folder(folder))) {
            for (Path file : files.toList()) {
                Matcher m = NAMED.matcher(Files.readString(file).replaceAll("--[^\\n]*", ""));
                while (m.find()) {
                    names.add(m.group(1).toLowerCase());
                }
            }
        }
        names.remove("conversations_id_uk"); // H2/PostgreSQL: id is unique beside the key; SQLite: id is the key
        names.remove("script_audit_pk"); // id is the key on both, written inline on SQLite
        return names;
    }

    private static Path folder(String folder) throws URISyntaxException {
        return Path.of(SqliteMigrationsTests.class.getClassLoader().getResource(folder).toURI());
    }

    /** Table → its column names, without Flyway's, SQLite's and H2's own (pg_catalog, information_schema). */
    private static Map<String, Set<String>> columns(DataSource dataSource) throws SQLException {
        Map<String, Set<String>> tables = new TreeMap<>();
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            try (ResultSet rows = meta.getColumns(null, null, "%", "%")) {
                while (rows.next()) {
                    String schema = rows.getString("TABLE_SCHEM");
                    String table = rows.getString("TABLE_NAME").toLowerCase();
                    if ((schema != null && !schema.equalsIgnoreCase("public")) || table.startsWith("sqlite_")
                            || table.equals("flyway_schema_history")) {
                        continue;
                    }
                    tables.computeIfAbsent(table, t -> new TreeSet<>()).add(rows.getString("COLUMN_NAME").toLowerCase());
                }
            }
        }
        return tables;
    }
}
