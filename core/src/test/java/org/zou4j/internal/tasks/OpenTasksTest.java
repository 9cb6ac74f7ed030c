package org.zou4j.internal.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.zou4j.Query;
import org.zou4j.Session;
import org.zou4j.TestSessions;
import org.zou4j.ZouEngine;
import org.zou4j.ZouException;
import org.zou4j.internal.sql.Tx;
import org.zou4j.storage.StorageBackend;
import org.zou4j.testing.TestStorage;

/**
 * {@code GET /data/tasks/open-tasks} through the engine: for each filter, as an admin and as a manager of one
 * project, the counts ({@code total}, amounts per status, duration and estimation sums) and every page equal what
 * Zou's one joined query gives (the counts are read from the task table alone and the task types filtered apart:
 * {@link OpenTasksStats}). Open projects, a closed one, a concept task type, priorities, assignees of two studios and
 * departments, dates and fractional durations. Runs on H2; {@link Postgres} on PostgreSQL.
 */
class OpenTasksTest {
    private static final String FROM = " FROM task t JOIN task_type tt ON tt.id = t.task_type_id"
            + " JOIN task_status ts ON ts.id = t.task_status_id"
            + " JOIN entity e ON e.id = t.entity_id JOIN entity_type et ON et.id = e.entity_type_id"
            + " JOIN project pr ON pr.id = t.project_id JOIN project_status ps ON ps.id = pr.project_status_id"
            + " LEFT JOIN entity sq ON sq.id = e.parent_id LEFT JOIN entity ep ON ep.id = sq.parent_id";
    private static final String ORDER = " ORDER BY pr.name, ep.name, sq.name, et.name, e.name, tt.name, t.id";
    private static final String NOT_CONCEPT = " AND (tt.for_entity IS NULL OR tt.for_entity <> 'Concept')";
    private static final LocalDateTime NOW = LocalDateTime.of(2024, 1, 1, 0, 0);

    private StorageBackend storage;
    private ZouEngine engine;
    private final Map<String, UUID> ids = new HashMap<>();

    StorageBackend storage() throws SQLException {
        return new TestStorage();
    }

    @BeforeEach
    void open() throws SQLException {
        storage = storage();
        engine = ZouEngine.builder().storage(storage).secretKey("open-tasks-test-secret-0123456789abcdef")
                .bcryptCost(4).build();
        Session sys = engine.systemSession();
        for (String s : List.of("S1", "S2")) {
            ids.put(s, UUID.fromString(sys.data("studios").create(Map.of("name", s, "color", "#000000")).id()));
        }
        for (String d : List.of("D1", "D2")) {
            ids.put(d, UUID.fromString(sys.data("departments").create(Map.of("name", d, "color", "#000000")).id()));
        }
        person(sys, "admin", "admin", null);
        person(sys, "manager", "manager", null);
        person(sys, "outsider", "manager", null);
        person(sys, "artist1", "user", "S1");
        person(sys, "artist2", "user", "S2");
        TestSessions.inTransaction(engine, tx -> {
            tx.insert("department_link", Map.of("person_id", ids.get("artist1"), "department_id", ids.get("D1")));
            tx.insert("department_link", Map.of("person_id", ids.get("artist2"), "department_id", ids.get("D2")));
            UUID open = row(tx, "project_status", "Open", Map.of("color", "#000000"));
            UUID closed = row(tx, "project_status", "Closed", Map.of("color", "#000000"));
            List<UUID> statuses = List.of(row(tx, "task_status", "Todo", Map.of("short_name", "todo", "color", "#000000")),
                    row(tx, "task_status", "WIP", Map.of("short_name", "wip", "color", "#000000")),
                    row(tx, "task_status", "Done", Map.of("short_name", "done", "color", "#000000")));
            for (String type : List.of("Shot", "Sequence", "Episode", "Character", "Prop")) {
                row(tx, "entity_type", type, Map.of());
            }
            List<UUID> taskTypes = List.of(row(tx, "task_type", "Modeling", Map.of("for_entity", "Asset", "priority", 1)),
                    row(tx, "task_type", "Animation", Map.of("for_entity", "Shot", "priority", 2)),
                    row(tx, "task_type", "Layout", Map.of("priority", 1)),
                    row(tx, "task_type", "Concept art", Map.of("for_entity", "Concept", "priority", 1)));
            int n = 0;
            for (String projectName : List.of("Beta", "Alpha", "Gamma")) {
                UUID project = row(tx, "project", projectName,
                        Map.of("project_status_id", "Gamma".equals(projectName) ? closed : open));
                UUID ep = entity(tx, project, "Episode", "E01", null);
                List<UUID> withTasks = new ArrayList<>(List.of(ep));
                for (String seq : List.of("SQ02", "SQ01")) {
                    UUID sq = entity(tx, project, "Sequence", seq, ep);
                    withTasks.add(sq);
                    for (String shot : List.of("SH020", "SH010")) {
                        withTasks.add(entity(tx, project, "Shot", shot, sq));
                    }
                }
                for (int i = 0; i < 8; i++) {
                    withTasks.add(entity(tx, project, i % 2 == 0 ? "Character" : "Prop", "Asset " + i, null));
                }
                for (UUID entity : withTasks) {
                    for (int k = 0; k <= n % 4; k++) {
                        UUID task = task(tx, project, entity, taskTypes.get((n + k) % 4), statuses.get((n + k) % 3), n);
                        if ((n + k) % 3 == 0) {
                            tx.insert("task_person_link", Map.of("task_id", task, "person_id", ids.get("artist1")));
                        }
                        if ((n + k) % 4 == 1) {
                            tx.insert("task_person_link", Map.of("task_id", task, "person_id", ids.get("artist2")));
                        }
                    }
                    n++;
                }
            }
            tx.insert("project_person_link", Map.of("project_id", ids.get("project:Alpha"),
                    "person_id", ids.get("manager")));
            return null;
        });
    }

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }

    private void person(Session sys, String name, String role, String studio) {
        Map<String, Object> p = new LinkedHashMap<>(Map.of("first_name", name, "last_name", "Test",
                "email", name + "@open-tasks.test", "role", role));
        if (studio != null) {
            p.put("studio_id", ids.get(studio).toString());
        }
        ids.put(name, UUID.fromString(sys.data("persons").create(p).id()));
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
        return row(tx, "entity", name, more);
    }

    private UUID task(Tx tx, UUID project, UUID entity, UUID type, UUID status, int n) throws SQLException {
        Map<String, Object> t = new LinkedHashMap<>();
        UUID id = UUID.randomUUID();
        t.put("id", id);
        t.put("created_at", NOW);
        t.put("updated_at", NOW);
        t.put("name", "main");
        t.put("project_id", project);
        t.put("entity_id", entity);
        t.put("task_type_id", type);
        t.put("task_status_id", status);
        t.put("duration", (n % 5) * 0.25);
        t.put("estimation", (double) (n % 3));
        t.put("start_date", n % 2 == 0 ? NOW.plusDays(n % 10) : null);
        t.put("due_date", n % 3 == 0 ? null : NOW.plusDays(n % 20));
        tx.insert("task", t);
        return id;
    }

    /** Zou's answer from its one joined query: ordered ids, total, sums and amounts per status. */
    private record Expected(List<String> ids, long total, double duration, double estimation,
                            Map<String, Long> perStatus) {
    }

    private Expected expected(String where, List<Object> params) {
        return TestSessions.inTransaction(engine, tx -> tx.query("SELECT t.id, t.task_status_id, t.duration,"
                + " t.estimation" + FROM + " WHERE 1 = 1" + where + ORDER, params, rs -> {
                    List<String> out = new ArrayList<>();
                    Map<String, Long> perStatus = new HashMap<>();
                    double duration = 0;
                    double estimation = 0;
                    while (rs.next()) {
                        out.add(rs.getObject(1, UUID.class).toString());
                        perStatus.merge(rs.getObject(2, UUID.class).toString(), 1L, Long::sum);
                        duration += rs.getDouble(3);
                        estimation += rs.getDouble(4);
                    }
                    return new Expected(out, out.size(), duration, estimation, perStatus);
                }));
    }

    @SuppressWarnings("unchecked")
    private void answersLikeZou(Session session, String query, String where, List<Object> params) {
        Expected want = expected(where, params);
        for (int limit : List.of(7, 1000)) {
            List<String> got = new ArrayList<>();
            for (int page = 1; page <= want.ids().size() / limit + 2; page++) {
                Map<String, Object> answer = session.tasks().openTasks(Query.parse(query + "&limit=" + limit
                        + "&page=" + page));
                List<Map<String, Object>> data = (List<Map<String, Object>>) answer.get("data");
                data.forEach(t -> got.add((String) t.get("id")));
                Map<String, Object> stats = (Map<String, Object>) answer.get("stats");
                if (data.isEmpty()) {
                    assertThat(stats.get("total")).isEqualTo(0);
                    continue;
                }
                assertThat(answer.get("is_more")).isEqualTo(data.size() == limit);
                assertThat(((Number) stats.get("total")).longValue()).as(query).isEqualTo(want.total());
                assertThat(((Number) stats.get("total_duration")).doubleValue()).as(query)
                        .isCloseTo(want.duration(), org.assertj.core.data.Offset.offset(1e-9));
                assertThat(((Number) stats.get("total_estimation")).doubleValue()).as(query)
                        .isCloseTo(want.estimation(), org.assertj.core.data.Offset.offset(1e-9));
                Map<String, Long> perStatus = new HashMap<>();
                for (Map<String, Object> s : (List<Map<String, Object>>) stats.get("status")) {
                    perStatus.put((String) s.get("task_status_id"), ((Number) s.get("amount")).longValue());
                }
                assertThat(perStatus).as(query).isEqualTo(want.perStatus());
            }
            assertThat(got).as("%s, limit %d", query, limit).containsExactlyElementsOf(want.ids());
        }
    }

    private String id(String key) {
        return ids.get(key).toString();
    }

    @Test
    void everyFilterCountsAndPagesLikeZouAsAdmin() {
        Session admin = engine.sessionForPerson(id("admin"));
        String open = " AND ps.name = 'Open'";
        answersLikeZou(admin, "x=1", open + NOT_CONCEPT, List.of());
        answersLikeZou(admin, "task_status_id=" + id("task_status:WIP"), open + NOT_CONCEPT
                + " AND t.task_status_id = ?", List.of(ids.get("task_status:WIP")));
        // an explicit task type includes concept tasks
        answersLikeZou(admin, "task_type_id=" + id("task_type:Concept art"), open + " AND t.task_type_id = ?",
                List.of(ids.get("task_type:Concept art")));
        answersLikeZou(admin, "priority=1", open + NOT_CONCEPT + " AND tt.priority = ?", List.of(1));
        answersLikeZou(admin, "priority=1&task_status_id=" + id("task_status:Todo"), open + NOT_CONCEPT
                + " AND t.task_status_id = ? AND tt.priority = ?", List.of(ids.get("task_status:Todo"), 1));
        answersLikeZou(admin, "person_id=unassigned", open + NOT_CONCEPT
                + " AND NOT EXISTS (SELECT 1 FROM task_person_link l WHERE l.task_id = t.id)", List.of());
        answersLikeZou(admin, "person_id=" + id("artist1") + "," + id("artist2"), open + NOT_CONCEPT
                + " AND EXISTS (SELECT 1 FROM task_person_link l WHERE l.task_id = t.id AND l.person_id IN (?, ?))",
                List.of(ids.get("artist1"), ids.get("artist2")));
        answersLikeZou(admin, "studio_id=" + id("S2"), open + NOT_CONCEPT + " AND EXISTS (SELECT 1 FROM"
                + " task_person_link l JOIN person p ON p.id = l.person_id WHERE l.task_id = t.id"
                + " AND p.studio_id = ?)", List.of(ids.get("S2")));
        answersLikeZou(admin, "department_id=" + id("D1"), open + NOT_CONCEPT + " AND EXISTS (SELECT 1 FROM"
                + " task_person_link l JOIN department_link d ON d.person_id = l.person_id WHERE l.task_id = t.id"
                + " AND d.department_id = ?)", List.of(ids.get("D1")));
        answersLikeZou(admin, "start_date=2024-01-05&due_date=2024-01-15", open + NOT_CONCEPT
                + " AND t.start_date >= ? AND t.due_date <= ?", List.of(NOW.plusDays(4), NOW.plusDays(14)));
        // a project named: closed projects too
        answersLikeZou(admin, "project_id=" + id("project:Gamma"), NOT_CONCEPT + " AND t.project_id = ?",
                List.of(ids.get("project:Gamma")));
        answersLikeZou(admin, "project_id=" + id("project:Beta") + "&task_status_id=" + id("task_status:Done"),
                NOT_CONCEPT + " AND t.project_id = ? AND t.task_status_id = ?",
                List.of(ids.get("project:Beta"), ids.get("task_status:Done")));
        answersLikeZou(admin, "due_date=2000-01-01", open + NOT_CONCEPT + " AND t.due_date <= ?",
                List.of(LocalDateTime.of(2000, 1, 1, 0, 0)));
    }

    @Test
    void aManagerSeesTheirOpenProjectsOnly() {
        Session manager = engine.sessionForPerson(id("manager"));
        String mine = " AND ps.name = 'Open' AND t.project_id IN (SELECT project_id FROM project_person_link"
                + " WHERE person_id = ?)";
        assertThat(expected(mine + NOT_CONCEPT, List.of(ids.get("manager"))).ids()).isNotEmpty();
        answersLikeZou(manager, "x=1", mine + NOT_CONCEPT, List.of(ids.get("manager")));
        answersLikeZou(manager, "priority=2", mine + NOT_CONCEPT + " AND tt.priority = ?",
                List.of(ids.get("manager"), 2));
        answersLikeZou(manager, "project_id=" + id("project:Alpha"), NOT_CONCEPT + " AND t.project_id = ?",
                List.of(ids.get("project:Alpha")));
        assertThatThrownBy(() -> manager.tasks().openTasks(Query.parse("project_id=" + id("project:Beta"))))
                .isInstanceOf(ZouException.class);
        Session outsider = engine.sessionForPerson(id("outsider"));
        answersLikeZou(outsider, "x=1", mine + NOT_CONCEPT, List.of(ids.get("outsider")));
        assertThat(expected(mine + NOT_CONCEPT, List.of(ids.get("outsider"))).ids()).isEmpty();
    }

    /** The same on PostgreSQL ({@code ZOU_TEST_PG_URL}; skipped when unset). */
    static class Postgres extends OpenTasksTest {
        private String serverUrl;
        private String databaseUrl;

        @Override
        StorageBackend storage() throws SQLException {
            serverUrl = org.zou4j.testing.PgTestStorage.serverUrlOrSkip("OpenTasksTest");
            databaseUrl = org.zou4j.testing.PgTestStorage.createDatabase(serverUrl);
            return org.zou4j.testing.PgTestStorage.open(databaseUrl);
        }

        @AfterEach
        void drop() throws SQLException {
            close(); // before the database goes (subclass methods run first)
            if (databaseUrl != null) {
                org.zou4j.testing.PgTestStorage.dropDatabase(serverUrl, databaseUrl);
            }
        }
    }
}
