package org.zou4j.internal.projects;

import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.zou4j.ZouException;
import org.zou4j.assets.JsonStream;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.crud.CrudService;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.crud.JsonStreams;
import org.zou4j.internal.crud.Values;
import org.zou4j.internal.events.EventLog;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;
import org.zou4j.internal.sql.RowCursor;
import org.zou4j.internal.sql.Tx;

/**
 * Zou's time routes of the projects blueprint: the project's time spents (streamed), its time spents per task type
 * and per person, the month table per department and person (budgets), and the team's day offs.
 */
public final class ProjectTimeService extends ServiceSupport {
    public ProjectTimeService(CrudService crud, EventLog events) {
        super(crud, events);
    }

    /**
     * {@code GET /data/projects/<id>/time-spents} (TEAM): every time spent on the project's tasks, streamed from a
     * read transaction with bounded memory.
     */
    public JsonStream timeSpents(Caller caller, String projectIdText) {
        UUID projectId = projectId(projectIdText);
        return JsonStreams.planned(crud.database(), readTx -> {
            HookContext ctx = crud.context(caller, readTx.tx(), null);
            requireTeam(ctx, projectId);
            List<Filter> filters = List.of(Filter.sub("task_id", "task", "id", Filter.eq("project_id", projectId)));
            return JsonStreams.owning(readTx, crud.jsonForm().mapper(), "application/json", g -> {
                try (RowCursor cursor = readTx.tx().stream("time_spent", filters,
                        List.of(Tx.Order.asc("date"), Tx.Order.asc("id")), 0, 0)) {
                    JsonStreams.writeArray(g, crud.jsonForm().mapper(), cursor,
                            batch -> many(ctx, "time_spent", batch, false));
                }
            });
        });
    }

    private static LocalDate date(String text, String start, String end) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        LocalDate d = Values.parseDate(text);
        if (d == null) {
            throw ZouException.wrongParameter("Wrong date format for " + start + " and/or " + end);
        }
        return d;
    }

    /**
     * {@code GET /data/projects/<id>/task-types/<task_type_id>/time-spents?start_date=&end_date=} (MGR): the time
     * spents on the project's tasks of that type, per person id, newest first.
     */
    public Map<String, Object> taskTypeTimeSpents(Caller caller, String projectIdText, String taskTypeIdText,
                                                  String startText, String endText) {
        UUID projectId = projectId(projectIdText);
        LocalDate start = date(startText, startText, endText);
        LocalDate end = date(endText, startText, endText);
        return read(caller, ctx -> {
            requireManager(ctx, projectId);
            UUID taskTypeId = BudgetService.pathId(taskTypeIdText);
            List<Filter> filters = new ArrayList<>();
            filters.add(Filter.sub("task_id", "task", "id", Filter.eq("project_id", projectId),
                    Filter.eq("task_type_id", taskTypeId)));
            if (start != null || end != null) {
                filters.add(new Filter.Range("date", start, end));
            }
            List<Row> rows = ctx.tx().select("time_spent", filters, List.of(Tx.Order.desc("date"),
                    Tx.Order.asc("id")), 0, 0);
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map<String, Object> ts : many(ctx, "time_spent", rows, false)) {
                perPerson(out, (String) ts.get("person_id")).add(ts);
            }
            return out;
        });
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> perPerson(Map<String, Object> out, String personId) {
        return (List<Map<String, Object>>) out.computeIfAbsent(String.valueOf(personId), k -> new ArrayList<>());
    }

    /**
     * {@code GET /data/projects/<id>/budgets/time-spents} (admins): durations per department (of the task type), per
     * person and per month ({@code YYYY-MM} in the caller's timezone, as Zou), with totals.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> monthTimeSpents(Caller caller, String projectIdText) {
        UUID projectId = projectId(projectIdText);
        return read(caller, ctx -> {
            requireAdmin(ctx);
            requireProject(ctx, projectId);
            ZoneId zone = callerZone(ctx);
            Map<UUID, UUID> departmentOfType = new LinkedHashMap<>();
            for (Row t : ctx.tx().select("task_type", List.of(Filter.sub("id", "task", "task_type_id",
                    Filter.eq("project_id", projectId))))) {
                if (t.get("department_id") != null) {
                    departmentOfType.put(t.id(), (UUID) t.get("department_id"));
                }
            }
            Map<UUID, UUID> typeOfTask = new LinkedHashMap<>();
            for (Row t : ctx.tx().select("task", List.of(Filter.eq("project_id", projectId)))) {
                typeOfTask.put(t.id(), (UUID) t.get("task_type_id"));
            }
            Map<String, Object> data = new LinkedHashMap<>();
            List<Row> rows = ctx.tx().select("time_spent", List.of(Filter.sub("task_id", "task", "id",
                    Filter.eq("project_id", projectId))), List.of(Tx.Order.asc("date")), 0, 0);
            for (Row ts : rows) {
                UUID department = departmentOfType.get(typeOfTask.get((UUID) ts.get("task_id")));
                if (department == null) {
                    continue;
                }
                double duration = ((Number) ts.get("duration")).doubleValue();
                String month = ((LocalDate) ts.get("date")).atStartOfDay(ZoneOffset.UTC)
                        .withZoneSameInstant(zone).toLocalDate().toString().substring(0, 7);
                Map<String, Object> dep = (Map<String, Object>) data.computeIfAbsent(department.toString(),
                        k -> newTotal());
                Map<String, Object> person = (Map<String, Object>) dep.computeIfAbsent(
                        String.valueOf(ts.get("person_id")), k -> newTotal());
                person.merge(month, duration, (a, b) -> ((Double) a) + ((Double) b));
                person.merge("total", duration, (a, b) -> ((Number) a).doubleValue() + ((Double) b));
                dep.merge("total", duration, (a, b) -> ((Number) a).doubleValue() + ((Double) b));
            }
            return data;
        });
    }

    private static Map<String, Object> newTotal() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total", 0);
        return m;
    }

    private static ZoneId callerZone(HookContext ctx) throws SQLException {
        UUID me = ctx.caller().personId();
        Row person = me == null ? null : ctx.tx().byId("person", me);
        Object tz = person == null ? null : person.get("timezone");
        try {
            return tz == null ? ZoneOffset.UTC : ZoneId.of(tz.toString());
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    /**
     * {@code GET /data/projects/<id>/day-offs?start_date=&end_date=} (TEAM, not clients nor vendors): the team's day
     * offs overlapping the range, per person id; descriptions only for managers and the caller's own.
     */
    public Map<String, Object> dayOffs(Caller caller, String projectIdText, String startText, String endText) {
        UUID projectId = projectId(projectIdText);
        LocalDate start = date(startText, startText, endText);
        LocalDate end = date(endText, startText, endText);
        return read(caller, ctx -> {
            requireTeam(ctx, projectId);
            refuseRoles(ctx, projectId, "client", "vendor");
            boolean safe = ctx.caller().isAdmin() || ctx.caller().hasRole("manager");
            List<Filter> filters = new ArrayList<>();
            filters.add(Filter.sub("person_id", "project_person_link", "person_id",
                    Filter.eq("project_id", projectId)));
            if (start != null) {
                filters.add(new Filter.Range("end_date", start, null));
            }
            if (end != null) {
                filters.add(new Filter.Range("date", null, end));
            }
            List<Row> rows = ctx.tx().select("day_off", filters, List.of(Tx.Order.asc("date")), 0, 0);
            String me = String.valueOf(ctx.caller().personId());
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map<String, Object> d : many(ctx, "day_off", rows, false)) {
                String person = (String) d.get("person_id");
                if (!safe && !me.equals(person)) {
                    d.remove("description");
                }
                perPerson(out, person).add(d);
            }
            return out;
        });
    }
}
