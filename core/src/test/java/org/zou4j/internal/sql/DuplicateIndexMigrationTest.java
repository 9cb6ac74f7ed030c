package org.zou4j.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * V91 drops, on H2 only, the indexes that copy another index of their table (V1's {@code ix_} indexes on foreign-key
 * columns, which H2 had already indexed for the key); PostgreSQL keeps all of them. Checked from JDBC metadata, on
 * the schema before (target 90) and after the migration.
 */
class DuplicateIndexMigrationTest {

    static final Map<String, String> H2_PLACEHOLDERS = Map.of("json_type", "JSON", "stored", "");
    static final Map<String, String> PG_PLACEHOLDERS = Map.of("json_type", "JSONB", "stored", "STORED");

    @Test
    void h2KeepsOneIndexPerColumnListAndAnIndexForEveryForeignKey() throws SQLException {
        String url = "jdbc:h2:mem:dup-" + UUID.randomUUID()
                + ";DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            migrate(url, null, H2_PLACEHOLDERS, "90");
            Map<String, Index> before = indexes(c, "public");
            Map<String, List<String>> copiesBefore = copies(before);
            assertThat(copiesBefore).as("V1 left copies on H2").hasSizeGreaterThan(100)
                    .containsKey("task(project_id A)");
            assertThat(copiesBefore.get("task(project_id A)")).hasSize(2).contains("ix_task_project_id");

            // up to V91 only: later migrations change indexes for reasons of their own (V95 drops one)
            migrate(url, null, H2_PLACEHOLDERS, "91");
            Map<String, Index> after = indexes(c, "public");
            assertThat(copies(after)).as("indexes with the same column list on a table").isEmpty();

            // Exactly one of each set of copies went, always the ix_ one (the foreign key's own index stays).
            Set<String> dropped = new TreeSet<>(before.keySet());
            dropped.removeAll(after.keySet());
            assertThat(dropped).hasSize(copiesBefore.values().stream().mapToInt(l -> l.size() - 1).sum())
                    .allMatch(n -> n.startsWith("public.ix_"));
            assertThat(after).containsKeys("public.ix_task_open_stats", "public.ix_entity_project_type_status",
                    "public.ix_api_event_project_id_created_at");
            assertThat(after.values()).filteredOn(i -> i.table().equals("task"))
                    .extracting(Index::columns).contains("project_id A", "entity_id A", "task_type_id A",
                            "task_status_id A", "assigner_id A");
            assertEveryForeignKeyLeadsAnIndex(c, "public", after);
        }
    }

    @Test
    void h2WithDefaultIdentifierCaseToo() throws SQLException {
        String url = "jdbc:h2:mem:dup-plain-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        migrate(url, null, H2_PLACEHOLDERS, null);
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            Map<String, Index> after = indexes(c, "PUBLIC");
            assertThat(copies(after)).isEmpty();
            assertThat(after).doesNotContainKey("PUBLIC.IX_TASK_PROJECT_ID").containsKey("PUBLIC.IX_TASK_OPEN_STATS");
            assertEveryForeignKeyLeadsAnIndex(c, "PUBLIC", after);
        }
    }

    @Test
    void postgresKeepsItsIxIndexes() throws SQLException {
        String url = System.getenv("ZOU_TEST_PG_URL");
        if (url == null || url.isBlank()) {
            Assumptions.abort("ZOU_TEST_PG_URL is not set");
        }
        String schema = "zou_dup_index_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(url)) {
            try {
                migrate(url, schema, PG_PLACEHOLDERS, "90");
                Map<String, Index> before = indexes(c, schema);
                migrate(url, schema, PG_PLACEHOLDERS, "91");
                Map<String, Index> after = indexes(c, schema);
                assertThat(after.keySet()).isEqualTo(before.keySet());
                assertThat(after).containsKeys(schema + ".ix_task_project_id", schema + ".ix_task_entity_id",
                        schema + ".ix_comment_person_id", schema + ".ix_notification_person_id");
                assertThat(after.keySet().stream().filter(n -> n.startsWith(schema + ".ix_")).count())
                        .isGreaterThan(100);
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT success FROM " + schema
                                + ".flyway_schema_history WHERE version = '91'")) {
                    assertThat(rs.next()).as("V91 recorded").isTrue();
                    assertThat(rs.getBoolean(1)).isTrue();
                }
            } finally {
                try (Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            }
        }
    }

    // -----------------------------------------------------------------------------------------------------------

    private static void migrate(String url, String schema, Map<String, String> placeholders, String target) {
        var config = Flyway.configure().dataSource(url, url.startsWith("jdbc:h2:") ? "sa" : null, null)
                .locations("classpath:db/migration").placeholders(placeholders);
        if (schema != null) {
            config.schemas(schema).defaultSchema(schema);
        }
        if (target != null) {
            config.target(target);
        }
        config.load().migrate();
    }

    /** An index: its table and its columns in order, each with A(scending) or D(escending). */
    private record Index(String table, String columns) {
    }

    /** "schema.index" -> index, for every index of every table of the schema (Flyway's table left out). */
    private static Map<String, Index> indexes(Connection c, String schema) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        Map<String, Index> result = new TreeMap<>();
        for (String table : tables(md, schema)) {
            Map<String, TreeMap<Integer, String>> columns = new TreeMap<>();
            try (ResultSet rs = md.getIndexInfo(null, schema, table, false, false)) {
                while (rs.next()) {
                    String name = rs.getString("INDEX_NAME");
                    String column = rs.getString("COLUMN_NAME");
                    if (name != null && column != null) {
                        columns.computeIfAbsent(name, k -> new TreeMap<>()).put(rs.getInt("ORDINAL_POSITION"),
                                column + " " + rs.getString("ASC_OR_DESC"));
                    }
                }
            }
            columns.forEach((name, cols) -> result.put(schema + "." + name,
                    new Index(table, String.join(", ", cols.values()))));
        }
        return result;
    }

    /** "table(columns)" -> the names of its indexes, for the column lists that more than one index of a table has. */
    private static Map<String, List<String>> copies(Map<String, Index> indexes) {
        Map<String, List<String>> byColumns = new TreeMap<>();
        indexes.forEach((name, index) -> byColumns.computeIfAbsent(index.table() + "(" + index.columns() + ")",
                k -> new ArrayList<>()).add(name.substring(name.indexOf('.') + 1)));
        byColumns.values().removeIf(names -> names.size() < 2);
        return byColumns;
    }

    /** H2: every foreign-key column is the first column of an index of its table (H2 needs one per key). */
    private static void assertEveryForeignKeyLeadsAnIndex(Connection c, String schema, Map<String, Index> indexes)
            throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        int keys = 0;
        for (String table : tables(md, schema)) {
            try (ResultSet rs = md.getImportedKeys(null, schema, table)) {
                while (rs.next()) {
                    String column = rs.getString("FKCOLUMN_NAME");
                    keys++;
                    assertThat(indexes.values()).as("%s.%s leads an index", table, column)
                            .anyMatch(i -> i.table().equals(table) && i.columns().startsWith(column + " "));
                }
            }
        }
        assertThat(keys).isGreaterThan(100);
    }

    private static Set<String> tables(DatabaseMetaData md, String schema) throws SQLException {
        Set<String> tables = new TreeSet<>();
        try (ResultSet rs = md.getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String table = rs.getString("TABLE_NAME");
                if (!table.toLowerCase(Locale.ROOT).equals("flyway_schema_history")) {
                    tables.add(table);
                }
            }
        }
        return tables;
    }
}
