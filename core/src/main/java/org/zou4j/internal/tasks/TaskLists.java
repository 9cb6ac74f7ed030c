package org.zou4j.internal.tasks;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.zou4j.Query;
import org.zou4j.ZouException;
import org.zou4j.assets.JsonStream;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.access.Scopes;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.crud.Values;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;
import org.zou4j.internal.sql.Tx;

/**
 * Zou's {@code tasks} blueprint lists: a project's comments, notifications, preview files, subscriptions and tasks
 * (Zou's {@code get_paginated_results}: a page envelope with {@code ?page=}, else every row, streamed), a task's
 * previews, the open tasks' stats and a person's related tasks.
 */
public final class TaskLists {
    private static final List<Tx.Order> NEWEST = List.of(Tx.Order.desc("updated_at"), Tx.Order.asc("id"));

    private final TaskSupport s;

    TaskLists(TaskSupport s) {
        this.s = s;
    }

    private static Filter ofProjectTasks(String column, UUID projectId) {
        return Filter.sub(column, "task", "id", Filter.eq("project_id", projectId));
    }

    private static void requireTeam(HookContext ctx, UUID projectId) throws SQLException {
        TaskSupport.require(ctx, "project", projectId);
        if (!ctx.access().isAdmin() && !ctx.access().inTeam(projectId)) {
            throw ZouException.forbidden();
        }
    }

    private static void requireAdminProject(HookContext ctx, UUID projectId) throws SQLException {
        CommentActions.requireAdmin(ctx);
        TaskSupport.require(ctx, "project", projectId);
    }

    /** {@code GET /data/projects/<project_id>/comments}: team members but vendors and clients; newest first. */
    public JsonStream projectComments(Caller caller, String projectIdText, Query query) {
        UUID projectId = TaskSupport.pathId(projectIdText);
        int page = TaskSupport.intParam(query, "page", -1);
        int limit = TaskSupport.intParam(query, "limit", 0);
        return s.stream(caller, ctx -> {
            requireTeam(ctx, projectId);
            String role = ctx.access().isAdmin() ? "admin" : ctx.access().projectRole(projectId);
            if ("vendor".equals(role) || "client".equals(role)) {
                throw ZouException.forbidden();
            }
            return new TaskSupport.ListPlan("comment", List.of(ofProjectTasks("object_id", projectId)), NEWEST,
                    page, limit, true);
        });
    }

    /** {@code GET /data/projects/<project_id>/notifications}: admins; newest first. */
    public JsonStream projectNotifications(Caller caller, String projectIdText, Query query) {
        UUID projectId = TaskSupport.pathId(projectIdText);
        int page = TaskSupport.intParam(query, "page", -1);
        return s.stream(caller, ctx -> {
            requireAdminProject(ctx, projectId);
            return new TaskSupport.ListPlan("notification", List.of(ofProjectTasks("task_id", projectId)), NEWEST,
                    page, 0, false);
        });
    }

    /** {@code GET /data/projects/<project_id>/preview-files}: admins; newest first. */
    public JsonStream projectPreviewFiles(Caller caller, String projectIdText, Query query) {
        UUID projectId = TaskSupport.pathId(projectIdText);
        int page = TaskSupport.intParam(query, "page", -1);
        return s.stream(caller, ctx -> {
            requireAdminProject(ctx, projectId);
            return new TaskSupport.ListPlan("preview_file", List.of(ofProjectTasks("task_id", projectId)), NEWEST,
                    page, 0, false);
        });
    }

    /** {@code GET /data/projects/<project_id>/subscriptions}: admins; every subscription to the project's tasks. */
    public JsonStream projectSubscriptions(Caller caller, String projectIdText) {
        UUID projectId = TaskSupport.pathId(projectIdText);
        return s.stream(caller, ctx -> {
            requireAdminProject(ctx, projectId);
            return new TaskSupport.ListPlan("subscription", List.of(ofProjectTasks("task_id", projectId)),
                    List.of(Tx.Order.asc("created_at"), Tx.Order.asc("id")), -1, 0, false);
        });
    }

    /**
     * {@code GET /data/projects/<project_id>/tasks} ({@code task_type_id}, {@code episode_id}, {@code page}): the
     * team's view of the project's tasks with their assignees, newest first; vendors see the tasks assigned to them.
     */
    public JsonStream projectTasks(Caller caller, String projectIdText, Query query) {
        UUID projectId = TaskSupport.pathId(projectIdText);
        int page = TaskSupport.intParam(query, "page", -1);
        UUID taskTypeId = queryId(query, "task_type_id");
        UUID episodeId = queryId(query, "episode_id");
        return s.stream(caller, ctx -> {
            requireTeam(ctx, projectId);
            List<Filter> filters = new ArrayList<>(List.of(Filter.eq("project_id", projectId)));
            if (taskTypeId != null) {
                filters.add(Filter.eq("task_type_id", taskTypeId));
            }
            if (episodeId != null) {
                filters.add(Filter.sub("entity_id", "entity", "id", Filter.sub("parent_id", "entity", "id",
                        Filter.eq("parent_id", episodeId))));
            }
            if (!ctx.access().isAdmin() && "vendor".equals(ctx.access().projectRole(projectId))) {
                filters.add(Scopes.assignedTasks(ctx.access(), "id"));
            }
            return new TaskSupport.ListPlan("task", filters, NEWEST, page, 0, true);
        });
    }

    private static UUID queryId(Query q, String name) {
        String v = q.first(name).orElse(null);
        if (v == null || v.isEmpty()) {
            return null;
        }
        UUID id = Values.tryParseId(v);
        if (id == null) {
            throw ZouException.wrongParameter("Invalid UUID value for " + name + ": " + v);
        }
        return id;
    }

    /** {@code GET /data/tasks/<task_id>/previews}: the task's preview files, last revision first. */
    public List<Map<String, Object>> taskPreviews(Caller caller, String taskIdText) {
        UUID taskId = TaskSupport.pathId(taskIdText);
        return s.read(caller, ctx -> {
            s.checkTaskRead(ctx, TaskSupport.require(ctx, "task", taskId));
            return s.many(ctx, "preview_file", ctx.tx().select("preview_file", List.of(Filter.eq("task_id", taskId)),
                    List.of(Tx.Order.desc("revision"), Tx.Order.asc("position"), Tx.Order.asc("id")), 0, 0), false);
        });
    }

    /**
     * {@code GET /data/tasks/open-tasks/stats}: per open project (the caller's team projects unless admin), the
     * amount of tasks, done ones, durations and estimations, with the detail per task type and status (concept task
     * types left out).
     */
    public Map<String, Object> openTasksStats(Caller caller) {
        return s.read(caller, ctx -> {
            StringBuilder sql = new StringBuilder("SELECT t.project_id, t.task_type_id, t.task_status_id, COUNT(*),"
                    + " SUM(CASE WHEN ts.is_done = TRUE THEN 1 ELSE 0 END), COALESCE(SUM(t.duration), 0),"
                    + " COALESCE(SUM(t.estimation), 0) FROM task t JOIN task_type tt ON tt.id = t.task_type_id"
                    + " JOIN task_status ts ON ts.id = t.task_status_id JOIN entity e ON e.id = t.entity_id"
                    + " JOIN project pr ON pr.id = t.project_id JOIN project_status ps ON ps.id = pr.project_status_id"
                    + " WHERE (tt.for_entity IS NULL OR tt.for_entity <> 'Concept') AND ps.name = 'Open'");
            List<Object> params = new ArrayList<>();
            if (!caller.isAdmin()) {
                sql.append(" AND t.project_id IN (SELECT project_id FROM project_person_link WHERE person_id = ?)");
                params.add(caller.personId() == null ? new UUID(0, 0) : caller.personId());
            }
            sql.append(" GROUP BY t.project_id, t.task_type_id, t.task_status_id"
                    + " ORDER BY t.project_id, t.task_type_id, t.task_status_id");
            return ctx.tx().query(sql.toString(), params, rs -> {
                Map<String, Object> out = new LinkedHashMap<>();
                while (rs.next()) {
                    String project = rs.getObject(1, UUID.class).toString();
                    Map<String, Object> stat = new LinkedHashMap<>();
                    stat.put("task_status_id", rs.getObject(3, UUID.class).toString());
                    stat.put("task_type_id", rs.getObject(2, UUID.class).toString());
                    stat.put("project_id", project);
                    stat.put("amount", rs.getLong(4));
                    stat.put("amount_done", rs.getLong(5));
                    stat.put("total_duration", rs.getDouble(6));
                    stat.put("total_estimation", rs.getDouble(7));
                    @SuppressWarnings("unchecked")
                    Map<String, Object> p = (Map<String, Object>) out.computeIfAbsent(project, k -> {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("amount", 0L);
                        m.put("amount_done", 0L);
                        m.put("total_duration", 0.0);
                        m.put("total_estimation", 0.0);
                        m.put("task_types", new ArrayList<>());
                        return m;
                    });
                    p.put("amount", (Long) p.get("amount") + (Long) stat.get("amount"));
                    p.put("amount_done", (Long) p.get("amount_done") + (Long) stat.get("amount_done"));
                    p.put("total_duration", (Double) p.get("total_duration") + (Double) stat.get("total_duration"));
                    p.put("total_estimation", (Double) p.get("total_estimation")
                            + (Double) stat.get("total_estimation"));
                    @SuppressWarnings("unchecked")
                    List<Object> types = (List<Object>) p.get("task_types");
                    types.add(stat);
                }
                return out;
            });
        });
    }

    /**
     * {@code GET /data/persons/<person_id>/related-tasks/<task_type_id>}: the tasks of the type on the entities of
     * open projects where the person has an assignment (in the caller's team projects unless admin). Bots refused;
     * vendors only for themselves.
     */
    public List<Map<String, Object>> relatedTasks(Caller caller, String personIdText, String taskTypeIdText) {
        UUID personId = TaskSupport.pathId(personIdText);
        UUID taskTypeId = TaskSupport.pathId(taskTypeIdText);
        return s.read(caller, ctx -> {
            Row person = TaskSupport.require(ctx, "person", personId);
            if (Boolean.TRUE.equals(person.get("is_bot"))) {
                throw ZouException.forbidden();
            }
            if (!personId.equals(caller.personId()) && "vendor".equals(caller.role())) {
                throw ZouException.forbidden();
            }
            StringBuilder sql = new StringBuilder("SELECT t.id FROM task t JOIN project pr ON pr.id = t.project_id"
                    + " JOIN project_status ps ON ps.id = pr.project_status_id WHERE t.task_type_id = ?"
                    + " AND ps.name = 'Open' AND t.entity_id IN (SELECT a.entity_id FROM task a"
                    + " JOIN task_person_link l ON l.task_id = a.id WHERE l.person_id = ?)");
            List<Object> params = new ArrayList<>(List.of(taskTypeId, personId));
            if (!caller.isAdmin()) {
                sql.append(" AND t.project_id IN (SELECT project_id FROM project_person_link WHERE person_id = ?)");
                params.add(caller.personId() == null ? new UUID(0, 0) : caller.personId());
            }
            sql.append(" ORDER BY t.created_at, t.id");
            List<UUID> ids = ctx.tx().query(sql.toString(), params, rs -> {
                List<UUID> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getObject(1, UUID.class));
                }
                return out;
            });
            Map<UUID, Row> byId = new HashMap<>();
            for (int i = 0; i < ids.size(); i += 500) {
                for (Row r : ctx.tx().select("task", List.of(Filter.in("id", ids.subList(i,
                        Math.min(ids.size(), i + 500)))))) {
                    byId.put(r.id(), r);
                }
            }
            List<Row> rows = new ArrayList<>();
            for (UUID id : ids) {
                rows.add(byId.get(id));
            }
            return s.many(ctx, "task", rows, false);
        });
    }
}
