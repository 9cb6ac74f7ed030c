package org.zou4j.internal.tasks;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.zou4j.Query;
import org.zou4j.ZouException;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.crud.Values;
import org.zou4j.internal.sql.Tx;

/**
 * {@code GET /data/tasks/open-tasks}: Zou's filters rendered as SQL for the page (Zou's joined query, walked by
 * {@link OpenTasksPage}) and, apart, for the counts ({@link OpenTasksStats}: the task's own conditions, the projects in
 * scope and the matching task types).
 */
final class OpenTasks {
    private OpenTasks() {
    }

    /**
     * {@code GET /data/tasks/open-tasks}: tasks of open projects (of the caller's projects when not admin), filtered,
     * ordered by project, episode, sequence, entity type, entity and task type names; Zou's envelope
     * {@code {data, stats, limit, is_more, page}}.
     */
    static Map<String, Object> answer(TaskSupport s, Caller caller, Query query) {
        int limit = TaskSupport.intParam(query, "limit", 100);
        int page = TaskSupport.intParam(query, "page", 0);
        if (limit <= 0) {
            throw ZouException.wrongParameter("Wrong value for parameter limit.");
        }
        return s.read(caller, ctx -> {
            StringBuilder where = new StringBuilder(" WHERE 1 = 1");
            List<Object> params = new ArrayList<>();
            // the counts read the task table alone: projects in scope and matching task types are listed first
            StringBuilder scope = new StringBuilder("SELECT pr.id FROM project pr"
                    + " JOIN project_status ps ON ps.id = pr.project_status_id WHERE ps.name = 'Open'");
            List<Object> scopeParams = new ArrayList<>();
            StringBuilder typeWhere = new StringBuilder("SELECT tt.id FROM task_type tt WHERE 1 = 1");
            List<Object> typeParams = new ArrayList<>();
            UUID projectId = idParam(query, "project_id");
            if (projectId != null && ctx.access().inTeam(projectId)) {
                where.append(" AND t.project_id = ?");
                params.add(projectId);
            } else if (projectId != null) {
                throw ZouException.forbidden();
            } else {
                where.append(" AND ps.name = 'Open'");
                if (!caller.isAdmin()) {
                    String mine = " IN (SELECT project_id FROM project_person_link WHERE person_id = ?)";
                    where.append(" AND t.project_id").append(mine);
                    params.add(caller.personId());
                    scope.append(" AND pr.id").append(mine);
                    scopeParams.add(caller.personId());
                }
            }
            int scopeEnd = where.length();
            int scopeParamCount = params.size();
            StringBuilder taskWhere = new StringBuilder();
            List<Object> taskParams = new ArrayList<>();
            UUID taskType = idParam(query, "task_type_id");
            if (taskType != null) {
                where.append(" AND t.task_type_id = ?");
                params.add(taskType);
                taskWhere.append(" AND t.task_type_id = ?");
                taskParams.add(taskType);
            } else {
                String notConcept = " AND (tt.for_entity IS NULL OR tt.for_entity <> 'Concept')";
                where.append(notConcept);
                typeWhere.append(notConcept);
            }
            UUID status = idParam(query, "task_status_id");
            if (status != null) {
                taskCondition(where, params, taskWhere, taskParams, " AND t.task_status_id = ?", List.of(status));
            }
            String person = query.first("person_id").orElse(null);
            if ("unassigned".equals(person)) {
                taskCondition(where, params, taskWhere, taskParams,
                        " AND NOT EXISTS (SELECT 1 FROM task_person_link l WHERE l.task_id = t.id)", List.of());
            } else if (person != null && !person.isEmpty()) {
                List<Object> ids = new ArrayList<>();
                for (String p : person.split(",")) {
                    UUID id = Values.tryParseId(p.trim());
                    if (id == null) {
                        throw ZouException.wrongParameter("Invalid UUID value: " + p);
                    }
                    ids.add(id);
                }
                taskCondition(where, params, taskWhere, taskParams, " AND EXISTS (SELECT 1 FROM task_person_link l"
                        + " WHERE l.task_id = t.id AND l.person_id IN ("
                        + String.join(", ", java.util.Collections.nCopies(ids.size(), "?")) + "))", ids);
            }
            UUID studio = idParam(query, "studio_id");
            if (studio != null) {
                taskCondition(where, params, taskWhere, taskParams, " AND EXISTS (SELECT 1 FROM task_person_link l"
                        + " JOIN person p ON p.id = l.person_id WHERE l.task_id = t.id AND p.studio_id = ?)",
                        List.of(studio));
            }
            UUID department = idParam(query, "department_id");
            if (department != null) {
                taskCondition(where, params, taskWhere, taskParams, " AND EXISTS (SELECT 1 FROM task_person_link l"
                        + " JOIN department_link d ON d.person_id = l.person_id WHERE l.task_id = t.id"
                        + " AND d.department_id = ?)", List.of(department));
            }
            LocalDateTime start = dateParam(query, "start_date");
            if (start != null) {
                taskCondition(where, params, taskWhere, taskParams, " AND t.start_date >= ?", List.of(start));
            }
            LocalDateTime due = dateParam(query, "due_date");
            if (due != null) {
                taskCondition(where, params, taskWhere, taskParams, " AND t.due_date <= ?", List.of(due));
            }
            String priority = query.first("priority").orElse(null);
            if (priority != null && !priority.isEmpty()) {
                int value;
                try {
                    value = Integer.parseInt(priority.trim());
                } catch (NumberFormatException e) {
                    throw ZouException.wrongParameter("Wrong value for parameter priority.");
                }
                where.append(" AND tt.priority = ?");
                params.add(value);
                typeWhere.append(" AND tt.priority = ?");
                typeParams.add(value);
            }
            String from = " FROM task t JOIN task_type tt ON tt.id = t.task_type_id"
                    + " JOIN task_status ts ON ts.id = t.task_status_id"
                    + " JOIN entity e ON e.id = t.entity_id JOIN entity_type et ON et.id = e.entity_type_id"
                    + " JOIN project pr ON pr.id = t.project_id JOIN project_status ps ON ps.id = pr.project_status_id"
                    + " LEFT JOIN entity sq ON sq.id = e.parent_id LEFT JOIN entity ep ON ep.id = sq.parent_id";
            // the stats first (Zou's answer needs them): per project, so that the page skips whole projects
            List<UUID> projects = projectId != null ? List.of(projectId) : ids(ctx.tx(), scope.toString(), scopeParams);
            OpenTasksStats counts = OpenTasksStats.read(ctx.tx(), projects,
                    new HashSet<>(ids(ctx.tx(), typeWhere.toString(), typeParams)), taskWhere.toString(), taskParams);
            long offset = page > 0 ? (long) (page - 1) * limit : 0;
            List<UUID> ids = new OpenTasksPage(ctx.tx(), from, where.toString(), params,
                    where.substring(scopeEnd), params.subList(scopeParamCount, params.size()), offset, limit,
                    OpenTasksPage.SMALL_PROJECT)
                    .ids(counts.perProject);
            Map<String, Object> result = new LinkedHashMap<>();
            Map<String, Object> stats = new LinkedHashMap<>();
            if (ids.isEmpty()) {
                result.put("data", List.of());
                stats.put("total_duration", 0);
                stats.put("total_estimation", 0);
                stats.put("total", 0);
                stats.put("status", List.of());
            } else {
                result.put("data", new TaskService.RichTasks(s, ctx).build(ids, true));
                List<Map<String, Object>> byStatus = new ArrayList<>();
                counts.perStatus.forEach((statusId, n) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("task_status_id", statusId.toString());
                    m.put("amount", n);
                    byStatus.add(m);
                });
                stats.put("total_duration", counts.duration);
                stats.put("total_estimation", counts.estimation);
                stats.put("total", counts.total);
                stats.put("status", byStatus);
            }
            result.put("stats", stats);
            result.put("limit", limit);
            result.put("is_more", ids.size() == limit);
            result.put("page", page > 0 ? page : 1);
            return result;
        });
    }

    /** A condition on the task's own columns: for the page query and for the counts. */
    private static void taskCondition(StringBuilder where, List<Object> params, StringBuilder taskWhere,
                                      List<Object> taskParams, String condition, List<Object> values) {
        where.append(condition);
        params.addAll(values);
        taskWhere.append(condition);
        taskParams.addAll(values);
    }

    private static List<UUID> ids(Tx tx, String sql, List<Object> params) throws SQLException {
        return tx.query(sql, params, rs -> {
            List<UUID> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getObject(1, UUID.class));
            }
            return out;
        });
    }

    private static UUID idParam(Query q, String name) {
        String v = q.first(name).orElse(null);
        if (v == null || v.isEmpty()) {
            return null;
        }
        UUID id = Values.tryParseId(v);
        if (id == null) {
            throw ZouException.wrongParameter("Invalid UUID value: " + v);
        }
        return id;
    }

    private static LocalDateTime dateParam(Query q, String name) {
        String v = q.first(name).orElse(null);
        if (v == null || v.isEmpty()) {
            return null;
        }
        LocalDateTime t = Values.parseTimestamp(v);
        if (t == null) {
            LocalDate d = Values.parseDate(v);
            if (d == null) {
                throw ZouException.wrongParameter("Wrong value for parameter " + name + ".");
            }
            t = d.atStartOfDay();
        }
        return t;
    }
}
