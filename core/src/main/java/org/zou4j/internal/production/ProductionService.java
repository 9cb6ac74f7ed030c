package org.zou4j.internal.production;

import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.zou4j.Query;
import org.zou4j.ZouException;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.crud.BoundModel;
import org.zou4j.internal.crud.CrudService;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.crud.ModelHooks;
import org.zou4j.internal.crud.Values;
import org.zou4j.internal.events.EventLog;
import org.zou4j.internal.json.JsonForm;
import org.zou4j.internal.model.Choices;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;
import org.zou4j.internal.sql.Tx;

/**
 * Zou's non-generic production routes (reference zou-data-model.md §1.2, §1.3): project task-type and task-status
 * links and their reordering, asset types, a project's asset and task types, a project's entity links, edit versions.
 */
public final class ProductionService {
    /** Entity types that are not asset types. */
    static final Set<String> TEMPORAL_TYPES = Choices.TEMPORAL_ENTITY_TYPES;
    private static final List<String> DEFAULT_BOARD_ROLES = List.of("user", "admin", "supervisor", "manager", "vendor");

    private final CrudService crud;
    private final EventLog events;

    public ProductionService(CrudService crud, EventLog events) {
        this.crud = crud;
        this.events = events;
    }

    private BoundModel model(String table) {
        return crud.models().table(table);
    }

    private <T> T write(Caller caller, WriteWork<T> work) {
        return crud.database().inTransaction(tx -> {
            HookContext ctx = crud.context(caller, tx, events.begin(tx, caller.personId()));
            return work.run(ctx);
        });
    }

    private <T> T read(Caller caller, WriteWork<T> work) {
        return crud.database().read(tx -> work.run(crud.context(caller, tx, null)));
    }

    @FunctionalInterface
    private interface WriteWork<T> {
        T run(HookContext ctx) throws SQLException;
    }

    // ---- project task-type / task-status links ---------------------------------------------------------------------

    /** {@code POST /data/task-type-links}: create or re-prioritize a project's task type (201 either way). */
    public Map<String, Object> linkTaskType(Caller caller, Map<String, Object> args) {
        UUID projectId = requiredId(args, "project_id");
        UUID taskTypeId = uuidOrFail(args.get("task_type_id"), "task_type_id is required and must be a valid UUID");
        int priority = priority(args.get("priority"));
        return write(caller, ctx -> {
            ProjectAccess.requireManager(ctx.access(), projectId);
            requireRow(ctx.tx(), "task_type", taskTypeId);
            Row link = upsertLink(ctx, "project_task_type_link", "task_type_id", projectId, taskTypeId,
                    Map.of("priority", priority));
            ctx.events().emit("project:update", Map.of(), projectId);
            return one(ctx, "project_task_type_link", link, "ProjectTaskTypeLink");
        });
    }

    /** {@code POST /data/task-status-links}: create or update a project's task status and its board roles. */
    public Map<String, Object> linkTaskStatus(Caller caller, Map<String, Object> args) {
        UUID projectId = requiredId(args, "project_id");
        UUID statusId = uuidOrFail(args.get("task_status_id"), "task_status_id is required and must be a valid UUID");
        int priority = priority(args.get("priority"));
        List<String> roles = roles(args.get("roles_for_board"));
        return write(caller, ctx -> {
            ProjectAccess.requireManager(ctx.access(), projectId);
            requireRow(ctx.tx(), "task_status", statusId);
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("priority", priority);
            values.put("roles_for_board", crud.values().fromJson(
                    model("project_task_status_link").table().column("roles_for_board"), roles));
            Row link = upsertLink(ctx, "project_task_status_link", "task_status_id", projectId, statusId, values);
            ctx.events().emit("project:update", Map.of(), projectId);
            return one(ctx, "project_task_status_link", link, "ProjectTaskStatusLink");
        });
    }

    private Row upsertLink(HookContext ctx, String table, String otherColumn, UUID projectId, UUID otherId,
                           Map<String, Object> values) throws SQLException {
        Tx tx = ctx.tx();
        List<Filter> key = List.of(Filter.eq("project_id", projectId), Filter.eq(otherColumn, otherId));
        List<Row> existing = tx.select(table, key);
        LocalDateTime now = ctx.now();
        if (existing.isEmpty()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", UUID.randomUUID());
            row.put("created_at", now);
            row.put("updated_at", now);
            row.put("project_id", projectId);
            row.put(otherColumn, otherId);
            row.putAll(values);
            tx.insert(table, row);
        } else {
            Map<String, Object> changes = new LinkedHashMap<>(values);
            changes.put("updated_at", now);
            tx.update(table, changes, key);
        }
        return tx.select(table, key).get(0);
    }

    /** {@code POST /actions/task-types/reorder}: priorities follow the given order (admin). */
    public List<Map<String, Object>> reorderTaskTypes(Caller caller, Object body) {
        List<UUID> ids = idList(body, "task_type_ids");
        return write(caller, ctx -> {
            ProjectAccess.requireAdmin(ctx.access());
            List<Row> updated = new ArrayList<>();
            int position = 1;
            for (UUID id : ids) {
                if (ctx.tx().updateById("task_type", id, Map.of("priority", position, "updated_at", ctx.now())) > 0) {
                    updated.add(ctx.tx().byId("task_type", id));
                }
                position++;
            }
            return crud.serialize(ctx, model("task_type"), updated, false, ModelHooks.View.UPDATE);
        });
    }

    /**
     * {@code POST /actions/projects/<id>/task-type-links/reorder} (or task-status-links): priorities of existing links
     * follow the given order; one {@code project:update}.
     */
    public List<Map<String, Object>> reorderProjectLinks(Caller caller, String projectIdText, boolean statuses,
                                                         Object body) {
        UUID projectId = ProjectAccess.projectId(projectIdText);
        String table = statuses ? "project_task_status_link" : "project_task_type_link";
        String column = statuses ? "task_status_id" : "task_type_id";
        List<UUID> ids = idList(body, statuses ? "task_status_ids" : "task_type_ids");
        return write(caller, ctx -> {
            ProjectAccess.requireManager(ctx.access(), projectId);
            List<Map<String, Object>> result = new ArrayList<>();
            int position = 1;
            for (UUID id : ids) {
                List<Filter> key = List.of(Filter.eq("project_id", projectId), Filter.eq(column, id));
                if (ctx.tx().update(table, Map.of("priority", position, "updated_at", ctx.now()), key) > 0) {
                    result.add(one(ctx, table, ctx.tx().select(table, key).get(0),
                            statuses ? "ProjectTaskStatusLink" : "ProjectTaskTypeLink"));
                }
                position++;
            }
            ctx.events().emit("project:update", Map.of(), projectId);
            return result;
        });
    }

    // ---- asset types and project types -----------------------------------------------------------------------------

    /** {@code GET /data/asset-types}: entity types that are not temporal; {@code project_id} = used in the project. */
    public List<Map<String, Object>> assetTypes(Caller caller, Query query) {
        return read(caller, ctx -> {
            List<Filter> filters = new ArrayList<>();
            filters.add(notTemporal());
            for (Map.Entry<String, List<String>> e : query.params().entrySet()) {
                String key = e.getKey();
                String value = e.getValue().isEmpty() ? "" : e.getValue().get(0);
                if (key.equals("project_id")) {
                    UUID projectId = Values.tryParseId(value);
                    if (projectId == null) {
                        throw ZouException.wrongParameter("Invalid UUID value: " + ZouException.echo(value));
                    }
                    filters.add(Filter.sub("id", "entity", "entity_type_id", Filter.eq("project_id", projectId)));
                } else if (key.equals("name")) {
                    filters.add(new Filter.ILike("name", value));
                } else if (model("entity_type").table().has(key) && !key.equals("page") && !key.equals("relations")) {
                    filters.add(Filter.eq(key, crud.values().fromQuery(model("entity_type").table().column(key), value)));
                }
            }
            List<Row> rows = ctx.tx().select("entity_type", filters);
            return retype(crud.serialize(ctx, model("entity_type"), rows, true, ModelHooks.View.LIST), "AssetType");
        });
    }

    /** {@code GET /data/asset-types/<id>}: 404 when unknown, malformed or temporal. */
    public Map<String, Object> assetType(Caller caller, String id) {
        UUID uuid = Values.tryParseId(id);
        if (uuid == null) {
            throw ZouException.notFound();
        }
        return read(caller, ctx -> {
            Row row = ctx.tx().byId("entity_type", uuid);
            if (row == null || TEMPORAL_TYPES.contains((String) row.get("name"))) {
                throw ZouException.notFound();
            }
            return retype(crud.serialize(ctx, model("entity_type"), List.of(row), true, ModelHooks.View.GET),
                    "AssetType").get(0);
        });
    }

    /** {@code GET /data/projects/<id>/asset-types}: types of the assets present in the project (team). */
    public List<Map<String, Object>> projectAssetTypes(Caller caller, String projectIdText) {
        UUID projectId = ProjectAccess.projectId(projectIdText);
        return read(caller, ctx -> {
            ProjectAccess.requireTeam(ctx.access(), projectId);
            List<Row> rows = ctx.tx().select("entity_type", List.of(notTemporal(),
                    Filter.sub("id", "entity", "entity_type_id", Filter.eq("project_id", projectId))));
            return retype(crud.serialize(ctx, model("entity_type"), rows, false, ModelHooks.View.LIST), "AssetType");
        });
    }

    /** {@code GET /data/projects/<id>/task-types}: the project's configured task types (team). */
    public List<Map<String, Object>> projectTaskTypes(Caller caller, String projectIdText) {
        UUID projectId = ProjectAccess.projectId(projectIdText);
        return read(caller, ctx -> {
            ProjectAccess.requireTeam(ctx.access(), projectId);
            List<Row> rows = ctx.tx().select("task_type", List.of(Filter.sub("id", "project_task_type_link",
                    "task_type_id", Filter.eq("project_id", projectId))));
            return crud.serialize(ctx, model("task_type"), rows, false, ModelHooks.View.LIST);
        });
    }

    // ---- entity links ----------------------------------------------------------------------------------------------

    /** {@code GET /data/projects/<id>/entity-links}: the three shapes of Zou (page, cursor, compact list). */
    public Object projectEntityLinks(Caller caller, String projectIdText, Query query) {
        UUID projectId = ProjectAccess.projectId(projectIdText);
        return read(caller, ctx -> {
            ProjectAccess.requireManager(ctx.access(), projectId);
            List<Filter> filters = new ArrayList<>();
            filters.add(Filter.sub("entity_in_id", "entity", "id", Filter.eq("project_id", projectId)));
            List<Tx.Order> order = List.of(Tx.Order.asc("created_at"), Tx.Order.asc("id"));
            int limit = query.first("limit").map(v -> parseInt(v, "limit")).orElse(0);
            Integer page = query.first("page").map(v -> parseInt(v, "page")).orElse(null);
            if (page != null && page > 0) {
                int size = limit > 0 ? limit : 100;
                long total = ctx.tx().count("entity_link", filters);
                int offset = (page - 1) * size;
                List<Row> rows = ctx.tx().select("entity_link", filters, order, size, offset);
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("data", crud.serialize(ctx, model("entity_link"), rows, false, ModelHooks.View.LIST));
                body.put("total", total);
                body.put("nb_pages", (long) Math.ceil(total / (double) size));
                body.put("limit", size);
                body.put("offset", offset);
                body.put("page", page);
                return body;
            }
            if (query.has("cursor_created_at")) {
                String cursorText = query.first("cursor_created_at").orElse("");
                LocalDateTime cursor = Values.parseTimestamp(cursorText);
                if (cursor == null) {
                    throw ZouException.wrongParameter("Invalid cursor_created_at: " + ZouException.echo(cursorText));
                }
                int size = limit > 0 ? limit : 100;
                List<Row> rows = new ArrayList<>();
                for (Row r : ctx.tx().select("entity_link", filters, order, 0, 0)) {
                    if (((LocalDateTime) r.get("created_at")).isAfter(cursor)) {
                        rows.add(r);
                        if (rows.size() == size) {
                            break;
                        }
                    }
                }
                Map<String, Object> body = new LinkedHashMap<>();
                List<Map<String, Object>> data = new ArrayList<>();
                for (Row r : rows) {
                    data.add(compact(r));
                }
                body.put("data", data);
                body.put("total", ctx.tx().count("entity_link", filters));
                body.put("limit", size);
                return body;
            }
            List<Map<String, Object>> data = new ArrayList<>();
            for (Row r : ctx.tx().select("entity_link", filters, order, limit, 0)) {
                data.add(compact(r));
            }
            return data;
        });
    }

    private Map<String, Object> compact(Row r) {
        JsonForm form = crud.jsonForm();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id().toString());
        m.put("entity_in_id", form.toJsonValue(r.get("entity_in_id")));
        m.put("entity_out_id", form.toJsonValue(r.get("entity_out_id")));
        m.put("nb_occurences", r.get("nb_occurences"));
        m.put("label", r.get("label"));
        m.put("data", form.toJsonValue(r.get("data")));
        m.put("created_at", JsonForm.timestampMicros((LocalDateTime) r.get("created_at")));
        m.put("type", "EntityLink");
        return m;
    }

    /** {@code DELETE /data/projects/<id>/entity-links/<link_id>}: answers the deleted link (200), no event. */
    public Map<String, Object> deleteProjectEntityLink(Caller caller, String projectIdText, String linkIdText) {
        UUID projectId = ProjectAccess.projectId(projectIdText);
        UUID linkId = Values.parseId(linkIdText);
        return write(caller, ctx -> {
            ProjectAccess.requireManager(ctx.access(), projectId);
            Row link = ctx.tx().byId("entity_link", linkId);
            if (link == null) {
                throw ZouException.notFound();
            }
            Row in = ctx.tx().byId("entity", (UUID) link.get("entity_in_id"));
            if (in == null || !projectId.equals(in.get("project_id"))) {
                throw ZouException.forbidden();
            }
            Map<String, Object> answer = crud.serialize(ctx, model("entity_link"), List.of(link), false,
                    ModelHooks.View.GET).get(0);
            ctx.tx().delete("entity_link", List.of(Filter.eq("id", linkId)));
            return answer;
        });
    }

    // ---- edit versions ---------------------------------------------------------------------------------------------

    /** {@code GET /data/edits/<id>/versions}: the edit's versions, newest first (team; 404 if not an Edit). */
    public List<Map<String, Object>> editVersions(Caller caller, String editIdText) {
        UUID editId = Values.tryParseId(editIdText);
        if (editId == null) {
            throw ZouException.notFound();
        }
        return read(caller, ctx -> {
            Row edit = ctx.tx().byId("entity", editId);
            if (edit == null) {
                throw ZouException.notFound();
            }
            Row type = ctx.tx().byId("entity_type", (UUID) edit.get("entity_type_id"));
            if (type == null || !"Edit".equals(type.get("name"))) {
                throw ZouException.notFound();
            }
            ProjectAccess.requireTeam(ctx.access(), (UUID) edit.get("project_id"));
            // ENT(e): a vendor (effective role in the project) needs a task on the edit assigned
            org.zou4j.internal.access.Rule.require(org.zou4j.internal.access.Rules.entityAccess(
                    org.zou4j.internal.access.Ref.column("id"), org.zou4j.internal.access.Ref.column("project_id"))
                    .allows(ctx.access(), org.zou4j.internal.access.Target.of(edit)));
            List<Row> rows = ctx.tx().select("entity_version", List.of(Filter.eq("entity_id", editId)),
                    List.of(Tx.Order.desc("created_at")), 0, 0);
            return retype(crud.serialize(ctx, model("entity_version"), rows, false, ModelHooks.View.LIST),
                    "EditVersion");
        });
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private Map<String, Object> one(HookContext ctx, String table, Row row, String type) throws SQLException {
        Map<String, Object> m = crud.serialize(ctx, model(table), List.of(row), false, ModelHooks.View.GET).get(0);
        m.put("type", type);
        return m;
    }

    private static List<Map<String, Object>> retype(List<Map<String, Object>> rows, String type) {
        for (Map<String, Object> r : rows) {
            r.put("type", type);
        }
        return rows;
    }

    private static Filter notTemporal() {
        return new Filter.Not(Filter.in("name", List.copyOf(TEMPORAL_TYPES)));
    }

    private static void requireRow(Tx tx, String table, UUID id) throws SQLException {
        if (tx.byId(table, id) == null) {
            throw ZouException.wrongParameter(table.replace('_', ' ') + " with id " + id + " not found");
        }
    }

    private static UUID requiredId(Map<String, Object> args, String name) {
        Object v = args.get(name);
        if (v == null || v.toString().isEmpty()) {
            throw ZouException.wrongParameter("Missing required parameter: " + ZouException.echo(name));
        }
        return uuidOrFail(v, name + " must be a valid UUID");
    }

    private static UUID uuidOrFail(Object v, String message) {
        UUID id = v == null ? null : Values.tryParseId(v.toString());
        if (id == null) {
            throw ZouException.wrongParameter(message);
        }
        return id;
    }

    private static int priority(Object v) {
        if (v == null || v.toString().isEmpty()) {
            return 1;
        }
        try {
            return v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) ? n.intValue()
                    : Integer.parseInt(v.toString().trim());
        } catch (NumberFormatException e) {
            throw ZouException.wrongParameter("Wrong value for parameter priority.");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> roles(Object v) {
        List<String> roles = new ArrayList<>();
        if (v == null) {
            return roles; // Zou's default when omitted: an empty list (it wipes the column default)
        }
        List<Object> raw = v instanceof List<?> l ? (List<Object>) l : List.of(v);
        for (Object r : raw) {
            if (!(r instanceof String s) || !Choices.ROLES.contains(s)) {
                throw ZouException.wrongParameter("Invalid role in roles_for_board: " + ZouException.echo(r));
            }
            roles.add(s);
        }
        return new ArrayList<>(new LinkedHashSet<>(roles));
    }

    private static List<UUID> idList(Object body, String key) {
        String message = "Request body must be a JSON object with a '" + key + "' list.";
        if (!(body instanceof Map<?, ?> map) || !(map.get(key) instanceof List<?> list)) {
            throw ZouException.wrongParameter(message);
        }
        List<UUID> ids = new ArrayList<>();
        for (Object o : list) {
            UUID id = o == null ? null : Values.tryParseId(o.toString());
            if (id == null) {
                throw ZouException.wrongParameter(message);
            }
            ids.add(id);
        }
        return ids;
    }

    private static int parseInt(String v, String name) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw ZouException.wrongParameter(name + " must be an integer.");
        }
    }

    static List<String> defaultBoardRoles() {
        return DEFAULT_BOARD_ROLES;
    }
}
