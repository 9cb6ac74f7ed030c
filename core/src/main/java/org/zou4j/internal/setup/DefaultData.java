package org.zou4j.internal.setup;

import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.zou4j.internal.events.EventLog;
import org.zou4j.internal.sql.Database;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;
import org.zou4j.internal.sql.Tx;

/**
 * Zou's default data, as {@code zou init-data} (3D domain, Zou's default) creates it: the project statuses Open and
 * Closed, the asset types, the Episode / Sequence / Shot / Edit entity types, six departments, thirteen task types and
 * nine task statuses (Todo being the default of tasks, Neutral the default of concepts).
 *
 * <p>Put into a database once: the row of {@code zou4j_init_data} records that it was done, and is locked while it is
 * being done, so engines started together over one PostgreSQL seed once and a status deleted afterwards is not brought
 * back by the next start. Each row is created only when no row of the same identity exists (Zou's get-or-create), so
 * seeding a database that already holds data adds what is missing and changes nothing else. Events are those Zou's
 * get-or-create functions emit ({@code asset-type:new}, {@code department:new}, {@code task-type:new},
 * {@code task-status:new}; none for project statuses and temporal entity types).
 */
public final class DefaultData {
    static final UUID MARKER = UUID.fromString("00000000-0000-0000-0000-000000000001");

    private static final List<String> PROJECT_STATUSES = List.of("Open", "Closed");
    private static final List<String> ASSET_TYPES = List.of("Character", "Prop", "Environment", "FX");
    private static final List<String> TEMPORAL_TYPES = List.of("Episode", "Sequence", "Shot", "Edit");

    private record Department(String name, String color) {
    }

    private record TaskType(String department, String name, String color, int priority, String forEntity) {
    }

    private record TaskStatus(String name, String shortName, String color, String flag, boolean isDefault,
            boolean forConcept) {
    }

    private static final List<Department> DEPARTMENTS = List.of(
            new Department("Modeling", "#78909C"),
            new Department("Animation", "#009688"),
            new Department("FX", "#26C6DA"),
            new Department("Compositing", "#F06292"),
            new Department("Concept", "#8D6E63"),
            new Department("Layout", "#7CB342"));

    private static final List<TaskType> TASK_TYPES = List.of(
            new TaskType("Concept", "Concept", "#8D6E63", 1, "Asset"),
            new TaskType("Modeling", "Modeling", "#78909C", 2, "Asset"),
            new TaskType("Modeling", "Shading", "#64B5F6", 3, "Asset"),
            new TaskType("Animation", "Rigging", "#9CCC65", 4, "Asset"),
            new TaskType("Concept", "Storyboard", "#43A047", 1, "Shot"),
            new TaskType("Layout", "Layout", "#7CB342", 2, "Shot"),
            new TaskType("Animation", "Animation", "#009688", 3, "Shot"),
            new TaskType("Compositing", "Lighting", "#F9A825", 4, "Shot"),
            new TaskType("FX", "FX", "#26C6DA", 5, "Shot"),
            new TaskType("Compositing", "Rendering", "#F06292", 6, "Shot"),
            new TaskType("Compositing", "Compositing", "#ff5252", 7, "Shot"),
            new TaskType("Compositing", "Edit", "#9b298c", 8, "Edit"),
            new TaskType("Concept", "Concept", "#8D6E63", 1, "Concept"));

    private static final List<TaskStatus> TASK_STATUSES = List.of(
            new TaskStatus("Todo", "todo", "#f5f5f5", null, true, false),
            new TaskStatus("Work In Progress", "wip", "#3273dc", "is_wip", false, false),
            new TaskStatus("Waiting For Approval", "wfa", "#ab26ff", "is_feedback_request", false, false),
            new TaskStatus("Retake", "retake", "#ff3860", "is_retake", false, false),
            new TaskStatus("Done", "done", "#22d160", "is_done", false, false),
            new TaskStatus("Ready To Start", "ready", "#fbc02d", null, false, false),
            new TaskStatus("Neutral", "neutral", "#CCCCCC", null, true, true),
            new TaskStatus("Approved", "approved", "#66BB6A", null, false, true),
            new TaskStatus("Rejected", "rejected", "#E81123", null, false, true));

    private DefaultData() {
    }

    /**
     * Seeds the database unless it was seeded before.
     *
     * @return the number of rows created (0 when the database was seeded before or already held every row)
     */
    public static int seedOnce(Database db, EventLog events, Clock clock) {
        return db.inTransaction(tx -> {
            Row marker = tx.lockById("zou4j_init_data", MARKER);
            if (marker == null || marker.get("done_at") != null) {
                return 0;
            }
            LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).truncatedTo(ChronoUnit.MICROS);
            int created = new Seeder(tx, events.begin(tx, null), now).run();
            tx.updateById("zou4j_init_data", MARKER, Map.of("done_at", now, "updated_at", now));
            return created;
        });
    }

    private static final class Seeder {
        private final Tx tx;
        private final EventLog.Batch events;
        private final LocalDateTime now;
        private int created;

        Seeder(Tx tx, EventLog.Batch events, LocalDateTime now) {
            this.tx = tx;
            this.events = events;
            this.now = now;
        }

        int run() throws SQLException {
            for (String name : PROJECT_STATUSES) {
                getOrCreate("project_status", List.of(Filter.eq("name", name)), Map.of("name", name, "color",
                        "#000000"), null);
            }
            for (String name : ASSET_TYPES) {
                getOrCreate("entity_type", List.of(Filter.eq("name", name)), Map.of("name", name), "asset-type:new");
            }
            for (String name : TEMPORAL_TYPES) {
                getOrCreate("entity_type", List.of(Filter.eq("name", name)), Map.of("name", name), null);
            }
            Map<String, UUID> departments = new HashMap<>();
            for (Department d : DEPARTMENTS) {
                departments.put(d.name(), getOrCreate("department", List.of(Filter.eq("name", d.name())),
                        Map.of("name", d.name(), "color", d.color()), "department:new"));
            }
            for (TaskType t : TASK_TYPES) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", t.name());
                row.put("short_name", "");
                row.put("department_id", departments.get(t.department()));
                row.put("color", t.color());
                row.put("priority", t.priority());
                row.put("for_entity", t.forEntity());
                getOrCreate("task_type", List.of(Filter.eq("name", t.name()), Filter.eq("for_entity", t.forEntity())),
                        row, "task-type:new");
            }
            for (TaskStatus s : TASK_STATUSES) {
                List<Filter> identity = s.isDefault()
                        ? List.of(Filter.eq("is_default", true), Filter.eq("for_concept", s.forConcept()))
                        : List.of(Filter.eq("name", s.name()), Filter.eq("for_concept", s.forConcept()));
                if (!tx.exists("task_status", identity) && tx.exists("task_status",
                        List.of(Filter.eq("short_name", s.shortName())))) {
                    continue; // Zou's fallback identity; short names are unique here
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", s.name());
                row.put("short_name", s.shortName());
                row.put("color", s.color());
                row.put("is_default", s.isDefault());
                row.put("for_concept", s.forConcept());
                row.put("is_artist_allowed", true);
                row.put("is_client_allowed", true);
                if (s.flag() != null) {
                    row.put(s.flag(), true);
                }
                getOrCreate("task_status", identity, row, "task-status:new");
            }
            return created;
        }

        /** The id of the row matching {@code identity}, inserted from {@code values} when there is none. */
        private UUID getOrCreate(String table, List<Filter> identity, Map<String, Object> values, String event)
                throws SQLException {
            List<Object> ids = tx.column(table, "id", identity);
            if (!ids.isEmpty()) {
                return (UUID) ids.get(0);
            }
            UUID id = UUID.randomUUID();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", id);
            row.put("created_at", now);
            row.put("updated_at", now);
            row.putAll(values);
            tx.insert(table, row);
            created++;
            if (event != null) {
                String key = event.substring(0, event.indexOf(':')).replace('-', '_') + "_id";
                Map<String, Object> data = new LinkedHashMap<>();
                data.put(key, id.toString());
                events.emit(event, data, null);
            }
            return id;
        }
    }

    /** The names of the task statuses, in the order they are created (for tests and documentation). */
    public static List<String> taskStatusNames() {
        List<String> names = new ArrayList<>();
        for (TaskStatus s : TASK_STATUSES) {
            names.add(s.name());
        }
        return names;
    }
}
