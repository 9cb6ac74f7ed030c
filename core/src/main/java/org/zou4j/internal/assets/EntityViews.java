package org.zou4j.internal.assets;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.zou4j.assets.EntityKind;
import org.zou4j.internal.access.Scopes;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.json.JsonForm;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;
import org.zou4j.internal.sql.Tx;

/**
 * The smaller views of Zou's entity blueprints, built in memory: the with-tasks views of edits, concepts, sequences,
 * episodes and scenes (a production holds tens to hundreds of these, not thousands), and an entity's preview files.
 */
final class EntityViews {
    private static final List<String> EDIT_TASK_FIELDS = List.of("id", "duration", "due_date", "entity_id", "end_date",
            "estimation", "last_comment_date", "last_preview_file_id", "nb_assets_ready", "priority",
            "real_start_date", "retake_count", "start_date", "task_status_id", "task_type_id", "data");
    private static final List<String> CONCEPT_TASK_FIELDS = List.of("id", "duration", "due_date", "end_date",
            "entity_id", "estimation", "last_comment_date", "nb_assets_ready", "priority", "real_start_date",
            "retake_count", "start_date", "task_status_id", "task_type_id", "data");
    private static final List<String> ENTITY_TASK_FIELDS = List.of("id", "estimation", "entity_id", "end_date",
            "due_date", "done_date", "duration", "last_comment_date", "last_preview_file_id", "priority",
            "real_start_date", "retake_count", "start_date", "difficulty", "task_status_id", "task_type_id", "data");

    private final JsonForm form;

    EntityViews(JsonForm form) {
        this.form = form;
    }

    /**
     * Entities of {@code kind} (filters already include the kind) with their tasks; {@code assignedTo} keeps only
     * entities and tasks assigned to that person (Zou's vendor scope).
     */
    List<Map<String, Object>> withTasks(HookContext ctx, EntityKind kind, List<Filter> entityFilters,
                                        UUID assignedTo) throws SQLException {
        Tx tx = ctx.tx();
        List<Filter> filters = new ArrayList<>(entityFilters);
        if (assignedTo != null) {
            filters.add(Filter.sub("id", "task", "entity_id", Scopes.assignedTasks(ctx.access(), "id")));
        }
        List<Row> entities = tx.select("entity", filters, List.of(Tx.Order.asc("name"), Tx.Order.asc("id")), 0, 0);
        List<Filter> taskFilters = new ArrayList<>();
        taskFilters.add(new Filter.InSubquery("entity_id", "entity", "id", filters));
        if (assignedTo != null) {
            taskFilters.add(Scopes.assignedTasks(ctx.access(), "id"));
        }
        Map<UUID, List<Row>> tasksByEntity = new HashMap<>();
        for (Row t : tx.select("task", taskFilters, List.of(Tx.Order.asc("id")), 0, 0)) {
            tasksByEntity.computeIfAbsent((UUID) t.get("entity_id"), k -> new ArrayList<>()).add(t);
        }
        Map<UUID, List<String>> assignees = new HashMap<>();
        for (Row l : tx.select("task_person_link", List.of(new Filter.InSubquery("task_id", "task", "id",
                taskFilters)), List.of(Tx.Order.asc("person_id")), 0, 0)) {
            assignees.computeIfAbsent((UUID) l.get("task_id"), k -> new ArrayList<>()).add(l.get("person_id")
                    .toString());
        }
        Set<UUID> subscribed = new HashSet<>();
        if (ctx.caller().personId() != null) {
            for (Object id : tx.column("subscription", "task_id", List.of(Filter.eq("person_id",
                    ctx.caller().personId())))) {
                if (id != null) {
                    subscribed.add((UUID) id);
                }
            }
        }
        Map<UUID, List<String>> conceptLinks = new HashMap<>();
        if (kind == EntityKind.CONCEPT) {
            for (Row l : tx.select("entity_concept_link", List.of(new Filter.InSubquery("entity_in_id", "entity", "id",
                    filters)), List.of(Tx.Order.asc("created_at")), 0, 0)) {
                conceptLinks.computeIfAbsent((UUID) l.get("entity_in_id"), k -> new ArrayList<>())
                        .add(l.get("entity_out_id").toString());
            }
        }
        List<String> taskFields = switch (kind) {
            case EDIT -> EDIT_TASK_FIELDS;
            case CONCEPT -> CONCEPT_TASK_FIELDS;
            default -> ENTITY_TASK_FIELDS;
        };
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row e : entities) {
            List<Map<String, Object>> tasks = new ArrayList<>();
            for (Row t : tasksByEntity.getOrDefault(e.id(), List.of())) {
                Map<String, Object> m = new LinkedHashMap<>();
                for (String f : taskFields) {
                    Object v = form.toJsonValue(t.get(f));
                    m.put(f, f.equals("priority") && v == null ? 0 : v);
                }
                m.put("is_subscribed", subscribed.contains(t.id()));
                m.put("assignees", assignees.getOrDefault(t.id(), List.of()));
                tasks.add(m);
            }
            out.add(entityShape(ctx, kind, e, tasks, conceptLinks));
        }
        return out;
    }

    private Map<String, Object> entityShape(HookContext ctx, EntityKind kind, Row e, List<Map<String, Object>> tasks,
                                            Map<UUID, List<String>> conceptLinks) throws SQLException {
        Object data = e.get("data") == null ? Map.of() : form.toJsonValue(e.get("data"));
        Map<?, ?> dataMap = data instanceof Map<?, ?> m ? m : Map.of();
        Map<String, Object> m = new LinkedHashMap<>();
        String projectName = name(ctx, "project", (UUID) e.get("project_id"));
        switch (kind) {
            case EDIT -> {
                Row episode = ctx.access().row("entity", (UUID) e.get("parent_id"));
                m.put("canceled", e.get("canceled"));
                m.put("data", data);
                m.put("description", e.get("description"));
                m.put("entity_type_id", str(e.get("entity_type_id")));
                m.put("episode_id", episode == null ? null : episode.id().toString());
                m.put("episode_name", episode == null ? "" : episode.get("name"));
                m.put("id", e.id().toString());
                m.put("name", e.get("name"));
                m.put("parent_id", str(e.get("parent_id")));
                m.put("preview_file_id", str(e.get("preview_file_id")));
                m.put("project_id", str(e.get("project_id")));
                m.put("project_name", projectName);
                m.put("source_id", str(e.get("source_id")));
                m.put("nb_entities_out", e.get("nb_entities_out"));
                m.put("tasks", tasks);
                m.put("type", "Edit");
            }
            case CONCEPT -> {
                m.put("canceled", e.get("canceled"));
                m.put("data", data);
                m.put("description", e.get("description"));
                m.put("entity_type_id", str(e.get("entity_type_id")));
                m.put("fps", dataMap.get("fps"));
                m.put("frame_in", dataMap.get("frame_in"));
                m.put("frame_out", dataMap.get("frame_out"));
                m.put("id", e.id().toString());
                m.put("name", e.get("name"));
                m.put("nb_frames", e.get("nb_frames"));
                m.put("parent_id", str(e.get("parent_id")));
                m.put("preview_file_id", str(e.get("preview_file_id")));
                m.put("project_id", str(e.get("project_id")));
                m.put("project_name", projectName);
                m.put("source_id", str(e.get("source_id")));
                m.put("nb_entities_out", e.get("nb_entities_out"));
                m.put("is_casting_standby", e.get("is_casting_standby"));
                m.put("tasks", tasks);
                m.put("entity_concept_links", conceptLinks.getOrDefault(e.id(), List.of()));
                m.put("type", "Concept");
                m.put("updated_at", form.toJsonValue(e.get("updated_at")));
                m.put("created_at", form.toJsonValue(e.get("created_at")));
                m.put("created_by", str(e.get("created_by")));
            }
            default -> {
                m.put("id", e.id().toString());
                m.put("name", e.get("name"));
                m.put("status", e.get("status") == null ? "running" : e.get("status"));
                m.put("episode_id", e.get("parent_id") == null ? "None" : e.get("parent_id").toString()); // str(None)
                m.put("description", e.get("description"));
                m.put("frame_in", dataMap.get("frame_in"));
                m.put("frame_out", dataMap.get("frame_out"));
                m.put("fps", dataMap.get("fps"));
                m.put("preview_file_id", e.get("preview_file_id") == null ? "" : e.get("preview_file_id").toString());
                m.put("canceled", e.get("canceled"));
                m.put("data", data);
                m.put("tasks", tasks);
            }
        }
        return m;
    }

    /** Zou's preview files of an entity: task type id → its previews, newest revision first, same revisions mixed. */
    Map<String, Object> previewFiles(HookContext ctx, UUID entityId) throws SQLException {
        Tx tx = ctx.tx();
        List<Row> tasks = tx.select("task", List.of(Filter.eq("entity_id", entityId)));
        List<Row> typed = new ArrayList<>();
        for (Row t : tasks) {
            typed.add(t);
        }
        typed.sort((a, b) -> {
            Row ta = rowOrNull(ctx, "task_type", (UUID) a.get("task_type_id"));
            Row tb = rowOrNull(ctx, "task_type", (UUID) b.get("task_type_id"));
            int pa = ta == null || ta.get("priority") == null ? 0 : ((Number) ta.get("priority")).intValue();
            int pb = tb == null || tb.get("priority") == null ? 0 : ((Number) tb.get("priority")).intValue();
            if (pa != pb) {
                return Integer.compare(pb, pa);
            }
            String na = ta == null ? "" : (String) ta.get("name");
            String nb = tb == null ? "" : (String) tb.get("name");
            return na.compareTo(nb);
        });
        Map<String, Object> previews = new LinkedHashMap<>();
        for (Row task : typed) {
            List<Row> files = tx.select("preview_file", List.of(Filter.eq("task_id", task.id())),
                    List.of(Tx.Order.desc("revision"), Tx.Order.asc("created_at")), 0, 0);
            if (files.isEmpty()) {
                continue;
            }
            Map<Object, Map<String, Object>> byRevision = new LinkedHashMap<>();
            List<Map<String, Object>> mixed = new ArrayList<>();
            for (Row p : files) {
                Object data = form.toJsonValue(p.get("data"));
                Map<?, ?> d = data instanceof Map<?, ?> dm ? dm : Map.of();
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", p.id().toString());
                m.put("revision", p.get("revision"));
                m.put("original_name", p.get("original_name"));
                m.put("extension", p.get("extension"));
                m.put("width", p.get("width"));
                m.put("height", p.get("height"));
                m.put("duration", p.get("duration") == null ? 0.0 : ((Number) p.get("duration")).doubleValue());
                m.put("status", p.get("status"));
                m.put("annotations", form.toJsonValue(p.get("annotations")));
                Map<String, Object> parent = byRevision.get(p.get("revision"));
                if (parent != null) {
                    m.put("created_at", form.toJsonValue(p.get("created_at")));
                    m.put("task_id", task.id().toString());
                    ((List<Object>) castList(parent.get("previews"))).add(m);
                    continue;
                }
                m.put("previews", new ArrayList<>());
                m.put("created_at", form.toJsonValue(p.get("created_at")));
                m.put("task_id", task.id().toString());
                m.put("original_width", d.get("original_width"));
                m.put("original_height", d.get("original_height"));
                m.put("original_duration", d.get("original_duration"));
                m.put("original_file_size", d.get("original_file_size"));
                byRevision.put(p.get("revision"), m);
                mixed.add(m);
            }
            previews.put(task.get("task_type_id").toString(), mixed);
        }
        return previews;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> castList(Object o) {
        return (List<Object>) o;
    }

    private static Row rowOrNull(HookContext ctx, String table, UUID id) {
        try {
            return ctx.access().row(table, id);
        } catch (SQLException e) {
            throw org.zou4j.internal.sql.Database.translate(e);
        }
    }

    private static String name(HookContext ctx, String table, UUID id) throws SQLException {
        Row r = ctx.access().row(table, id);
        return r == null ? null : (String) r.get("name");
    }

    private static String str(Object v) {
        return v == null ? null : v.toString();
    }
}
