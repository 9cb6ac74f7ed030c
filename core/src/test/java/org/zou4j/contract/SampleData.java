package org.zou4j.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.zou4j.Entry;
import org.zou4j.Session;
import org.zou4j.internal.schema.TableSchema;
import org.zou4j.internal.sql.Database;
import org.zou4j.internal.sql.RawJson;
import org.zou4j.internal.sql.Row;

/**
 * A small production written through the engine, with every kind of value and every awkward foreign key: self
 * references (shot → sequence, schedule version → version), cycles (entity → preview file → task → entity,
 * project → schedule version → project), link tables, JSON and events. For copy and migration tests.
 */
public final class SampleData {
    private SampleData() {
    }

    /** Fills an empty database through {@code admin}; {@code volume} extra rows make the copy batch. */
    public static void fill(Session admin, int volume) {
        Fixtures fx = new Fixtures(admin);
        Entry dept = fx.department();
        Entry person = fx.person(Map.of("departments", List.of(dept.id()), "data", Map.of("é", "日本")));
        Entry project = admin.data("projects").create(Map.of("name", "Sample Project",
                "data", Map.of("nested", Map.of("list", List.of(1, 2.5, "🎬")))));
        Entry sequenceType = admin.data("entity-types").create(Map.of("name", "Sequence"));
        Entry shotType = admin.data("entity-types").create(Map.of("name", "Shot"));
        Entry propsType = admin.data("entity-types").create(Map.of("name", "Props"));
        Entry sequence = admin.data("entities").create(Map.of("name", "SQ01", "project_id", project.id(),
                "entity_type_id", sequenceType.id()));
        Entry shot = admin.data("entities").create(Map.of("name", "SH010", "project_id", project.id(),
                "entity_type_id", shotType.id(), "parent_id", sequence.id(), "data", Map.of("frame_in", 1)));
        Entry asset = admin.data("entities").create(Map.of("name", "Tree", "project_id", project.id(),
                "entity_type_id", propsType.id()));
        Entry taskType = admin.data("task-types").create(Map.of("name", "Animation", "for_entity", "Shot"));
        Entry status = admin.data("task-status").create(Map.of("name", "Todo", "short_name", "todo",
                "color", "#000000"));
        Entry task = admin.data("tasks").create(Map.of("name", "main", "project_id", project.id(),
                "entity_id", shot.id(), "task_type_id", taskType.id(), "task_status_id", status.id(),
                "assignees", List.of(person.id()), "due_date", "2024-01-15T10:30:00.123456"));
        Entry preview = admin.data("preview-files").create(Map.of("name", "v1", "task_id", task.id(),
                "person_id", person.id(), "revision", 1, "annotations", List.of(Map.of("x", 1))));
        admin.data("entities").update(shot.id(), Map.of("preview_file_id", preview.id()));
        Entry version = admin.data("production-schedule-versions").create(Map.of("name", "v1",
                "project_id", project.id()));
        admin.data("production-schedule-versions").create(Map.of("name", "v2", "project_id", project.id(),
                "production_schedule_from", version.id()));
        admin.data("projects").update(project.id(), Map.of("from_schedule_version_id", version.id()));
        admin.data("comments").create(Map.of("object_id", task.id(), "object_type", "Task", "person_id", person.id(),
                "text", "Looks good ✓", "task_status_id", status.id(), "checklist", List.of(Map.of("text", "a")),
                "links", List.of("https://example.com")));
        admin.data("entity-links").create(Map.of("entity_in_id", shot.id(), "entity_out_id", asset.id(),
                "nb_occurences", 2));
        for (int i = 0; i < volume; i++) {
            fx.customAction("Action " + i, "https://example.com/" + i, i % 2 == 0);
        }
    }

    /**
     * Every row of every table of {@code db}, by table, as comparable values (JSON parsed, so that formatting and
     * key order do not matter), sorted.
     */
    public static Map<String, List<String>> contents(Database db) {
        ObjectMapper mapper = new ObjectMapper();
        Map<String, List<String>> result = new TreeMap<>();
        for (TableSchema t : db.schema().tables().values()) {
            List<Row> rows = db.read(tx -> tx.select(t.name(), List.of()));
            List<String> values = new ArrayList<>();
            for (Row row : rows) {
                Map<String, Object> m = new TreeMap<>();
                for (Map.Entry<String, Object> e : row.asMap().entrySet()) {
                    Object v = e.getValue();
                    if (v instanceof RawJson json) {
                        try {
                            v = canonical(mapper.readValue(json.text(), Object.class));
                        } catch (Exception ex) {
                            throw new IllegalStateException(ex);
                        }
                    }
                    m.put(e.getKey(), v);
                }
                values.add(m.toString());
            }
            values.sort(null);
            result.put(t.name(), values);
        }
        return result;
    }

    private static Object canonical(Object json) {
        if (json instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), canonical(v)));
            return sorted;
        }
        if (json instanceof List<?> list) {
            return list.stream().map(SampleData::canonical).toList();
        }
        return json;
    }

    /** Row counts by table. */
    public static Map<String, Integer> counts(Map<String, List<String>> contents) {
        Map<String, Integer> counts = new HashMap<>();
        contents.forEach((t, rows) -> counts.put(t, rows.size()));
        return counts;
    }

}
