package org.zou4j.internal.projects;

import static org.zou4j.internal.crud.BodyFields.requiredText;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.zou4j.ZouException;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.crud.BodyFields;
import org.zou4j.internal.crud.CrudService;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.events.EventLog;
import org.zou4j.internal.model.Choices;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;
import org.zou4j.internal.sql.Tx;

/**
 * Zou's production schedule routes of the projects blueprint: milestones, schedule items (per task type and per
 * asset type / episode / sequence / edit of a task type; missing items are created on read, as Zou's
 * {@code schedule_service} does, emitting {@code schedule-item:new}), and the production schedule version task links
 * with their three actions.
 */
public final class ScheduleService extends ServiceSupport {
    private static final List<String> SCHEDULED_FOR = List.of("Asset", "Shot", "Sequence", "Episode", "Edit");

    public ScheduleService(CrudService crud, EventLog events) {
        super(crud, events);
    }

    // ---- milestones and schedule items -----------------------------------------------------------------------------

    /** {@code GET /data/projects/<id>/milestones} (TEAM): Zou's {@code Milestone.present()} shapes. */
    public List<Map<String, Object>> milestones(Caller caller, String projectIdText) {
        UUID projectId = projectId(projectIdText);
        return read(caller, ctx -> {
            requireTeam(ctx, projectId);
            List<Map<String, Object>> out = new ArrayList<>();
            for (Row m : ctx.tx().select("milestone", List.of(Filter.eq("project_id", projectId)),
                    List.of(Tx.Order.asc("date"), Tx.Order.asc("name")), 0, 0)) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("id", m.id().toString());
                json.put("date", json(m.get("date")));
                json.put("name", m.get("name"));
                json.put("project_id", json(m.get("project_id")));
                json.put("task_type_id", json(m.get("task_type_id")));
                out.add(json);
            }
            return out;
        });
    }

    /** {@code GET /data/projects/<id>/schedule-items} (TEAM, not vendors): every schedule item of the project. */
    public List<Map<String, Object>> scheduleItems(Caller caller, String projectIdText) {
        UUID projectId = projectId(projectIdText);
        return read(caller, ctx -> {
            requireTeam(ctx, projectId);
            refuseRoles(ctx, projectId, "vendor");
            return many(ctx, "schedule_item", ctx.tx().select("schedule_item",
                    List.of(Filter.eq("project_id", projectId)), List.of(Tx.Order.asc("start_date"),
                            Tx.Order.asc("id")), 0, 0), false);
        });
    }

    /**
     * {@code GET /data/projects/<id>/schedule-items/task-types}: one item per task type used by the project's tasks
     * (for assets, shots, sequences, episodes, edits), created when missing; ordered by start date.
     */
    public List<Map<String, Object>> taskTypeScheduleItems(Caller caller, String projectIdText) {
        UUID projectId = projectId(projectIdText);
        return write(caller, ctx -> {
            requireTeam(ctx, projectId);
            refuseRoles(ctx, projectId, "vendor");
            List<Row> taskTypes = ctx.tx().select("task_type", List.of(
                    Filter.sub("id", "task", "task_type_id", Filter.eq("project_id", projectId)),
                    Filter.in("for_entity", SCHEDULED_FOR)));
            Map<UUID, Row> existing = new LinkedHashMap<>();
            for (Row item : ctx.tx().select("schedule_item", List.of(Filter.eq("project_id", projectId),
                    new Filter.IsNull("object_id")))) {
                existing.putIfAbsent((UUID) item.get("task_type_id"), item);
            }
            List<Row> items = new ArrayList<>();
            for (Row taskType : taskTypes) {
                Row item = existing.get(taskType.id());
                items.add(item != null ? item : createItem(ctx, projectId, taskType.id(), null));
            }
            items.sort(Comparator.comparing((Row r) -> (LocalDate) r.get("start_date"),
                    Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(r -> r.id().toString()));
            List<Map<String, Object>> out = new ArrayList<>();
            for (Row item : items) {
                out.add(present(item));
            }
            return out;
        });
    }

    /** What the per-task-type schedule items are about. */
    public enum ObjectKind {
        ASSET_TYPES, EPISODES, SEQUENCES, EDITS
    }

    /**
     * {@code GET /data/projects/<id>/schedule-items/<task_type_id>/(asset-types|episodes|sequences|edits)}: one item
     * per object of the project (restricted to {@code episodeId} when given), created when missing, each with the
     * object's {@code name}; ordered by name.
     */
    public List<Map<String, Object>> objectScheduleItems(Caller caller, String projectIdText, String taskTypeIdText,
                                                         ObjectKind kind, String episodeIdText) {
        UUID projectId = projectId(projectIdText);
        UUID taskTypeId = BudgetService.pathId(taskTypeIdText);
        UUID episodeId = episodeIdText == null || episodeIdText.isEmpty() ? null : BudgetService.pathId(episodeIdText);
        return write(caller, ctx -> {
            requireTeam(ctx, projectId);
            refuseRoles(ctx, projectId, "vendor");
            Map<UUID, String> objects = new LinkedHashMap<>();
            for (Row o : objects(ctx, projectId, kind, episodeId)) {
                objects.put(o.id(), (String) o.get("name"));
            }
            Map<UUID, Row> existing = new LinkedHashMap<>();
            for (Row item : ctx.tx().select("schedule_item", List.of(Filter.eq("project_id", projectId),
                    Filter.eq("task_type_id", taskTypeId)))) {
                UUID objectId = (UUID) item.get("object_id");
                if (objectId != null && objects.containsKey(objectId)) {
                    existing.putIfAbsent(objectId, item);
                }
            }
            List<Map<String, Object>> out = new ArrayList<>();
            for (Map.Entry<UUID, String> o : objects.entrySet()) {
                Row item = existing.get(o.getKey());
                Map<String, Object> json = present(item != null ? item
                        : createItem(ctx, projectId, taskTypeId, o.getKey()));
                json.put("name", o.getValue());
                out.add(json);
            }
            out.sort(Comparator.comparing((Map<String, Object> m) -> Objects.toString(m.get("name"), ""))
                    .thenComparing(m -> (String) m.get("id")));
            return out;
        });
    }

    private List<Row> objects(HookContext ctx, UUID projectId, ObjectKind kind, UUID episodeId) throws SQLException {
        Tx tx = ctx.tx();
        switch (kind) {
            case ASSET_TYPES: {
                List<Filter> assets = new ArrayList<>();
                assets.add(Filter.eq("project_id", projectId));
                if (episodeId != null) {
                    assets.add(Filter.eq("source_id", episodeId));
                }
                return tx.select("entity_type", List.of(new Filter.Not(Filter.in("name",
                        List.copyOf(Choices.TEMPORAL_ENTITY_TYPES))), Filter.sub("id", "entity", "entity_type_id",
                        assets.toArray(new Filter[0]))), List.of(Tx.Order.asc("name")), 0, 0);
            }
            case EPISODES: {
                List<Filter> f = typed(projectId, "Episode");
                if (episodeId != null) {
                    f.add(Filter.eq("id", episodeId));
                }
                return tx.select("entity", f);
            }
            case SEQUENCES: {
                List<Filter> f = typed(projectId, "Sequence");
                if (episodeId != null) {
                    f.add(Filter.eq("parent_id", episodeId));
                }
                return tx.select("entity", f);
            }
            default: {
                List<Filter> f = typed(projectId, "Edit");
                f.add(Filter.or(Filter.eq("canceled", false), new Filter.IsNull("canceled")));
                if (episodeId != null) {
                    f.add(Filter.eq("parent_id", episodeId));
                }
                return tx.select("entity", f);
            }
        }
    }

    private static List<Filter> typed(UUID projectId, String typeName) {
        List<Filter> f = new ArrayList<>();
        f.add(Filter.eq("project_id", projectId));
        f.add(Filter.sub("entity_type_id", "entity_type", "id", Filter.eq("name", typeName)));
        return f;
    }

    private Row createItem(HookContext ctx, UUID projectId, UUID taskTypeId, UUID objectId) throws SQLException {
        Map<String, Object> row = BudgetService.newRow(ctx);
        LocalDate today = ctx.now().toLocalDate();
        row.put("project_id", projectId);
        row.put("task_type_id", taskTypeId);
        row.put("object_id", objectId);
        row.put("start_date", today);
        row.put("end_date", today.plusDays(1));
        ctx.tx().insert("schedule_item", row);
        UUID id = (UUID) row.get("id");
        ctx.events().emit("schedule-item:new", Map.of("schedule_item_id", id.toString()), projectId);
        return ctx.tx().byId("schedule_item", id);
    }

    /** Zou's {@code ScheduleItem.present()}. */
    private Map<String, Object> present(Row item) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", item.id().toString());
        json.put("start_date", json(item.get("start_date")));
        json.put("end_date", json(item.get("end_date")));
        json.put("man_days", item.get("man_days"));
        json.put("project_id", json(item.get("project_id")));
        json.put("task_type_id", json(item.get("task_type_id")));
        json.put("object_id", json(item.get("object_id")));
        return json;
    }

    // ---- production schedule versions ------------------------------------------------------------------------------

    private static Row requireVersion(HookContext ctx, String idText) throws SQLException {
        UUID id = idOrNull(idText);
        Row version = id == null ? null : ctx.tx().byId("production_schedule_version", id);
        if (version == null) {
            throw ZouException.notFound("Production schedule version not found");
        }
        return version;
    }

    /**
     * {@code GET /data/production-schedule-versions/<id>/task-links} (TEAM, not clients nor vendors): the version's
     * task links, optionally for one task type, with {@code assignees} when {@code relations} is asked.
     */
    public List<Map<String, Object>> taskLinks(Caller caller, String versionIdText, String taskTypeIdText,
                                               boolean relations) {
        return read(caller, ctx -> {
            Row version = requireVersion(ctx, versionIdText);
            UUID projectId = (UUID) version.get("project_id");
            requireTeam(ctx, projectId);
            refuseRoles(ctx, projectId, "vendor", "client");
            List<Filter> filters = new ArrayList<>();
            filters.add(Filter.eq("production_schedule_version_id", version.id()));
            if (taskTypeIdText != null) {
                UUID taskTypeId = idOrNull(taskTypeIdText);
                filters.add(Filter.sub("task_id", "task", "id", Filter.eq("task_type_id",
                        taskTypeId == null ? new UUID(0, 0) : taskTypeId)));
            }
            return many(ctx, "production_schedule_version_task_link", ctx.tx().select(
                    "production_schedule_version_task_link", filters, List.of(Tx.Order.asc("created_at"),
                            Tx.Order.asc("id")), 0, 0), relations);
        });
    }

    /**
     * {@code POST /actions/production-schedule-versions/<id>/set-task-links-from-production} (MGR): copies every
     * project task's dates, estimation and assignees into the version. Answers {@code {success, task_link_count}}.
     */
    public Map<String, Object> setTaskLinksFromProduction(Caller caller, String versionIdText) {
        return write(caller, ctx -> {
            Row version = requireVersion(ctx, versionIdText);
            requireManager(ctx, (UUID) version.get("project_id"));
            int count = 0;
            for (Row task : ctx.tx().select("task", List.of(Filter.eq("project_id", version.get("project_id"))))) {
                List<Object> assignees = ctx.tx().column("task_person_link", "person_id",
                        List.of(Filter.eq("task_id", task.id())));
                upsertLink(ctx, version.id(), task.id(), task.get("start_date"), task.get("due_date"),
                        task.get("estimation"), assignees);
                count++;
            }
            return summary("task_link_count", count);
        });
    }

    /**
     * {@code POST /actions/production-schedule-versions/<id>/set-task-links-from-production-schedule-version} (MGR):
     * body {@code production_schedule_version_id}, another version of the same project whose links (dates,
     * estimation, assignees) are copied; records it as {@code production_schedule_from}.
     */
    public Map<String, Object> setTaskLinksFromVersion(Caller caller, String versionIdText,
                                                       Map<String, Object> rawBody) {
        String otherText = requiredText(BodyFields.of(rawBody), "production_schedule_version_id");
        return write(caller, ctx -> {
            Row version = requireVersion(ctx, versionIdText);
            UUID projectId = (UUID) version.get("project_id");
            requireManager(ctx, projectId);
            Row other = requireVersion(ctx, otherText);
            if (!projectId.equals(other.get("project_id"))) {
                throw ZouException.wrongParameter("Production schedule versions must belong to the same project.");
            }
            if (other.id().equals(version.id())) {
                throw ZouException.wrongParameter("A production schedule version cannot be copied onto itself.");
            }
            int count = 0;
            for (Row link : ctx.tx().select("production_schedule_version_task_link",
                    List.of(Filter.eq("production_schedule_version_id", other.id())))) {
                List<Object> assignees = ctx.tx().column("production_schedule_version_task_link_person_link",
                        "person_id", List.of(Filter.eq("production_schedule_version_task_link_id", link.id())));
                upsertLink(ctx, version.id(), (UUID) link.get("task_id"), link.get("start_date"),
                        link.get("due_date"), link.get("estimation"), assignees);
                count++;
            }
            ctx.tx().updateById("production_schedule_version", version.id(), Map.of("production_schedule_from",
                    other.id(), "updated_at", ctx.now()));
            ctx.events().emit("production_schedule_version:update", Map.of("production_schedule_version_id",
                    version.id().toString()), projectId);
            return summary("task_link_count", count);
        });
    }

    /**
     * {@code POST /actions/production-schedule-versions/<id>/apply-to-production} (MGR): writes the links' dates and
     * estimations onto the tasks ({@code task:update} each), locks the version and records it on the project as
     * {@code from_schedule_version_id}. Answers {@code {success, task_count}}.
     */
    public Map<String, Object> applyToProduction(Caller caller, String versionIdText) {
        return write(caller, ctx -> {
            Row version = requireVersion(ctx, versionIdText);
            UUID projectId = (UUID) version.get("project_id");
            requireManager(ctx, projectId);
            int count = 0;
            for (Row link : ctx.tx().select("production_schedule_version_task_link",
                    List.of(Filter.eq("production_schedule_version_id", version.id())))) {
                UUID taskId = (UUID) link.get("task_id");
                Row task = ctx.tx().byId("task", taskId);
                if (task == null) {
                    continue;
                }
                Map<String, Object> changes = new LinkedHashMap<>();
                changes.put("start_date", link.get("start_date"));
                changes.put("due_date", link.get("due_date"));
                changes.put("estimation", link.get("estimation"));
                ctx.tx().updateById("task", taskId, changes);
                ctx.events().emit("task:update", Map.of("task_id", taskId.toString()),
                        (UUID) task.get("project_id"));
                count++;
            }
            ctx.tx().updateById("production_schedule_version", version.id(), Map.of("locked", true,
                    "updated_at", ctx.now()));
            ctx.events().emit("production_schedule_version:update", Map.of("production_schedule_version_id",
                    version.id().toString()), projectId);
            ctx.tx().updateById("project", projectId, Map.of("from_schedule_version_id", version.id(),
                    "updated_at", ctx.now()));
            ctx.events().emit("project:update", Map.of("project_id", projectId.toString()), projectId);
            return summary("task_count", count);
        });
    }

    private static void upsertLink(HookContext ctx, UUID versionId, UUID taskId, Object start, Object due,
                                   Object estimation, List<Object> assignees) throws SQLException {
        List<Filter> key = List.of(Filter.eq("production_schedule_version_id", versionId),
                Filter.eq("task_id", taskId));
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("start_date", start);
        values.put("due_date", due);
        values.put("estimation", estimation == null ? null : ((Number) estimation).doubleValue());
        List<Row> found = ctx.tx().select("production_schedule_version_task_link", key);
        UUID linkId;
        if (found.isEmpty()) {
            Map<String, Object> row = BudgetService.newRow(ctx);
            row.put("production_schedule_version_id", versionId);
            row.put("task_id", taskId);
            row.putAll(values);
            ctx.tx().insert("production_schedule_version_task_link", row);
            linkId = (UUID) row.get("id");
        } else {
            linkId = found.get(0).id();
            values.put("updated_at", ctx.now());
            ctx.tx().updateById("production_schedule_version_task_link", linkId, values);
        }
        ctx.tx().delete("production_schedule_version_task_link_person_link",
                List.of(Filter.eq("production_schedule_version_task_link_id", linkId)));
        for (Object person : assignees) {
            ctx.tx().insert("production_schedule_version_task_link_person_link", Map.of(
                    "production_schedule_version_task_link_id", linkId, "person_id", person));
        }
    }

    private static Map<String, Object> summary(String key, int count) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("success", true);
        out.put(key, count);
        return out;
    }
}
