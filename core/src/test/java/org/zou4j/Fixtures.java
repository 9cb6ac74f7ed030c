package org.zou4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.zou4j.internal.sql.Database;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;

/** Rows for behaviour tests, created through the engine as a client would, with unique names. */
final class Fixtures {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    final ZouEngine engine;
    final Session admin;

    Fixtures(ZouEngine engine) {
        this.engine = engine;
        this.admin = engine.systemSession();
    }

    static String unique(String prefix) {
        return prefix + " " + COUNTER.incrementAndGet();
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static Map<String, Object> with(Map<String, Object> base, Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>(base);
        m.putAll(map(kv));
        return m;
    }

    Entry create(String route, Object... kv) {
        return admin.data(route).create(map(kv));
    }

    Entry person(Object... kv) {
        return admin.data("persons").create(with(map("first_name", unique("First"), "last_name", "Last"), kv));
    }

    /** A person with the given global role and a session acting as them. */
    Session sessionOf(String role) {
        return TestEngines.as(engine, person("role", role));
    }

    Entry project(Object... kv) {
        return admin.data("projects").create(with(map("name", unique("Project")), kv));
    }

    Entry closedProject() {
        return project("project_status_id", projectStatus("Closed").id());
    }

    Entry projectStatus(String name) {
        List<Entry> found = admin.data("project-status").list(Query.where(Map.of("name", name)));
        return found.isEmpty() ? create("project-status", "name", name, "color", "#000000") : found.get(0);
    }

    Entry entityType(String name) {
        List<Entry> found = admin.data("entity-types").list(Query.where(Map.of("name", name)));
        return found.isEmpty() ? create("entity-types", "name", name) : found.get(0);
    }

    Entry assetType() {
        return create("entity-types", "name", unique("Props"));
    }

    Entry asset(Entry project) {
        return create("entities", "name", unique("asset"), "project_id", project.id(), "entity_type_id",
                assetType().id());
    }

    Entry entity(Entry project, String kind, Object... kv) {
        return admin.data("entities").create(with(map("name", unique(kind), "project_id", project.id(),
                "entity_type_id", entityType(kind).id()), kv));
    }

    Entry taskType(String forEntity) {
        return create("task-types", "name", unique("Modeling"), "for_entity", forEntity);
    }

    Entry taskStatus() {
        return create("task-status", "name", unique("Todo"), "short_name", unique("t").replace(" ", ""),
                "color", "#ffffff");
    }

    Entry task(Entry entity, Entry taskType, Object... kv) {
        return admin.data("tasks").create(with(map("entity_id", entity.id(), "task_type_id", taskType.id(),
                "project_id", entity.get("project_id")), kv));
    }

    /** A task on a new asset of a new project. */
    Entry task() {
        Entry project = project();
        return task(asset(project), taskType("Asset"));
    }

    Entry timeSpent(Entry task, Entry person, String date, double duration) {
        return create("time-spents", "task_id", task.id(), "person_id", person.id(), "date", date,
                "duration", duration);
    }

    Entry get(String route, String id) {
        return admin.data(route).get(id);
    }

    boolean exists(String route, String id) {
        try {
            admin.data(route).get(id);
            return true;
        } catch (ZouException e) {
            if (e.httpStatus() == 404) {
                return false;
            }
            throw e;
        }
    }

    // ---- direct database access for what no route exposes ------------------------------------------------------------

    Database db() {
        return engine.crud().database();
    }

    List<Row> rows(String table, Filter... where) {
        return db().read(tx -> tx.select(table, List.of(where)));
    }

    void insert(String table, Map<String, Object> row) {
        db().inTransaction(tx -> {
            tx.insert(table, row);
            return null;
        });
    }

    void update(String table, UUID id, Map<String, Object> values) {
        db().inTransaction(tx -> tx.updateById(table, id, values));
    }

    static UUID uuid(Entry e) {
        return UUID.fromString(e.id());
    }

    static UUID uuid(String id) {
        return UUID.fromString(id);
    }
}
