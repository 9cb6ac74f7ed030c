package org.zou4j.internal.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The Flyway migration and the model declarations agree: every declared table, column, link table and foreign key
 * exists, on H2 and (when {@code ZOU_TEST_PG_URL} is set) on PostgreSQL.
 */
class SchemaDeclarationTest {

    /** Zou's generic CRUD routes, in the order of its route table (reference §1.1). */
    static final List<String> ZOU_ROUTES = List.of("persons", "projects", "project-status", "project-templates",
            "entity-types", "entities", "task-types", "task-status", "tasks", "departments", "organisations",
            "file-status", "softwares", "hardware-items", "output-files", "output-types", "preview-files",
            "working-files", "attachment-files", "comments", "time-spents", "day-offs", "custom-actions",
            "status-automations", "asset-instances", "playlists", "events", "notifications", "search-filters",
            "search-filter-groups", "schedule-items", "news", "milestones", "metadata-descriptors", "subscriptions",
            "entity-links", "chats", "chat-messages", "preview-background-files", "studios", "salary-scales",
            "budgets", "budget-entries", "plugins", "production-schedule-versions",
            "production-schedule-version-task-links");

    /** Constraint and index names Zou gives explicitly (reference §2.5). */
    static final List<String> ZOU_CONSTRAINT_NAMES = List.of("project_tasktype_uc",
            "project_taskstatus_uc", "project_template_tasktype_uc", "project_template_taskstatus_uc",
            "entity_uc", "entity_link_uc", "task_uc", "task_type_uc",
            "hardware_item_department_link_uc", "software_department_link_uc", "output_file_uc", "working_file_uc",
            "preview_uc", "time_spent_uc", "day_off_uc", "asset_instance_uc", "playlist_uc", "notification_uc",
            "schedule_item_uc", "metadata_descriptor_uc", "metadata_descriptor_uc2",
            "metadata_descriptor_task_type_uc", "metadata_descriptor_task_type_uc2", "subscription_task_uc",
            "subscription_entity_uc", "production_schedule_version_uc", "production_schedule_version_task_link_uc",
            "only_one_email_by_person", "check_difficulty", "check_duration_positive", "day_off_date_check",
            "fk_main_preview", "fk_ready_for", "project_from_schedule_version_id_fkey");

    static final List<String> ZOU_INDEX_NAMES = List.of("ix_entity_project_type_status", "ix_api_event_created_at",
            "ix_api_event_project_id_created_at");

    /** Protected names that are neither a column nor a declared relation (Zou protects Entity's `type` key). */
    static final Set<String> PROTECTED_NON_COLUMNS = Set.of("entity.type");

    /** Generated columns emulating Zou's partial unique indexes. */
    static final Set<String> GENERATED_COLUMNS = Set.of("person.email_key", "metadata_descriptor.name_key",
            "metadata_descriptor.field_name_key");

    static final Map<String, String> H2_PLACEHOLDERS = Map.of("json_type", "JSON", "stored", "");
    static final Map<String, String> PG_PLACEHOLDERS = Map.of("json_type", "JSONB", "stored", "STORED");

    // -----------------------------------------------------------------------------------------------------------
    // Declarations alone

    @Test
    void routedModelsAreExactlyZousRouteTableInOrder() {
        List<String> routes = Models.ALL.stream().map(ModelDef::route).filter(r -> r != null).toList();
        assertThat(routes).containsExactlyElementsOf(ZOU_ROUTES);
        assertThat(Models.byRoute()).hasSize(46);
    }

    @Test
    void allListsEveryTableOnceRoutedModelsFirst() {
        assertThat(Models.ALL).hasSize(77).doesNotHaveDuplicates();
        assertThat(Models.byTable()).hasSize(77);
        assertThat(Models.ALL.stream().filter(ModelDef::hasIdPrimaryKey).count()).isEqualTo(59);
        assertThat(Models.ALL.subList(0, 46)).allMatch(m -> m.route() != null);
        assertThat(Models.ALL.subList(46, 77)).allMatch(m -> m.route() == null);
        assertThat(Models.ALL.stream().map(ModelDef::typeName)).doesNotHaveDuplicates();
        for (ModelDef m : Models.ALL) {
            assertThat(m.typeName()).as("type name of %s", m.table()).matches("[A-Z][A-Za-z]+");
            for (String field : m.protectedFields()) {
                assertThat(ModelDef.BASE_FIELDS).as("%s protects a base field itself", m).doesNotContain(field);
                assertThat(field).as("%s: project_id is protected by the engine", m).isNotEqualTo("project_id");
            }
        }
        assertThat(Models.API_EVENT.listCap()).isEqualTo(1000);
        assertThat(Models.ENTITY_TYPE.eventPrefix()).isEqualTo("asset-type");
        assertThat(Models.ENTITY_TYPE.eventIdKey()).isEqualTo("asset_type_id");
        assertThat(Models.PLAYLIST.choices().get("for_entity").messageFor("x"))
                .isEqualTo("for_entity must be one of shot, asset, sequence, edit, episode");
    }

    // -----------------------------------------------------------------------------------------------------------
    // H2

    @Test
    void migrationMatchesDeclarationsOnH2() throws SQLException {
        String url = h2Url();
        migrate(url, null, H2_PLACEHOLDERS);
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            checkSchema(c, "public");
            checkPartialUniqueEmulation(c);
        }
    }

    @Test
    void migrationAlsoRunsOnH2WithDefaultIdentifierCase() throws SQLException {
        String url = "jdbc:h2:mem:plain-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        migrate(url, null, H2_PLACEHOLDERS);
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            Set<String> tables = tables(c.getMetaData(), "PUBLIC");
            tables.removeIf(t -> t.equalsIgnoreCase("flyway_schema_history"));
            tables.removeIf(SchemaDeclarationTest::isEngineTable);
            assertThat(tables).hasSize(77).contains("PERSON", "COMMENT_ACKNOLEDGMENTS");
            checkPartialUniqueEmulation(c);
        }
    }

    // -----------------------------------------------------------------------------------------------------------
    // PostgreSQL

    @Test
    void migrationMatchesDeclarationsOnPostgres() throws SQLException {
        String url = System.getenv("ZOU_TEST_PG_URL");
        if (url == null || url.isBlank()) {
            System.out.println("SchemaDeclarationTest: ZOU_TEST_PG_URL is not set; PostgreSQL checks skipped.");
            Assumptions.abort("ZOU_TEST_PG_URL is not set (e.g. jdbc:postgresql://127.0.0.1:54329/postgres?user=postgres)");
        }
        String schema = "zou_schema_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(url)) {
            try {
                migrate(url, schema, PG_PLACEHOLDERS);
                c.setSchema(schema);
                checkSchema(c, schema);
                checkPartialUniqueEmulation(c);
                checkSameNamesAsH2(c, schema);
            } finally {
                try (Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            }
        }
    }

    // -----------------------------------------------------------------------------------------------------------

    /** The engine's own tables (e.g. revoked tokens) are no Zou model: they are prefixed {@code zou4j_}. */
    private static boolean isEngineTable(String table) {
        return table.toLowerCase(java.util.Locale.ROOT).startsWith("zou4j_");
    }

    private static String h2Url() {
        return "jdbc:h2:mem:schema-" + UUID.randomUUID()
                + ";DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    }

    private static void migrate(String url, String schema, Map<String, String> placeholders) {
        var config = Flyway.configure().dataSource(url, url.startsWith("jdbc:h2:") ? "sa" : null, null)
                .locations("classpath:db/migration").placeholders(placeholders);
        if (schema != null) {
            config.schemas(schema).defaultSchema(schema);
        }
        assertThat(config.load().migrate().migrationsExecuted).isGreaterThanOrEqualTo(1);
    }

    /** The declarations against the migrated schema, read from JDBC metadata only. */
    private static void checkSchema(Connection c, String schema) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        Set<String> tables = tables(md, schema);
        tables.remove("flyway_schema_history");
        tables.removeIf(SchemaDeclarationTest::isEngineTable);
        assertThat(tables).hasSize(77).isEqualTo(Models.byTable().keySet());

        Map<String, Map<String, Boolean>> columns = new TreeMap<>(); // table -> column -> generated
        try (ResultSet rs = md.getColumns(null, schema, "%", "%")) {
            while (rs.next()) {
                columns.computeIfAbsent(rs.getString("TABLE_NAME"), t -> new TreeMap<>())
                        .put(rs.getString("COLUMN_NAME"), "YES".equals(rs.getString("IS_GENERATEDCOLUMN")));
            }
        }
        Set<String> generated = new TreeSet<>();
        columns.forEach((t, cols) -> cols.forEach((col, gen) -> {
            if (gen) {
                generated.add(t + "." + col);
            }
        }));
        assertThat(generated).as("generated columns (the engine ignores them)").isEqualTo(GENERATED_COLUMNS);

        for (ModelDef m : Models.ALL) {
            Set<String> cols = realColumns(columns, m.table());
            if (m.hasIdPrimaryKey()) {
                assertThat(cols).as("%s base columns", m).containsAll(ModelDef.BASE_FIELDS);
                assertThat(primaryKey(md, schema, m.table())).as("%s primary key", m).contains("id");
            } else {
                assertThat(cols).as("%s is a plain link table", m).doesNotContainAnyElementsOf(ModelDef.BASE_FIELDS);
                assertThat(primaryKey(md, schema, m.table())).as("%s primary key", m).hasSize(2);
            }
            assertThat(m.choices().keySet()).as("%s choice columns", m).isSubsetOf(cols);
            assertThat(m.emailFields()).as("%s e-mail columns", m).isSubsetOf(cols);
            assertThat(m.hiddenFields()).as("%s hidden columns", m).isSubsetOf(cols);
            assertThat(m.adminOnlyFields()).as("%s admin-only columns", m).isSubsetOf(cols);
            Set<String> relationNames = m.relations().stream().map(Relation::name).collect(Collectors.toSet());
            Set<String> nestedNames = m.nestedObjects().stream().map(NestedObject::name).collect(Collectors.toSet());
            for (String p : m.protectedFields()) {
                if (!PROTECTED_NON_COLUMNS.contains(m.table() + "." + p)) {
                    assertThat(cols.contains(p) || relationNames.contains(p) || nestedNames.contains(p))
                            .as("%s protects %s, which is no column or relation", m, p).isTrue();
                }
            }
            assertThat(relationNames).as("%s relation names", m).hasSize(m.relations().size());
            assertThat(relationNames).as("%s relation names clash with columns", m).doesNotContainAnyElementsOf(cols);
            Map<String, String> ownFks = foreignKeys(md, schema, m.table());
            for (Relation r : m.relations()) {
                Set<String> linkCols = realColumns(columns, r.linkTable());
                assertThat(linkCols).as("%s.%s link table %s", m, r.name(), r.linkTable())
                        .contains(r.ownColumn(), r.otherColumn());
                Map<String, String> fks = foreignKeys(md, schema, r.linkTable());
                assertThat(fks).as("%s.%s: %s.%s references %s", m, r.name(), r.linkTable(), r.ownColumn(), m.table())
                        .containsEntry(r.ownColumn(), m.table());
                if (r.isOneToMany()) {
                    assertThat(r.linkTable()).isEqualTo(r.otherTable());
                    assertThat(r.writable()).as("%s.%s one-to-many is read-only", m, r.name()).isFalse();
                } else {
                    assertThat(fks).as("%s.%s: %s.%s references %s", m, r.name(), r.linkTable(), r.otherColumn(),
                            r.otherTable()).containsEntry(r.otherColumn(), r.otherTable());
                }
            }
            for (NestedObject n : m.nestedObjects()) {
                assertThat(ownFks).as("%s.%s: %s references %s", m, n.name(), n.column(), n.table())
                        .containsEntry(n.column(), n.table());
                assertThat(cols).as("%s nested name clashes with a column", m).doesNotContain(n.name());
            }
        }

        Set<String> constraintNames = constraintNames(c, schema);
        assertThat(constraintNames).containsAll(ZOU_CONSTRAINT_NAMES);
        assertThat(constraintNames).allMatch(n -> n.length() <= 63, "at most 63 characters (PostgreSQL's limit)");
        Set<String> indexNames = explicitIndexNames(md, schema, tables);
        assertThat(indexNames).containsAll(ZOU_INDEX_NAMES);
        assertThat(indexNames).allMatch(n -> n.length() <= 63, "at most 63 characters (PostgreSQL's limit)");
    }

    /** Zou's partial unique indexes behave the same through their generated-column emulation. */
    private static void checkPartialUniqueEmulation(Connection c) throws SQLException {
        insertPerson(c, "ann@example.com", false);
        assertUniqueViolation(() -> insertPerson(c, "ann@example.com", false), "only_one_email_by_person");
        insertPerson(c, "ann@example.com", true); // a bot may share a person's e-mail
        insertPerson(c, "ann@example.com", true); // and another bot's
        insertPerson(c, null, false);
        insertPerson(c, null, false); // several persons without e-mail

        UUID project = UUID.randomUUID();
        exec(c, "INSERT INTO project (id, name) VALUES (?, ?)", project, "P");
        UUID taskType = UUID.randomUUID();
        exec(c, "INSERT INTO task_type (id, name) VALUES (?, ?)", taskType, "Modeling");
        String insertDescriptor = "INSERT INTO metadata_descriptor (id, project_id, entity_type, task_type_id, name,"
                + " field_name) VALUES (?, ?, ?, ?, ?, ?)";
        exec(c, insertDescriptor, UUID.randomUUID(), project, "Asset", null, "Difficulty", "difficulty");
        assertUniqueViolation(() -> exec(c, insertDescriptor, UUID.randomUUID(), project, "Asset", null, "Difficulty",
                "other"), "metadata_descriptor_uc");
        assertUniqueViolation(() -> exec(c, insertDescriptor, UUID.randomUUID(), project, "Asset", null, "Other",
                "difficulty"), "metadata_descriptor_uc2");
        exec(c, insertDescriptor, UUID.randomUUID(), project, "Shot", null, "Difficulty", "difficulty");
        exec(c, insertDescriptor, UUID.randomUUID(), project, "Asset", taskType, "Difficulty", "difficulty");
        assertUniqueViolation(() -> exec(c, insertDescriptor, UUID.randomUUID(), project, "Asset", taskType,
                "Difficulty", "other"), "metadata_descriptor_task_type_uc");
        assertUniqueViolation(() -> exec(c, insertDescriptor, UUID.randomUUID(), project, "Asset", taskType,
                "Other", "difficulty"), "metadata_descriptor_task_type_uc2");
    }

    /**
     * Constraint and explicit index names are the same on both databases (none was truncated by PostgreSQL), except
     * the {@code ix_} indexes V91 dropped on H2 because they copied the index H2 made for a foreign key.
     */
    private static void checkSameNamesAsH2(Connection pg, String schema) throws SQLException {
        String url = h2Url();
        migrate(url, null, H2_PLACEHOLDERS);
        try (Connection h2 = DriverManager.getConnection(url, "sa", "")) {
            assertThat(constraintNames(pg, schema)).isEqualTo(constraintNames(h2, "public"));
            Set<String> h2Tables = tables(h2.getMetaData(), "public");
            Set<String> pgTables = tables(pg.getMetaData(), schema);
            Set<String> pgNames = explicitIndexNames(pg.getMetaData(), schema, pgTables);
            Set<String> h2Names = explicitIndexNames(h2.getMetaData(), "public", h2Tables);
            assertThat(pgNames).containsAll(h2Names);
            Set<String> onlyPg = new TreeSet<>(pgNames);
            onlyPg.removeAll(h2Names);
            Set<String> h2ForeignKeyIndexed = new TreeSet<>(); // table.column of H2's single-column foreign keys
            for (String table : h2Tables) {
                foreignKeys(h2.getMetaData(), "public", table).keySet().forEach(col -> h2ForeignKeyIndexed.add(
                        table + "." + col));
            }
            for (String name : onlyPg) {
                List<String> columns = indexColumns(pg.getMetaData(), schema, pgTables, name);
                assertThat(columns).as("%s: only on PostgreSQL, so a copy of an H2 foreign key's index", name)
                        .hasSize(1);
                assertThat(h2ForeignKeyIndexed).as("%s", name).contains(columns.get(0));
            }
        }
    }

    /** The "table.column"s of the index {@code name}, in order. */
    private static List<String> indexColumns(DatabaseMetaData md, String schema, Set<String> tables, String name)
            throws SQLException {
        TreeMap<Integer, String> columns = new TreeMap<>();
        for (String table : tables) {
            try (ResultSet rs = md.getIndexInfo(null, schema, table, false, false)) {
                while (rs.next()) {
                    if (name.equals(rs.getString("INDEX_NAME"))) {
                        columns.put(rs.getInt("ORDINAL_POSITION"), table + "." + rs.getString("COLUMN_NAME"));
                    }
                }
            }
        }
        return new ArrayList<>(columns.values());
    }

    // -----------------------------------------------------------------------------------------------------------
    // helpers

    private static Set<String> tables(DatabaseMetaData md, String schema) throws SQLException {
        Set<String> tables = new TreeSet<>();
        try (ResultSet rs = md.getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME"));
            }
        }
        return tables;
    }

    private static Set<String> realColumns(Map<String, Map<String, Boolean>> columns, String table) {
        Map<String, Boolean> cols = columns.get(table);
        if (cols == null) {
            fail("no table " + table);
        }
        return cols.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<String> primaryKey(DatabaseMetaData md, String schema, String table) throws SQLException {
        List<String> pk = new ArrayList<>();
        try (ResultSet rs = md.getPrimaryKeys(null, schema, table)) {
            while (rs.next()) {
                pk.add(rs.getString("COLUMN_NAME"));
            }
        }
        return pk;
    }

    /** Foreign-key column → referenced table (all FKs of the schema are single-column, to {@code id}). */
    private static Map<String, String> foreignKeys(DatabaseMetaData md, String schema, String table)
            throws SQLException {
        Map<String, String> fks = new TreeMap<>();
        try (ResultSet rs = md.getImportedKeys(null, schema, table)) {
            while (rs.next()) {
                assertThat(rs.getString("PKCOLUMN_NAME")).isEqualTo("id");
                fks.put(rs.getString("FKCOLUMN_NAME"), rs.getString("PKTABLE_NAME"));
            }
        }
        return fks;
    }

    /** Named PRIMARY KEY, UNIQUE, FOREIGN KEY and CHECK constraints (not PostgreSQL's implicit NOT NULL ones). */
    private static Set<String> constraintNames(Connection c, String schema) throws SQLException {
        Set<String> names = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT constraint_name, table_name FROM"
                + " information_schema.table_constraints WHERE table_schema = ?"
                + " AND constraint_type IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY', 'CHECK')")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    if (!name.endsWith("_not_null") && !"flyway_schema_history".equals(rs.getString(2))) {
                        assertThat(names.add(name)).as("constraint name %s is unique", name).isTrue();
                    }
                }
            }
        }
        return names;
    }

    /** The {@code ix_} indexes (the ones the migration creates explicitly). */
    private static Set<String> explicitIndexNames(DatabaseMetaData md, String schema, Set<String> tables)
            throws SQLException {
        Set<String> names = new HashSet<>();
        for (String table : tables) {
            try (ResultSet rs = md.getIndexInfo(null, schema, table, false, false)) {
                while (rs.next()) {
                    String name = rs.getString("INDEX_NAME");
                    if (name != null && name.toLowerCase(Locale.ROOT).startsWith("ix_")) {
                        names.add(name);
                    }
                }
            }
        }
        return new TreeSet<>(names);
    }

    private static void insertPerson(Connection c, String email, boolean bot) throws SQLException {
        exec(c, "INSERT INTO person (id, first_name, last_name, email, is_bot) VALUES (?, ?, ?, ?, ?)",
                UUID.randomUUID(), "Ann", "Smith", email, bot);
    }

    private static void exec(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }

    interface SqlAction {
        void run() throws SQLException;
    }

    private static void assertUniqueViolation(SqlAction action, String constraint) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).as("SQLState of %s", e.getMessage()).isEqualTo("23505");
            assertThat(e.getMessage().toLowerCase(Locale.ROOT)).containsPattern(constraint + "(?![0-9])");
        });
    }
}
