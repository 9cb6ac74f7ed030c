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
     * {@code GET /data/persons/task-dates} ({@code project_id}), for the team schedule: per active person with
     * assigned tasks, the first start date and the last due date of those tasks (Zou's {@code str()} of each, so
     * {@code "None"} when there is none). Scope: the given project (team members unless admin), else every open
     * project (admins) or the caller's open team projects (managers, supervisors), whose other open projects only
     * come as anonymous merged {@code busy_periods}. Other roles: 403; a {@code project_id} that is no id: 400.
     */
    public List<Map<String, Object>> personsTaskDates(Caller caller, Query query) {
        String projectText = query.first("project_id").map(String::trim).filter(v -> !v.isEmpty()).orElse(null);
        UUID projectId = projectText == null ? null : Values.tryParseId(projectText);
        if (projectText != null && projectId == null) {
            throw ZouException.wrongParameter("Invalid project_id.");
        }
        return s.read(caller, ctx -> {
            boolean admin = ctx.access().isAdmin();
            if (!admin && !List.of("manager", "supervisor").contains(caller.role())) {
                throw ZouException.forbidden();
            }
            String open = "SELECT pr.id FROM project pr JOIN project_status ps ON ps.id = pr.project_status_id"
                    + " WHERE ps.name = 'Open'";
            String team = " AND pr.id IN (SELECT project_id FROM project_person_link WHERE person_id = ?)";
            String scope;
            List<Object> params = new ArrayList<>();
            String busyScope = null;
            if (projectId != null) {
                if (!admin && !ctx.access().inTeam(projectId)) {
                    throw ZouException.forbidden();
                }
                scope = "t.project_id = ?";
                params.add(projectId);
            } else if (admin) {
                scope = "t.project_id IN (" + open + ")";
            } else {
                scope = "t.project_id IN (" + open + team + ")";
                params.add(caller.personId());
                busyScope = "t.project_id IN (" + open + ") AND t.project_id NOT IN (" + open + team + ")";
            }
            String from = " FROM task t JOIN task_person_link l ON l.task_id = t.id JOIN person p ON p.id = l.person_id"
                    + " WHERE p.active = TRUE AND ";
            Map<String, Map<String, Object>> entries = new LinkedHashMap<>();
            ctx.tx().query("SELECT p.id, MIN(t.start_date), MAX(t.due_date)" + from + scope
                    + " GROUP BY p.id ORDER BY p.id", params, rs -> {
                        while (rs.next()) {
                            String person = rs.getObject(1, UUID.class).toString();
                            entries.put(person, taskDates(person, pythonStr(rs.getTimestamp(2)),
                                    pythonStr(rs.getTimestamp(3))));
                        }
                        return null;
                    });
            if (busyScope != null) {
                Map<String, List<java.sql.Timestamp[]>> intervals = new LinkedHashMap<>();
                ctx.tx().query("SELECT p.id, t.start_date, t.due_date" + from + busyScope
                        + " AND t.start_date IS NOT NULL AND t.due_date IS NOT NULL ORDER BY p.id",
                        List.of(caller.personId()), rs -> {
                            while (rs.next()) {
                                intervals.computeIfAbsent(rs.getObject(1, UUID.class).toString(),
                                        k -> new ArrayList<>()).add(new java.sql.Timestamp[] {rs.getTimestamp(2),
                                                rs.getTimestamp(3)});
                            }
                            return null;
                        });
                for (Map.Entry<String, List<java.sql.Timestamp[]>> e : intervals.entrySet()) {
                    Map<String, Object> entry = entries.computeIfAbsent(e.getKey(), k -> taskDates(k, null, null));
                    entry.put("busy_periods", mergedPeriods(e.getValue()));
                }
            }
            return new ArrayList<>(entries.values());
        });
    }

    private static Map<String, Object> taskDates(String personId, String min, String max) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("person_id", personId);
        m.put("min_date", min);
        m.put("max_date", max);
        m.put("busy_periods", new ArrayList<>());
        return m;
    }

    /** Overlapping intervals merged, so the periods tell neither how many tasks there are nor how they split. */
    private static List<Map<String, Object>> mergedPeriods(List<java.sql.Timestamp[]> intervals) {
        intervals.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        List<java.sql.Timestamp[]> merged = new ArrayList<>();
        for (java.sql.Timestamp[] i : intervals) {
            java.sql.Timestamp[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && !i[0].after(last[1])) {
                last[1] = i[1].after(last[1]) ? i[1] : last[1];
            } else {
                merged.add(new java.sql.Timestamp[] {i[0], i[1]});
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (java.sql.Timestamp[] m : merged) {
            Map<String, Object> period = new LinkedHashMap<>();
            period.put("start_date", pythonStr(m[0]));
            period.put("end_date", pythonStr(m[1]));
            out.add(period);
        }
        return out;
    }

    /** Python's {@code str()} of a datetime ({@code 2024-01-15 00:00:00}, microseconds when any), or of None. */
    private static String pythonStr(java.sql.Timestamp t) {
        if (t == null) {
            return "None";
        }
        java.time.LocalDateTime d = t.toLocalDateTime();
        String text = d.withNano(0).toString().replace('T', ' ');
        if (d.getSecond() == 0 && text.length() == 16) {
            text += ":00";
        }
        int micros = d.getNano() / 1000;
        return micros == 0 ? text : text + String.format(".%06d", micros);
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
