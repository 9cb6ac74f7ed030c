package org.zou4j.internal.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zou4j.internal.sql.Database;
import org.zou4j.internal.sql.Tx;
import org.zou4j.storage.StorageBackend;
import org.zou4j.testing.TestStorage;

/**
 * The open-tasks page walk gives exactly the rows of Zou's one sorted query, for every page size and offset, on a
 * project with episodes, sequences (two of the same name), shots, assets of several types, equal entity names, a
 * concept task type left out, a closed project left out, and a status filter. Runs on H2; {@link Postgres} on
 * PostgreSQL.
 */
class OpenTasksPageTest {
    private static final String FROM = " FROM task t JOIN task_type tt ON tt.id = t.task_type_id"
            + " JOIN task_status ts ON ts.id = t.task_status_id"
            + " JOIN entity e ON e.id = t.entity_id JOIN entity_type et ON et.id = e.entity_type_id"
            + " JOIN project pr ON pr.id = t.project_id JOIN project_status ps ON ps.id = pr.project_status_id"
            + " LEFT JOIN entity sq ON sq.id = e.parent_id LEFT JOIN entity ep ON ep.id = sq.parent_id";
    private static final String ORDER = " ORDER BY pr.name, ep.name, sq.name, et.name, e.name, tt.name, t.id";
    private static final String SCOPE = " WHERE 1 = 1 AND ps.name = 'Open'";
    private static final LocalDateTime NOW = LocalDateTime.of(2024, 1, 1, 0, 0);

    private StorageBackend storage;
    private Database db;
    private final Map<String, UUID> ids = new HashMap<>();

    StorageBackend storage() throws SQLException {
        return new TestStorage();
    }

    @BeforeEach
    void open() throws SQLException {
        storage = storage();
        db = Database.open(storage);
        db.inTransaction(tx -> {
            UUID open = row(tx, "project_status", "Open", Map.of("color", "#000000"));
            UUID closed = row(tx, "project_status", "Closed", Map.of("color", "#000000"));
            UUID todo = row(tx, "task_status", "Todo", Map.of("short_name", "todo", "color", "#000000"));
            UUID wip = row(tx, "task_status", "WIP", Map.of("short_name", "wip", "color", "#000000"));
            for (String type : List.of("Shot", "Sequence", "Episode", "Character", "Prop")) {
                row(tx, "entity_type", type, Map.of());
            }
            List<UUID> taskTypes = new ArrayList<>();
            for (String type : List.of("Modeling", "Animation", "Layout")) {
                taskTypes.add(row(tx, "task_type", type, Map.of("for_entity", "Asset")));
            }
            UUID concept = row(tx, "task_type", "Concept art", Map.of("for_entity", "Concept"));
            int n = 0;
            for (String projectName : List.of("Beta", "Alpha", "Gamma")) {
                UUID project = row(tx, "project", projectName,
                        Map.of("project_status_id", "Gamma".equals(projectName) ? closed : open));
                UUID e1 = entity(tx, project, "Episode", "E02", null);
                UUID e2 = entity(tx, project, "Episode", "E01", null);
                List<UUID> parents = List.of(entity(tx, project, "Sequence", "SQ01", e1),
                        entity(tx, project, "Sequence", "SQ01", e2), entity(tx, project, "Sequence", "SQ02", e2),
                        entity(tx, project, "Sequence", "SQ00", null));
                List<UUID> withTasks = new ArrayList<>(List.of(e1, e2));
                withTasks.addAll(parents);
                for (UUID parent : parents) {
                    for (String shot : List.of("SH020", "SH010", "SH010b")) {
                        withTasks.add(entity(tx, project, "Shot", shot, parent));
                    }
                }
                for (int i = 0; i < 12; i++) {
                    // equal names on purpose (no parent: the unique constraint lets them be)
                    withTasks.add(entity(tx, project, i % 2 == 0 ? "Character" : "Prop", "Asset " + (i % 5), null));
                }
                for (UUID entity : withTasks) {
                    for (int k = 0; k <= n % 3; k++) {
                        task(tx, project, entity, taskTypes.get((n + k) % 3), n % 2 == 0 ? todo : wip);
                    }
                    if (n % 7 == 0) {
                        task(tx, project, entity, concept, todo);
                    }
                    n++;
                }
            }
            ids.put("wip", wip);
            return null;
        });
    }

    @AfterEach
    void close() {
        if (storage != null) {
            storage.close();
        }
    }

    private UUID row(Tx tx, String table, String name, Map<String, Object> more) throws SQLException {
        UUID id = UUID.randomUUID();
        Map<String, Object> row = new LinkedHashMap<>(more);
        row.put("id", id);
        row.put("created_at", NOW);
        row.put("updated_at", NOW);
        row.put("name", name);
        tx.insert(table, row);
        ids.put(table + ":" + name, id);
        return id;
    }

    private UUID entity(Tx tx, UUID project, String type, String name, UUID parent) throws SQLException {
        Map<String, Object> more = new LinkedHashMap<>();
        more.put("project_id", project);
        more.put("entity_type_id", ids.get("entity_type:" + type));
        more.put("parent_id", parent);
        UUID id = UUID.randomUUID();
        more.put("id", id);
        more.put("created_at", NOW);
        more.put("updated_at", NOW);
        more.put("name", name);
        tx.insert("entity", more);
        return id;
    }

    private void task(Tx tx, UUID project, UUID entity, UUID type, UUID status) throws SQLException {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("id", UUID.randomUUID());
        t.put("created_at", NOW);
        t.put("updated_at", NOW);
        t.put("name", "main");
        t.put("project_id", project);
        t.put("entity_id", entity);
        t.put("task_type_id", type);
        t.put("task_status_id", status);
        tx.insert("task", t);
    }

    private List<UUID> ids(Tx tx, String sql, List<Object> params) throws SQLException {
        return tx.query(sql, params, rs -> {
            List<UUID> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getObject(1, UUID.class));
            }
            return out;
        });
    }

    private void walkEqualsOneQuery(String taskWhere, List<Object> taskParams) {
        db.read(tx -> {
            String where = SCOPE + taskWhere;
            List<UUID> expected = ids(tx, "SELECT t.id" + FROM + where + ORDER, taskParams);
            Map<UUID, Long> counts = new HashMap<>();
            tx.query("SELECT t.project_id, COUNT(*)" + FROM + where + " GROUP BY t.project_id", taskParams, rs -> {
                while (rs.next()) {
                    counts.put(rs.getObject(1, UUID.class), rs.getLong(2));
                }
                return null;
            });
            assertThat(expected).hasSizeGreaterThan(50);
            for (int smallProject : List.of(0, OpenTasksPage.SMALL_PROJECT)) {
                for (int limit : List.of(1, 7, 25, 1000)) {
                    List<UUID> walked = new ArrayList<>();
                    for (int offset = 0; offset < expected.size() + limit; offset += limit) {
                        List<UUID> page = new OpenTasksPage(tx, FROM, where, taskParams, taskWhere, taskParams,
                                offset, limit, smallProject).ids(counts);
                        assertThat(page.size()).isLessThanOrEqualTo(limit);
                        walked.addAll(page);
                    }
                    assertThat(walked).as("limit %d, walk above %d", limit, smallProject)
                            .containsExactlyElementsOf(expected);
                }
            }
            return null;
        });
    }

    @Test
    void everyPageIsTheSliceOfZouOrder() {
        walkEqualsOneQuery(" AND (tt.for_entity IS NULL OR tt.for_entity <> 'Concept')", List.of());
    }

    @Test
    void filtersOnTheTaskApplyToTheWalk() {
        walkEqualsOneQuery(" AND (tt.for_entity IS NULL OR tt.for_entity <> 'Concept') AND t.task_status_id = ?",
                List.of(ids.get("wip")));
    }

    /** The same on PostgreSQL ({@code ZOU_TEST_PG_URL}; skipped when unset). */
    static class Postgres extends OpenTasksPageTest {
        private String serverUrl;
        private String databaseUrl;

        @Override
        StorageBackend storage() throws SQLException {
            serverUrl = org.zou4j.testing.PgTestStorage.serverUrlOrSkip("OpenTasksPageTest");
            databaseUrl = org.zou4j.testing.PgTestStorage.createDatabase(serverUrl);
            return org.zou4j.testing.PgTestStorage.open(databaseUrl);
        }

        @AfterEach
        void drop() throws SQLException {
            if (databaseUrl != null) {
                org.zou4j.testing.PgTestStorage.dropDatabase(serverUrl, databaseUrl);
            }
        }
    }
}
