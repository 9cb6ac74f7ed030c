package org.zou4j.internal.imports;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.zou4j.ErrorCode;
import org.zou4j.ZouException;
import org.zou4j.internal.crud.BoundModel;
import org.zou4j.internal.crud.CrudService;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.crud.ModelHooks;
import org.zou4j.internal.crud.Values;
import org.zou4j.internal.model.Choices;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;
import org.zou4j.internal.sql.Tx;

/** What the imports share: permission checks, entity and type look-ups and creations, JSON data, serialization. */
final class ImportSupport {
    private final CrudService crud;

    ImportSupport(CrudService crud) {
        this.crud = crud;
    }

    CrudService crud() {
        return crud;
    }

    BoundModel model(String table) {
        return crud.models().table(table);
    }

    // ---- permissions -------------------------------------------------------------------------------------------------

    /** Zou's {@code check_manager_project_access}: admin, or manager in the project's team. */
    static void requireManager(HookContext ctx, UUID projectId) throws SQLException {
        var a = ctx.access();
        if (a.isAdmin()) {
            return;
        }
        if (!a.inTeam(projectId) || !"manager".equals(a.projectRole(projectId))) {
            throw ZouException.forbidden();
        }
    }

    static void requireAdmin(HookContext ctx) {
        if (!ctx.access().isAdmin()) {
            throw ZouException.forbidden();
        }
    }

    static UUID pathId(String text) {
        UUID id = text == null ? null : Values.tryParseId(text);
        if (id == null) {
            throw ZouException.malformedId();
        }
        return id;
    }

    static Row requireRow(HookContext ctx, String table, UUID id, String what) throws SQLException {
        Row r = ctx.tx().byId(table, id);
        if (r == null) {
            throw ZouException.notFound(what + " not found");
        }
        return r;
    }

    static boolean isTvShow(Row project) {
        return "tvshow".equals(project.get("production_type"));
    }

    // ---- entity types and entities ----------------------------------------------------------------------------------

    /** The entity type named {@code name}, created (with its event) when missing. */
    Row entityType(HookContext ctx, String name) throws SQLException {
        List<Row> found = ctx.tx().select("entity_type", List.of(Filter.eq("name", name)));
        if (!found.isEmpty()) {
            return found.get(0);
        }
        // as Zou's get_or_create helpers: any caller allowed to import may add the type it names
        UUID id = UUID.randomUUID();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("created_at", ctx.now());
        row.put("updated_at", ctx.now());
        row.put("name", name);
        ctx.tx().insert("entity_type", row);
        return ctx.tx().byId("entity_type", id);
    }

    static boolean isTemporal(String typeName) {
        return Choices.TEMPORAL_ENTITY_TYPES.contains(typeName);
    }

    /** An entity of a type by name and parent (any parent when {@code anyParent}). */
    static Row findEntity(HookContext ctx, UUID projectId, UUID typeId, String name, UUID parentId, boolean anyParent)
            throws SQLException {
        List<Filter> f = new ArrayList<>(List.of(Filter.eq("project_id", projectId), Filter.eq("entity_type_id",
                typeId), Filter.eq("name", name)));
        if (!anyParent) {
            f.add(parentId == null ? new Filter.IsNull("parent_id") : Filter.eq("parent_id", parentId));
        }
        List<Row> rows = ctx.tx().select("entity", f, List.of(Tx.Order.asc("created_at"), Tx.Order.asc("id")), 1, 0);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** Inserts an entity row with Zou's defaults; {@code values} hold the model's columns (data as a map). */
    Row insertEntity(HookContext ctx, Map<String, Object> values) throws SQLException {
        UUID id = UUID.randomUUID();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("created_at", ctx.now());
        row.put("updated_at", ctx.now());
        row.putAll(values);
        row.putIfAbsent("description", "");
        row.put("data", data(row.get("data")));
        row.put("created_by", ctx.caller().personId());
        ctx.tx().insert("entity", row);
        return ctx.tx().byId("entity", id);
    }

    /** Updates columns of an entity (data as a map) and answers the row after. */
    Row updateEntity(HookContext ctx, Row entity, Map<String, Object> values) throws SQLException {
        Map<String, Object> changes = new LinkedHashMap<>(values);
        if (changes.containsKey("data")) {
            changes.put("data", data(changes.get("data")));
        }
        changes.put("updated_at", ctx.now());
        ctx.tx().updateById("entity", entity.id(), changes);
        return ctx.tx().byId("entity", entity.id());
    }

    /** Zou's {@code get_or_create_episode}/{@code create_sequence}: by name (and parent), {@code <kind>:new}. */
    Row getOrCreate(HookContext ctx, UUID projectId, String kind, String name, UUID parentId) throws SQLException {
        Row type = entityType(ctx, kind);
        Row found = findEntity(ctx, projectId, type.id(), name, parentId, "Episode".equals(kind));
        if (found != null) {
            return found;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("project_id", projectId);
        values.put("entity_type_id", type.id());
        values.put("name", name);
        values.put("parent_id", parentId);
        if ("Episode".equals(kind)) {
            values.put("status", "running");
        }
        Row created = insertEntity(ctx, values);
        String prefix = kind.toLowerCase(Locale.ROOT);
        ctx.events().emit(prefix + ":new", Map.of(prefix + "_id", created.id().toString()), projectId);
        return created;
    }

    /** The JSON object of a row's {@code data} column (a new mutable map, empty when null). */
    Map<String, Object> dataOf(Row row) {
        Object v = row == null ? null : crud.jsonForm().toJsonValue(row.get("data"));
        Map<String, Object> m = new LinkedHashMap<>();
        if (v instanceof Map<?, ?> map) {
            map.forEach((k, val) -> m.put(String.valueOf(k), val));
        }
        return m;
    }

    Object data(Object map) {
        return crud.values().fromJson(model("entity").table().column("data"), map == null ? Map.of() : map);
    }

    Map<String, Object> serialize(HookContext ctx, String table, Row row) throws SQLException {
        return crud.serialize(ctx, model(table), List.of(row), false, ModelHooks.View.GET).get(0);
    }

    // ---- task types and statuses ------------------------------------------------------------------------------------

    /** The project's task types for an entity kind ({@code Asset} also takes those with no {@code for_entity}). */
    static List<Row> projectTaskTypes(HookContext ctx, UUID projectId, String forEntity) throws SQLException {
        Filter kind = "Asset".equals(forEntity)
                ? Filter.or(Filter.eq("for_entity", forEntity), new Filter.IsNull("for_entity"))
                : Filter.eq("for_entity", forEntity);
        return ctx.tx().select("task_type", List.of(Filter.sub("id", "project_task_type_link", "task_type_id",
                Filter.eq("project_id", projectId)), kind), List.of(Tx.Order.asc("priority"), Tx.Order.asc("name")),
                0, 0);
    }

    /** Task statuses by lower-cased name and short name (the first status wins, as Zou's loop does). */
    static Map<String, Row> statusesByName(HookContext ctx) throws SQLException {
        Map<String, Row> m = new HashMap<>();
        for (Row s : ctx.tx().select("task_status", List.of(), List.of(Tx.Order.asc("created_at"),
                Tx.Order.asc("id")), 0, 0)) {
            for (String k : new String[] {"name", "short_name"}) {
                Object v = s.get(k);
                if (v != null) {
                    m.putIfAbsent(v.toString().toLowerCase(Locale.ROOT), s);
                }
            }
        }
        return m;
    }

    // ---- errors -----------------------------------------------------------------------------------------------------

    /** Zou's row error body: the failing line of the file; nothing was kept (the import is one transaction). */
    static ZouException rowError(String message, int line) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", true);
        body.put("message", message);
        body.put("line_number", line);
        body.put("imported_rows", 0);
        return new ZouException(ErrorCode.WRONG_PARAMETER, 400, message, body);
    }

    /** Python's {@code strtobool}. */
    static boolean strtobool(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "y", "yes", "t", "true", "on", "1" -> true;
            case "n", "no", "f", "false", "off", "0" -> false;
            default -> throw new IllegalArgumentException("invalid truth value '" + ZouException.echo(value) + "'");
        };
    }
}
