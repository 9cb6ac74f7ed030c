package org.zou4j.internal.user;

import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.crud.CrudService;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.events.EventLog;
import org.zou4j.internal.model.Choices;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;
import org.zou4j.internal.sql.Tx;

/**
 * The caller's tasks (zou {@code tasks_service.get_person_tasks}, {@code get_person_tasks_to_check}) and the
 * navigation of what they are assigned to in open projects (zou {@code user_service.get_*_for_*}).
 */
public final class UserTasks extends UserSupport {

    public UserTasks(CrudService crud, EventLog events) {
        super(crud, events);
    }

    // ---- to-dos ----------------------------------------------------------------------------------------------------

    /** {@code GET /data/user/tasks}: unfinished tasks assigned to the caller in open projects of their team. */
    public List<Map<String, Object>> todos(Caller caller) {
        return read(caller, ctx -> personTasks(ctx, false));
    }

    /** {@code GET /data/user/done-tasks}: finished tasks assigned to the caller in open projects of their team. */
    public List<Map<String, Object>> doneTasks(Caller caller) {
        return read(caller, ctx -> personTasks(ctx, true));
    }

    private List<Map<String, Object>> personTasks(HookContext ctx, boolean done) throws SQLException {
        List<UUID> projects = relatedProjectIds(ctx);
        if (projects.isEmpty()) {
            return List.of();
        }
        List<Row> tasks = ctx.tx().select("task", List.of(
                Filter.sub("id", "task_person_link", "task_id", Filter.eq("person_id", ctx.caller().personId())),
                Filter.in("project_id", projects),
                Filter.sub("task_status_id", "task_status", "id", Filter.eq("is_done", done))));
        List<Map<String, Object>> out = decorate(ctx, tasks, true);
        if (done) {
            // Zou: end_date desc (nulls first, as PostgreSQL), then task type name, entity name.
            out.sort(Comparator.comparing((Map<String, Object> m) -> (String) m.get("end_date"),
                    Comparator.nullsFirst(Comparator.<String>reverseOrder()))
                    .thenComparing(m -> (String) m.get("task_type_name"), Comparator.nullsLast(String::compareTo))
                    .thenComparing(m -> (String) m.get("entity_name"), Comparator.nullsLast(String::compareTo)));
        }
        return out;
    }

    /**
     * {@code GET /data/user/tasks-to-check}: tasks waiting for feedback. Admins: all open projects; managers: open
     * projects of their team; supervisors: the same limited to their departments; others: nothing.
     */
    public List<Map<String, Object>> tasksToCheck(Caller caller) {
        return read(caller, ctx -> {
            List<Filter> where = new ArrayList<>();
            where.add(Filter.sub("task_status_id", "task_status", "id", Filter.eq("is_feedback_request", true)));
            if (caller.isAdmin()) {
                where.add(Filter.sub("project_id", "project", "id", openProjects()));
            } else if (caller.hasRole("manager") || caller.hasRole("supervisor")) {
                List<UUID> projects = relatedProjectIds(ctx);
                if (projects.isEmpty()) {
                    return List.of();
                }
                where.add(Filter.in("project_id", projects));
                if (caller.hasRole("supervisor")) {
                    List<UUID> departments = myDepartments(ctx);
                    if (!departments.isEmpty()) {
                        where.add(Filter.sub("task_type_id", "task_type", "id",
                                Filter.in("department_id", departments)));
                    }
                }
            } else {
                return List.of();
            }
            return decorate(ctx, ctx.tx().select("task", where), false);
        });
    }

    /** Zou's to-do dict: the task plus project, entity, sequence/episode, type and status names, last comment. */
    private List<Map<String, Object>> decorate(HookContext ctx, List<Row> tasks, boolean castInEpisodes)
            throws SQLException {
        if (tasks.isEmpty()) {
            return new ArrayList<>();
        }
        Tx tx = ctx.tx();
        Map<UUID, Row> projects = mapByIds(tx, "project", col(tasks, "project_id"));
        Map<UUID, Row> entities = mapByIds(tx, "entity", col(tasks, "entity_id"));
        Map<UUID, Row> types = mapByIds(tx, "entity_type", col(entities.values(), "entity_type_id"));
        Map<UUID, Row> parents = mapByIds(tx, "entity", col(entities.values(), "parent_id"));
        List<UUID> more = new ArrayList<>(col(parents.values(), "parent_id"));
        more.addAll(col(entities.values(), "source_id"));
        Map<UUID, Row> grand = mapByIds(tx, "entity", more);
        Map<UUID, Row> taskTypes = mapByIds(tx, "task_type", col(tasks, "task_type_id"));
        Map<UUID, Row> statuses = mapByIds(tx, "task_status", col(tasks, "task_status_id"));
        List<Map<String, Object>> dicts = serialize(ctx, "task", tasks);
        Map<String, List<String>> assignees = new HashMap<>();
        List<UUID> taskIds = tasks.stream().map(Row::id).toList();
        for (Row l : byIds(tx, "task_person_link", "task_id", taskIds)) {
            assignees.computeIfAbsent(l.get("task_id").toString(), k -> new ArrayList<>())
                    .add(l.get("person_id").toString());
        }
        Map<UUID, List<Row>> castIn = castInEpisodes ? episodeCasting(tx, entities.keySet()) : Map.of();
        Map<String, Map<String, Object>> lastComments = lastComments(tx, tasks);
        for (int i = 0; i < tasks.size(); i++) {
            Row task = tasks.get(i);
            Map<String, Object> d = dicts.get(i);
            Row project = projects.get((UUID) task.get("project_id"));
            Row entity = entities.get((UUID) task.get("entity_id"));
            Row type = entity == null ? null : types.get((UUID) entity.get("entity_type_id"));
            Row sequence = entity == null ? null : parents.get((UUID) entity.get("parent_id"));
            Row episode = sequence == null ? null : grand.get((UUID) sequence.get("parent_id"));
            String typeName = type == null ? null : (String) type.get("name");
            Object previewId = entity == null ? null : entity.get("preview_file_id");
            Object sourceId = entity == null ? null : entity.get("source_id");
            String episodeId;
            Object episodeName = null;
            if (episode != null) {
                episodeId = episode.id().toString();
                episodeName = episode.get("name");
            } else {
                episodeId = sourceId == null ? "" : sourceId.toString();
                if (sourceId != null) {
                    Row source = grand.get((UUID) sourceId);
                    episodeName = source == null ? "MP" : source.get("name");
                }
            }
            if ("Sequence".equals(typeName) && entity.get("parent_id") != null) {
                Row ep = parents.get((UUID) entity.get("parent_id"));
                episodeId = entity.get("parent_id").toString();
                episodeName = ep == null ? null : ep.get("name");
            }
            Row taskType = taskTypes.get((UUID) task.get("task_type_id"));
            Row status = statuses.get((UUID) task.get("task_status_id"));
            d.put("project_name", project == null ? null : project.get("name"));
            d.put("project_id", Objects.toString(task.get("project_id")));
            d.put("project_has_avatar", project == null ? null : project.get("has_avatar"));
            d.put("entity_id", Objects.toString(task.get("entity_id")));
            d.put("entity_name", entity == null ? null : entity.get("name"));
            d.put("entity_description", entity == null ? null : entity.get("description"));
            d.put("entity_data", entity == null ? null : json(entity.get("data")));
            d.put("entity_preview_file_id", previewId == null ? "" : previewId.toString());
            d.put("entity_source_id", sourceId == null ? "" : sourceId.toString());
            d.put("entity_type_name", typeName);
            d.put("entity_canceled", entity == null ? null : entity.get("canceled"));
            d.put("sequence_name", sequence == null ? null : sequence.get("name"));
            d.put("episode_id", episodeId);
            d.put("episode_name", episodeName);
            d.put("task_type_for_entity", taskType == null ? null : taskType.get("for_entity"));
            d.put("task_estimation", task.get("estimation"));
            d.put("task_duration", task.get("duration"));
            d.put("task_start_date", json(task.get("start_date")));
            d.put("task_due_date", json(task.get("due_date")));
            d.put("task_type_name", taskType == null ? null : taskType.get("name"));
            d.put("task_status_name", status == null ? null : status.get("name"));
            d.put("task_type_color", taskType == null ? null : taskType.get("color"));
            d.put("task_status_color", status == null ? null : status.get("color"));
            d.put("task_status_short_name", status == null ? null : status.get("short_name"));
            List<Row> eps = castIn.get((UUID) task.get("entity_id"));
            if (eps != null) {
                d.put("episode_ids", eps.stream().map(e -> e.id().toString()).toList());
                d.put("episode_names", eps.stream().map(e -> e.get("name")).toList());
            }
            d.put("assignees", assignees.getOrDefault(task.id().toString(), List.of()));
            d.put("last_comment", lastComments.getOrDefault(task.id().toString(), Map.of()));
        }
        return dicts;
    }

    /** Asset id → the episodes it is cast in (entity links from an episode), by episode name. */
    private Map<UUID, List<Row>> episodeCasting(Tx tx, java.util.Collection<UUID> entityIds) throws SQLException {
        UUID episodeType = UserService.typeId(tx, "Episode");
        Map<UUID, List<Row>> out = new HashMap<>();
        if (episodeType == null || entityIds.isEmpty()) {
            return out;
        }
        List<Row> links = byIds(tx, "entity_link", "entity_out_id", entityIds);
        Map<UUID, Row> ins = mapByIds(tx, "entity", col(links, "entity_in_id"));
        for (Row l : links) {
            Row in = ins.get((UUID) l.get("entity_in_id"));
            if (in != null && episodeType.equals(in.get("entity_type_id"))) {
                out.computeIfAbsent((UUID) l.get("entity_out_id"), k -> new ArrayList<>()).add(in);
            }
        }
        for (List<Row> eps : out.values()) {
            eps.sort(Comparator.comparing(e -> (String) e.get("name")));
        }
        return out;
    }

    /** Each task's last comment not written by a client (project role first, then global role). */
    private Map<String, Map<String, Object>> lastComments(Tx tx, List<Row> tasks) throws SQLException {
        List<Row> comments = byIds(tx, "comment", "object_id", tasks.stream().map(Row::id).toList());
        Map<String, Map<String, Object>> out = new HashMap<>();
        if (comments.isEmpty()) {
            return out;
        }
        Map<UUID, UUID> projectOfTask = new HashMap<>();
        for (Row t : tasks) {
            projectOfTask.put(t.id(), (UUID) t.get("project_id"));
        }
        Map<UUID, Row> authors = mapByIds(tx, "person", col(comments, "person_id"));
        Map<String, String> projectRoles = new HashMap<>();
        for (Row l : byIds(tx, "project_person_link", "person_id", authors.keySet())) {
            if (l.get("role") != null) {
                projectRoles.put(l.get("project_id") + "/" + l.get("person_id"), (String) l.get("role"));
            }
        }
        comments.sort(Comparator.comparing(c -> (LocalDateTime) c.get("created_at"),
                Comparator.nullsFirst(Comparator.naturalOrder())));
        for (Row c : comments) {
            UUID author = (UUID) c.get("person_id");
            String role = projectRoles.get(projectOfTask.get((UUID) c.get("object_id")) + "/" + author);
            if (role == null && authors.get(author) != null) {
                role = (String) authors.get(author).get("role");
            }
            if ("client".equals(role)) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("text", c.get("text"));
            m.put("date", json(c.get("created_at")));
            m.put("person_id", author.toString());
            out.put(c.get("object_id").toString(), m);
        }
        return out;
    }

    static List<UUID> col(java.util.Collection<Row> rows, String column) {
        List<UUID> out = new ArrayList<>();
        for (Row r : rows) {
            Object v = r.get(column);
            if (v != null) {
                out.add((UUID) v);
            }
        }
        return out;
    }

    // ---- navigation of assigned work -------------------------------------------------------------------------------

    private Filter myTasks(HookContext ctx) {
        return Filter.sub("id", "task_person_link", "task_id", Filter.eq("person_id", ctx.caller().personId()));
    }

    /** Tasks of the caller in open projects (a filter on table {@code task}). */
    private List<Filter> myOpenTasks(HookContext ctx, Filter... more) {
        List<Filter> where = new ArrayList<>(List.of(more));
        where.add(myTasks(ctx));
        where.add(Filter.sub("project_id", "project", "id", openProjects()));
        return where;
    }

    /** {@code GET /data/user/<kind>/<id>/tasks}: the caller's tasks on an entity of an open project. */
    public List<Map<String, Object>> entityTasks(Caller caller, String entityId) {
        UUID id = pathId(entityId);
        return read(caller, ctx -> serialize(ctx, "task", ctx.tx().select("task",
                myOpenTasks(ctx, Filter.eq("entity_id", id)))));
    }

    /** {@code GET /data/user/<kind>/<id>/task-types}: types of the caller's tasks on an entity. */
    public List<Map<String, Object>> entityTaskTypes(Caller caller, String entityId) {
        UUID id = pathId(entityId);
        return read(caller, ctx -> serialize(ctx, "task_type", ctx.tx().select("task_type", List.of(
                new Filter.InSubquery("id", "task", "task_type_id", myOpenTasks(ctx, Filter.eq("entity_id", id)))))));
    }

    /** {@code GET /data/user/projects/<id>/asset-types}: asset types of the assets the caller works on. */
    public List<Map<String, Object>> projectAssetTypes(Caller caller, String projectId) {
        UUID pid = pathId(projectId);
        return read(caller, ctx -> {
            List<Row> rows = ctx.tx().select("entity_type", List.of(
                    Filter.not(Filter.in("name", List.copyOf(Choices.TEMPORAL_ENTITY_TYPES))),
                    Filter.sub("id", "entity", "entity_type_id", Filter.eq("project_id", pid),
                            new Filter.InSubquery("id", "task", "entity_id", myOpenTasks(ctx)))));
            return typed(serialize(ctx, "entity_type", rows), "AssetType");
        });
    }

    /** {@code GET /data/user/projects/<id>/asset-types/<type>/assets}: assets of a type the caller works on. */
    public List<Map<String, Object>> assetTypeAssets(Caller caller, String projectId, String assetTypeId) {
        UUID pid = pathId(projectId);
        UUID tid = pathId(assetTypeId);
        return read(caller, ctx -> typed(serialize(ctx, "entity", ctx.tx().select("entity", List.of(
                Filter.eq("project_id", pid), Filter.eq("entity_type_id", tid),
                new Filter.InSubquery("id", "task", "entity_id", myOpenTasks(ctx))))), "Asset"));
    }

    /** {@code GET /data/user/projects/<id>/sequences}: sequences holding a shot the caller works on. */
    public List<Map<String, Object>> projectSequences(Caller caller, String projectId) {
        UUID pid = pathId(projectId);
        return read(caller, ctx -> {
            UUID shot = UserService.typeId(ctx.tx(), "Shot");
            UUID sequence = UserService.typeId(ctx.tx(), "Sequence");
            if (shot == null || sequence == null) {
                return List.of();
            }
            return typed(serialize(ctx, "entity", ctx.tx().select("entity", List.of(
                    Filter.eq("project_id", pid), Filter.eq("entity_type_id", sequence),
                    Filter.sub("id", "entity", "parent_id", Filter.eq("entity_type_id", shot),
                            new Filter.InSubquery("id", "task", "entity_id", myOpenTasks(ctx)))))), "Sequence");
        });
    }

    /** {@code GET /data/user/projects/<id>/episodes}: episodes holding a shot the caller works on. */
    public List<Map<String, Object>> projectEpisodes(Caller caller, String projectId) {
        UUID pid = pathId(projectId);
        return read(caller, ctx -> {
            UUID shot = UserService.typeId(ctx.tx(), "Shot");
            UUID sequence = UserService.typeId(ctx.tx(), "Sequence");
            UUID episode = UserService.typeId(ctx.tx(), "Episode");
            if (shot == null || sequence == null || episode == null) {
                return List.of();
            }
            return typed(serialize(ctx, "entity", ctx.tx().select("entity", List.of(
                    Filter.eq("project_id", pid), Filter.eq("entity_type_id", episode),
                    Filter.sub("id", "entity", "parent_id", Filter.eq("entity_type_id", sequence),
                            Filter.sub("id", "entity", "parent_id", Filter.eq("entity_type_id", shot),
                                    new Filter.InSubquery("id", "task", "entity_id", myOpenTasks(ctx))))))),
                    "Episode");
        });
    }

    /** {@code GET /data/user/sequences/<id>/shots} ({@code Shot}) or {@code .../scenes} ({@code Scene}). */
    public List<Map<String, Object>> sequenceChildren(Caller caller, String sequenceId, String kind) {
        UUID sid = pathId(sequenceId);
        return read(caller, ctx -> {
            UUID type = UserService.typeId(ctx.tx(), kind);
            if (type == null) {
                return List.of();
            }
            return typed(serialize(ctx, "entity", ctx.tx().select("entity", List.of(
                    Filter.eq("entity_type_id", type), Filter.eq("parent_id", sid),
                    new Filter.InSubquery("id", "task", "entity_id", myOpenTasks(ctx))))), kind);
        });
    }

    private static List<Map<String, Object>> typed(List<Map<String, Object>> rows, String type) {
        for (Map<String, Object> m : rows) {
            m.put("type", type);
        }
        return rows;
    }
}
