package org.zou4j.internal.imports;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.zou4j.ZouException;
import org.zou4j.internal.crud.BoundModel;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.crud.ModelHooks;
import org.zou4j.internal.crud.Values;
import org.zou4j.internal.model.Relation;
import org.zou4j.internal.schema.Column;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;

/**
 * Zou's {@code /import/kitsu/<model>} (sync between two Zou instances): rows in Zou's serialized form upserted by id
 * ({@code create_from_import}), collections (assignees, mentions, entities_out...) replaced when given, and
 * {@code <model>:new|update} emitted per row unless silent. Keys that are no column of the model are ignored.
 */
final class KitsuImports {
    /** Route model → table, event name and id key of the event data (null: Zou's event has no data). */
    private record Target(String table, String event, String idKey) {
    }

    private static final Map<String, Target> TARGETS = Map.ofEntries(
            Map.entry("attachment-files", new Target("attachment_file", "attachment-file", "attachment_file_id")),
            Map.entry("build-jobs", new Target("build_job", "build-job", "build_job_id")),
            Map.entry("comments", new Target("comment", "comment", "comment_id")),
            Map.entry("entities", new Target("entity", null, null)),
            Map.entry("entity-links", new Target("entity_link", "entity-link", null)),
            Map.entry("metadata-descriptors", new Target("metadata_descriptor", "metadata-descriptor",
                    "metadata_descriptor_id")),
            Map.entry("milestones", new Target("milestone", "milestone", "milestone_id")),
            Map.entry("news", new Target("news", "news", "news_id")),
            Map.entry("notifications", new Target("notification", "notification", "notification_id")),
            Map.entry("playlists", new Target("playlist", "playlist", "playlist_id")),
            Map.entry("preview-files", new Target("preview_file", "preview-file", "preview_file_id")),
            Map.entry("projects", new Target("project", "project", null)),
            Map.entry("schedule-items", new Target("schedule_item", "schedule-item", "schedule_item_id")),
            Map.entry("subscriptions", new Target("subscription", "subscription", "subscription_id")),
            Map.entry("tasks", new Target("task", "task", null)),
            Map.entry("time-spents", new Target("time_spent", "time-spent", "time_spent_id")));

    /** Columns the database computes (unique-key helpers), never written. */
    private static final java.util.Set<String> GENERATED = java.util.Set.of("email_key", "name_key",
            "field_name_key");

    private final ImportSupport s;

    KitsuImports(ImportSupport s) {
        this.s = s;
    }

    static boolean known(String model) {
        return TARGETS.containsKey(model);
    }

    List<Map<String, Object>> run(HookContext ctx, String model, List<?> entries, boolean silent)
            throws SQLException {
        Target target = TARGETS.get(model);
        BoundModel m = s.model(target.table());
        List<Row> rows = new ArrayList<>();
        for (Object o : entries) {
            if (!(o instanceof Map<?, ?> raw)) {
                throw ZouException.wrongParameter("A list of entities is expected.");
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            raw.forEach((k, v) -> entry.put(String.valueOf(k), v));
            rows.add(upsert(ctx, target, m, entry, silent));
        }
        return s.crud().serialize(ctx, m, rows, false, ModelHooks.View.GET);
    }

    private Row upsert(HookContext ctx, Target target, BoundModel m, Map<String, Object> entry, boolean silent)
            throws SQLException {
        entry.remove("type");
        entry.remove("project_name");
        if ("entity".equals(target.table())) {
            sanitizeEntity(ctx, entry);
        }
        if ("preview_file".equals(target.table())) { // only metadata travels: the binaries stay behind
            Map<String, Object> data = entry.get("data") instanceof Map<?, ?> d ? new LinkedHashMap<>(cast(d))
                    : new LinkedHashMap<>();
            data.put("imported_only", true);
            entry.put("data", data);
        }
        Object idValue = entry.get("id");
        UUID id = idValue == null ? null : Values.tryParseId(idValue.toString());
        Row existing;
        if ("entity_link".equals(target.table())) {
            UUID in = requiredId(entry, "entity_in_id");
            UUID out = requiredId(entry, "entity_out_id");
            List<Row> found = ctx.tx().select("entity_link", List.of(Filter.eq("entity_in_id", in),
                    Filter.eq("entity_out_id", out)));
            existing = found.isEmpty() ? null : found.get(0);
            if (id == null) {
                id = existing != null ? existing.id() : UUID.randomUUID();
            }
        } else {
            if (id == null) {
                throw ZouException.wrongParameter("Each entry needs a valid id.");
            }
            existing = ctx.tx().byId(target.table(), id);
        }
        Map<String, Object> columns = new LinkedHashMap<>();
        Map<Relation, List<UUID>> links = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : entry.entrySet()) {
            Relation rel = m.def().relation(e.getKey());
            if (rel != null) {
                if (e.getValue() instanceof List<?> list) {
                    List<UUID> ids = new ArrayList<>();
                    for (Object v : list) {
                        Object raw = v instanceof Map<?, ?> mm ? mm.get("id") : v;
                        UUID u = raw == null ? null : Values.tryParseId(raw.toString());
                        if (u != null) {
                            ids.add(u);
                        }
                    }
                    links.put(rel, ids);
                }
                continue;
            }
            Column column = m.table().column(e.getKey());
            if (column == null || "id".equals(e.getKey()) || GENERATED.contains(e.getKey())) {
                continue;
            }
            columns.put(e.getKey(), s.crud().values().fromJson(column, e.getValue()));
        }
        boolean update = existing != null;
        if (update) {
            columns.remove("created_at");
            if (m.table().has("updated_at") && !columns.containsKey("updated_at")) {
                columns.put("updated_at", ctx.now());
            }
            if (!columns.isEmpty()) {
                ctx.tx().updateById(target.table(), existing.id(), columns);
            }
            id = existing.id();
        } else {
            columns.put("id", id);
            if (m.table().has("created_at")) {
                columns.putIfAbsent("created_at", ctx.now());
            }
            if (m.table().has("updated_at")) {
                columns.putIfAbsent("updated_at", ctx.now());
            }
            ctx.tx().insert(target.table(), columns);
        }
        for (Map.Entry<Relation, List<UUID>> e : links.entrySet()) {
            replaceLinks(ctx, e.getKey(), id, e.getValue());
        }
        Row row = ctx.tx().byId(target.table(), id);
        if (!silent) {
            emit(ctx, target, row, update ? "update" : "new");
        }
        return row;
    }

    /** Zou's {@code Entity.sanitize_import_data}: asset and shot aliases, an unknown preview dropped. */
    private static void sanitizeEntity(HookContext ctx, Map<String, Object> entry) throws SQLException {
        if (entry.containsKey("asset_type_id")) {
            entry.put("entity_type_id", entry.remove("asset_type_id"));
            entry.remove("asset_type_name");
        }
        if (entry.containsKey("sequence_id")) {
            entry.put("parent_id", entry.remove("sequence_id"));
        }
        Object preview = entry.get("preview_file_id");
        if (preview != null) {
            UUID pid = Values.tryParseId(preview.toString());
            if (pid == null || ctx.tx().byId("preview_file", pid) == null) {
                entry.remove("preview_file_id");
            }
        } else {
            entry.remove("preview_file_id");
        }
    }

    private static UUID requiredId(Map<String, Object> entry, String key) {
        Object v = entry.get(key);
        UUID id = v == null ? null : Values.tryParseId(v.toString());
        if (id == null) {
            throw ZouException.wrongParameter(key + " is required and must be a valid UUID.");
        }
        return id;
    }

    /** Replaces a row's collection; ids of missing rows are dropped. */
    private static void replaceLinks(HookContext ctx, Relation rel, UUID ownId, List<UUID> ids) throws SQLException {
        if (rel.isOneToMany()) {
            return; // children point at their parent themselves (e.g. attachment files)
        }
        ctx.tx().delete(rel.linkTable(), List.of(Filter.eq(rel.ownColumn(), ownId)));
        if (ids.isEmpty()) {
            return;
        }
        List<Object> known = ctx.tx().column(rel.otherTable(), "id", List.of(Filter.in("id", ids)));
        boolean withId = ctx.tx().database().schema().table(rel.linkTable()).has("id");
        for (UUID other : new java.util.LinkedHashSet<>(ids)) {
            if (!known.contains(other)) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            if (withId) {
                row.put("id", UUID.randomUUID());
                row.put("created_at", ctx.now());
                row.put("updated_at", ctx.now());
            }
            row.put(rel.ownColumn(), ownId);
            row.put(rel.otherColumn(), other);
            ctx.tx().insert(rel.linkTable(), row);
        }
    }

    /** The events of kitsu.py's resources. */
    private static void emit(HookContext ctx, Target target, Row row, String verb) throws SQLException {
        Map<String, Object> data = new LinkedHashMap<>();
        UUID projectId = null;
        String name;
        switch (target.table()) {
            case "entity" -> {
                Row type = ctx.tx().byId("entity_type", (UUID) row.get("entity_type_id"));
                String typeName = type == null ? "Asset" : (String) type.get("name");
                String base = ImportSupport.isTemporal(typeName) ? typeName : "Asset";
                name = base.toLowerCase(java.util.Locale.ROOT) + ":" + verb;
                data.put(base + "_id", row.id().toString()); // Zou keys it with the capitalized type name
                projectId = (UUID) row.get("project_id");
            }
            case "entity_link" -> {
                Row in = ctx.tx().byId("entity", (UUID) row.get("entity_in_id"));
                projectId = in == null ? null : (UUID) in.get("project_id");
                name = "entity-link:" + verb;
            }
            case "project" -> {
                projectId = row.id();
                name = "project:" + verb;
            }
            case "task" -> {
                projectId = (UUID) row.get("project_id");
                name = "task:" + verb;
            }
            case "comment" -> {
                Row task = ctx.tx().byId("task", (UUID) row.get("object_id"));
                projectId = task == null ? null : (UUID) task.get("project_id");
                data.put(target.idKey(), row.id().toString());
                name = "comment:" + verb;
            }
            default -> {
                data.put(target.idKey(), row.id().toString());
                projectId = projectOf(ctx, target.table(), row);
                name = target.event() + ":" + verb;
            }
        }
        ctx.events().emit(name, data, projectId);
    }

    private static UUID projectOf(HookContext ctx, String table, Row row) throws SQLException {
        if (row.table().has("project_id")) {
            return (UUID) row.get("project_id");
        }
        if (row.table().has("task_id") && row.get("task_id") != null) {
            Row task = ctx.tx().byId("task", (UUID) row.get("task_id"));
            return task == null ? null : (UUID) task.get("project_id");
        }
        if ("build_job".equals(table)) {
            Row playlist = ctx.tx().byId("playlist", (UUID) row.get("playlist_id"));
            return playlist == null ? null : (UUID) playlist.get("project_id");
        }
        if ("attachment_file".equals(table) && row.get("comment_id") != null) {
            Row comment = ctx.tx().byId("comment", (UUID) row.get("comment_id"));
            Row task = comment == null || comment.get("object_id") == null ? null
                    : ctx.tx().byId("task", (UUID) comment.get("object_id"));
            return task == null ? null : (UUID) task.get("project_id");
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }
}
