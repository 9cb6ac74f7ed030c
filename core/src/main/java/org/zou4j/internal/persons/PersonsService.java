package org.zou4j.internal.persons;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.zou4j.ZouException;
import org.zou4j.export.CsvExport;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.auth.AuthService;
import org.zou4j.internal.crud.BoundModel;
import org.zou4j.internal.crud.CrudService;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.crud.ModelHooks;
import org.zou4j.internal.crud.Values;
import org.zou4j.internal.events.EventLog;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;
import org.zou4j.internal.sql.RowCursor;
import org.zou4j.internal.sql.Tx;

/**
 * Zou's {@code persons} blueprint (zou {@code persons/resources.py} with {@code persons_service} and
 * {@code time_spents_service}): admin actions on a person, desktop logins and presence, time spents and days off of a
 * person by period, the studio's time tables. Permissions as Zou's resources decide them; see {@link Scope}.
 */
public final class PersonsService {
    private static final Pattern MONTH_DATE = Pattern.compile("(\\d{4})-(\\d{1,2})");

    private final CrudService crud;
    private final EventLog events;
    private final AuthService auth;
    private final Avatars avatars;
    private final PersonQuotas quotas;

    /** @param avatars where avatar pictures are removed from (see {@link #avatars}) */
    public PersonsService(CrudService crud, EventLog events, AuthService auth, Avatars avatars) {
        this.crud = crud;
        this.events = events;
        this.auth = auth;
        this.avatars = avatars;
        this.quotas = new PersonQuotas(this);
    }

    @FunctionalInterface
    interface Work<T> {
        T run(HookContext ctx) throws SQLException;
    }

    <T> T write(Caller caller, Work<T> work) {
        return crud.database().inTransaction(tx -> work.run(crud.context(caller, tx, events.begin(tx,
                caller.personId()))));
    }

    <T> T read(Caller caller, Work<T> work) {
        return crud.database().read(tx -> work.run(crud.context(caller, tx, null)));
    }

    BoundModel model(String table) {
        return crud.models().table(table);
    }

    List<Map<String, Object>> serialize(HookContext ctx, String table, List<Row> rows) throws SQLException {
        return crud.serialize(ctx, model(table), rows, false, ModelHooks.View.LIST);
    }

    Map<String, Object> serializeOne(HookContext ctx, String table, Row row, boolean relations) throws SQLException {
        return crud.serialize(ctx, model(table), List.of(row), relations, ModelHooks.View.GET).get(0);
    }

    Object json(Object value) {
        return crud.jsonForm().toJsonValue(value);
    }

    // ---- access ------------------------------------------------------------------------------------------------

    /** A path id: malformed is answered as an unknown one (404). */
    static UUID pathId(String text) {
        UUID id = text == null ? null : Values.tryParseId(text);
        if (id == null) {
            throw ZouException.notFound();
        }
        return id;
    }

    /** Zou's {@code get_person} (404) then {@code check_person_is_not_bot} (403). */
    static Row requireHuman(HookContext ctx, UUID personId) throws SQLException {
        Row person = ctx.tx().byId("person", personId);
        if (person == null) {
            throw ZouException.notFound("Person not found");
        }
        if (Boolean.TRUE.equals(person.get("is_bot"))) {
            throw ZouException.forbidden();
        }
        return person;
    }

    /** Zou's {@code check_person_access}: an admin or the person themself. */
    static void requireSelfOrAdmin(HookContext ctx, UUID personId) {
        if (!ctx.caller().isAdmin() && !personId.equals(ctx.caller().personId())) {
            throw ZouException.forbidden();
        }
    }

    static void requireAdmin(HookContext ctx) {
        if (!ctx.caller().isAdmin()) {
            throw ZouException.forbidden();
        }
    }

    /**
     * Which time spents of others a caller may read: {@code projectIds} null means all projects, {@code departmentIds}
     * null or empty means all departments.
     */
    record Scope(List<UUID> projectIds, List<UUID> departmentIds) {
        static final Scope ALL = new Scope(null, null);
    }

    /** Zou's {@code _get_project_department_ids_for_person_access}. */
    static Scope personScope(HookContext ctx, UUID personId) throws SQLException {
        Caller c = ctx.caller();
        if (c.isAdmin() || personId.equals(c.personId())) {
            return Scope.ALL;
        }
        if (!c.hasRole("manager") && !c.hasRole("supervisor")) {
            throw ZouException.forbidden();
        }
        return new Scope(teamProjects(ctx), c.hasRole("supervisor") ? myDepartments(ctx) : null);
    }

    /** Zou's {@code user_service.get_projects}: the projects whose team the caller is in, whatever their status. */
    static List<UUID> teamProjects(HookContext ctx) throws SQLException {
        return uuids(ctx.tx().column("project_person_link", "project_id",
                List.of(Filter.eq("person_id", ctx.caller().personId()))));
    }

    static List<UUID> myDepartments(HookContext ctx) throws SQLException {
        return uuids(ctx.tx().column("department_link", "department_id",
                List.of(Filter.eq("person_id", ctx.caller().personId()))));
    }

    static List<UUID> uuids(List<Object> values) {
        List<UUID> out = new ArrayList<>(values.size());
        for (Object o : values) {
            out.add((UUID) o);
        }
        return out;
    }

    /** A query id argument: absent → null, malformed → 400. */
    static UUID optionalId(String value, String name) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        UUID id = Values.tryParseId(value);
        if (id == null) {
            throw ZouException.wrongParameter("Invalid UUID format for " + name + ": " + ZouException.echo(value));
        }
        return id;
    }

    // ---- departments, avatar -------------------------------------------------------------------------------------

    /** Zou's {@code AddToDepartmentResource}: admin; 400 for an unknown department; answers the person (201). */
    public Map<String, Object> addToDepartment(Caller caller, String personId, String departmentId) {
        return write(caller, ctx -> {
            requireAdmin(ctx);
            if (departmentId == null || departmentId.isEmpty()) {
                throw ZouException.wrongParameter("Validation error.", Map.of("errors", List.of(
                        Map.of("field", "department_id", "message", "Field required"))));
            }
            UUID dep = Values.tryParseId(departmentId);
            if (dep == null) {
                throw ZouException.wrongParameter("Validation error.", Map.of("errors", List.of(
                        Map.of("field", "department_id", "message", "Input should be a valid UUID"))));
            }
            if (ctx.tx().byId("department", dep) == null) {
                throw ZouException.wrongParameter("Department ID matches no department");
            }
            UUID pid = pathId(personId);
            Row person = ctx.tx().byId("person", pid);
            if (person == null) {
                throw ZouException.notFound("Person not found");
            }
            List<Filter> link = List.of(Filter.eq("person_id", pid), Filter.eq("department_id", dep));
            if (!ctx.tx().exists("department_link", link)) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("person_id", pid);
                row.put("department_id", dep);
                ctx.tx().insert("department_link", row);
            }
            ctx.events().emit("person:update", Map.of("person_id", pid.toString()), null);
            return serializeOne(ctx, "person", ctx.tx().byId("person", pid), true);
        });
    }

    /** Zou's {@code RemoveFromDepartmentResource}: admin; 400 for an unknown department. */
    public void removeFromDepartment(Caller caller, String personId, String departmentId) {
        write(caller, ctx -> {
            requireAdmin(ctx);
            UUID dep = Values.tryParseId(departmentId);
            if (dep == null || ctx.tx().byId("department", dep) == null) {
                throw ZouException.wrongParameter("Department ID matches no department");
            }
            UUID pid = pathId(personId);
            if (ctx.tx().byId("person", pid) == null) {
                throw ZouException.notFound("Person not found");
            }
            ctx.tx().delete("department_link", List.of(Filter.eq("person_id", pid), Filter.eq("department_id", dep)));
            ctx.events().emit("person:update", Map.of("person_id", pid.toString()), null);
            return null;
        });
    }

    /** Zou's {@code ClearAvatarPersonResource}: admin; {@code has_avatar} false, picture removed, person:update. */
    public void clearAvatar(Caller caller, String personId) {
        write(caller, ctx -> {
            requireAdmin(ctx);
            UUID pid = pathId(personId);
            if (ctx.tx().byId("person", pid) == null) {
                throw ZouException.notFound("Person not found");
            }
            ctx.tx().updateById("person", pid, Map.of("has_avatar", false, "updated_at", ctx.now()));
            ctx.events().emit("person:update", Map.of("person_id", pid.toString()), null);
            ctx.tx().afterCommit(() -> removeAvatar(pid));
            return null;
        });
    }

    private void removeAvatar(UUID personId) {
        try {
            avatars.remove(personId.toString());
        } catch (RuntimeException e) {
            // Zou ignores a picture it cannot remove: the person is updated already
        }
    }

    // ---- passwords (delegated to the auth service, which owns hashes, reset tokens and auth mails) ---------------

    public void changePassword(Caller caller, String personId, String password, String password2, String ip) {
        auth.setPasswordAsAdmin(caller, pathId(personId), password, password2, ip);
    }

    public String passwordResetLink(Caller caller, String personId) {
        return auth.passwordResetLink(caller, pathId(personId));
    }

    public void invite(Caller caller, String personId) {
        auth.invite(caller, pathId(personId));
    }

    // ---- desktop logins and presence ------------------------------------------------------------------------------

    /** Zou's {@code DesktopLoginsResource.get}: the person or a (global) manager; newest first. */
    public List<Map<String, Object>> desktopLoginLogs(Caller caller, String personId) {
        UUID pid = pathId(personId);
        return read(caller, ctx -> {
            if (!pid.equals(caller.personId()) && !caller.isAdmin() && !caller.hasRole("manager")) {
                throw ZouException.forbidden();
            }
            if (ctx.tx().byId("person", pid) == null) {
                throw ZouException.notFound("Person not found");
            }
            return serialize(ctx, "desktop_login_log", ctx.tx().select("desktop_login_log",
                    List.of(Filter.eq("person_id", pid)), List.of(Tx.Order.desc("date")), 0, 0));
        });
    }

    /** Zou's {@code DesktopLoginsResource.post}: the person or an admin; {@code date} defaults to now. */
    public Map<String, Object> addDesktopLoginLog(Caller caller, String personId, Map<String, Object> body) {
        Object dateValue = body == null ? null : body.get("date");
        LocalDateTime given = null;
        if (dateValue != null && !dateValue.toString().isEmpty()) {
            given = Values.parseTimestamp(dateValue.toString());
            if (given == null) {
                throw ZouException.wrongParameter("Validation error.", Map.of("errors", List.of(Map.of(
                        "field", "date", "message", "Input should be a valid datetime"))));
            }
        }
        UUID pid = pathId(personId);
        LocalDateTime date = given;
        return write(caller, ctx -> {
            if (!pid.equals(caller.personId()) && !caller.isAdmin()) {
                throw ZouException.forbidden();
            }
            if (ctx.tx().byId("person", pid) == null) {
                throw ZouException.notFound("Person not found");
            }
            UUID id = UUID.randomUUID();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", id);
            row.put("created_at", ctx.now());
            row.put("updated_at", ctx.now());
            row.put("person_id", pid);
            row.put("date", date == null ? ctx.now() : date);
            ctx.tx().insert("desktop_login_log", row);
            updateLastPresence(ctx, pid);
            return serializeOne(ctx, "desktop_login_log", ctx.tx().byId("desktop_login_log", id), false);
        });
    }

    /** Zou's {@code update_person_last_presence}: the latest day of a desktop login or a time spent. */
    private void updateLastPresence(HookContext ctx, UUID personId) throws SQLException {
        List<Row> logs = ctx.tx().select("desktop_login_log", List.of(Filter.eq("person_id", personId)),
                List.of(Tx.Order.desc("date")), 1, 0);
        List<Row> spents = ctx.tx().select("time_spent", List.of(Filter.eq("person_id", personId)),
                List.of(Tx.Order.desc("date")), 1, 0);
        LocalDate presence = logs.isEmpty() ? null : ((LocalDateTime) logs.get(0).get("date")).toLocalDate();
        if (!spents.isEmpty()) {
            LocalDate d = (LocalDate) spents.get(0).get("date");
            if (presence == null || d.isAfter(presence)) {
                presence = d;
            }
        }
        if (presence != null && model("person").table().has("last_presence")) {
            ctx.tx().updateById("person", personId, Map.of("last_presence", presence));
        }
    }

    /**
     * Zou's {@code PresenceLogsResource}: admin; {@code YYYY-MM}; a header line (year, then the days of the month)
     * and one line per active non-guest person (by first then last name) with an {@code X} on each day of login.
     */
    public CsvExport presenceLogs(Caller caller, String monthDate) {
        List<List<String>> rows = read(caller, ctx -> {
            requireAdmin(ctx);
            YearMonth month = month(monthDate);
            int days = month.lengthOfMonth();
            List<List<String>> out = new ArrayList<>();
            List<String> header = new ArrayList<>();
            header.add(String.valueOf(month.getYear()));
            for (int d = 1; d <= days; d++) {
                header.add(String.valueOf(d));
            }
            out.add(header);
            List<Row> persons = ctx.tx().select("person", List.of(Filter.eq("active", true),
                    Filter.or(Filter.eq("is_guest", false), new Filter.IsNull("is_guest"))), List.of(Tx.Order.asc("first_name"),
                    Tx.Order.asc("last_name")), 0, 0);
            Map<UUID, List<String>> byPerson = new HashMap<>();
            for (Row p : persons) {
                List<String> row = new ArrayList<>();
                String first = p.get("first_name") == null ? "" : p.get("first_name").toString();
                String last = p.get("last_name") == null ? "" : p.get("last_name").toString();
                row.add((first + " " + last).trim());
                for (int d = 1; d <= days; d++) {
                    row.add("");
                }
                byPerson.put(p.id(), row);
                out.add(row);
            }
            LocalDateTime from = month.atDay(1).atStartOfDay();
            LocalDateTime to = month.plusMonths(1).atDay(1).atStartOfDay().minusNanos(1000);
            try (RowCursor logs = ctx.tx().stream("desktop_login_log", List.of(Filter.between("date", from, to)),
                    List.of(Tx.Order.asc("date")), 0, 0)) {
                for (Row log = logs.next(); log != null; log = logs.next()) {
                    List<String> row = byPerson.get((UUID) log.get("person_id"));
                    if (row != null) {
                        row.set(((LocalDateTime) log.get("date")).getDayOfMonth(), "X");
                    }
                }
            }
            return out;
        });
        return new Csv("kitsu_export", rows);
    }

    /** Zou's {@code strptime(month_date, "%Y-%m")}; 400 "Invalid month or year." otherwise. */
    private static YearMonth month(String monthDate) {
        Matcher m = monthDate == null ? null : MONTH_DATE.matcher(monthDate.trim());
        try {
            if (m == null || !m.matches()) {
                throw new java.time.DateTimeException(String.valueOf(monthDate));
            }
            return YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        } catch (java.time.DateTimeException e) {
            throw ZouException.wrongParameter("Invalid month or year.");
        }
    }

    /** Rows written as Python's {@code csv.writer(delimiter=";")} writes them. */
    record Csv(String fileName, List<List<String>> rows) implements CsvExport {
        @Override
        public void writeTo(OutputStream out) throws IOException {
            StringBuilder sb = new StringBuilder();
            for (List<String> row : rows) {
                for (int i = 0; i < row.size(); i++) {
                    if (i > 0) {
                        sb.append(';');
                    }
                    String v = row.get(i) == null ? "" : row.get(i);
                    if (v.indexOf(';') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0
                            || v.indexOf('\r') >= 0) {
                        sb.append('"').append(v.replace("\"", "\"\"")).append('"');
                    } else {
                        sb.append(v);
                    }
                }
                sb.append("\r\n");
            }
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    // ---- time spents ----------------------------------------------------------------------------------------------

    /** Zou's {@code TimeSpentsResource} (persons): admin; all entries, or those between two dates (inclusive). */
    public List<Map<String, Object>> timeSpents(Caller caller, String personId, String startDate, String endDate) {
        UUID pid = pathId(personId);
        return read(caller, ctx -> {
            requireHuman(ctx, pid);
            requireAdmin(ctx);
            boolean hasStart = startDate != null && !startDate.isEmpty();
            boolean hasEnd = endDate != null && !endDate.isEmpty();
            List<Filter> where = new ArrayList<>(List.of(Filter.eq("person_id", pid)));
            if (hasStart || hasEnd) {
                if (!hasStart || !hasEnd) {
                    throw ZouException.wrongParameter("If querying for a range of dates, both a `start_date` and "
                            + "an `end_date` must be given.");
                }
                LocalDate s = Values.parseDate(startDate);
                LocalDate e = Values.parseDate(endDate);
                if (s == null || e == null) {
                    throw ZouException.wrongParameter("Wrong date format for " + ZouException.echo(startDate)
                            + " and/or " + ZouException.echo(endDate));
                }
                where.add(Filter.between("date", s, e));
            }
            return serialize(ctx, "time_spent", ctx.tx().select("time_spent", where,
                    List.of(Tx.Order.asc("date"), Tx.Order.asc("created_at")), 0, 0));
        });
    }

    /** Zou's {@code DateTimeSpentsResource}: the person's entries of a day, within the caller's scope. */
    public List<Map<String, Object>> timeSpentsOn(Caller caller, String personId, String date) {
        UUID pid = pathId(personId);
        return read(caller, ctx -> {
            requireHuman(ctx, pid);
            Scope scope = personScope(ctx, pid);
            LocalDate day = Values.parseDate(date);
            if (day == null) {
                throw ZouException.wrongParameter("Invalid month or year.");
            }
            List<Filter> where = new ArrayList<>(List.of(Filter.eq("person_id", pid), Filter.eq("date", day)));
            if (!addScope(where, scope, null)) {
                return List.of();
            }
            return serialize(ctx, "time_spent", ctx.tx().select("time_spent", where,
                    List.of(Tx.Order.asc("created_at")), 0, 0));
        });
    }

    /**
     * Adds the scope's task filters to a time-spent query; false when nothing can match (an empty project list).
     * {@code projectId}: one project asked for (null: the scope's).
     */
    private static boolean addScope(List<Filter> where, Scope scope, List<UUID> projectIds) {
        List<UUID> projects = projectIds != null ? projectIds : scope.projectIds();
        List<Filter> task = new ArrayList<>();
        if (projects != null) {
            if (projects.isEmpty()) {
                return false;
            }
            task.add(Filter.in("project_id", projects));
        }
        if (scope.departmentIds() != null && !scope.departmentIds().isEmpty()) {
            task.add(Filter.sub("task_type_id", "task_type", "id", Filter.in("department_id",
                    scope.departmentIds())));
        }
        if (!task.isEmpty()) {
            where.add(Filter.sub("task_id", "task", "id", task.toArray(new Filter[0])));
        }
        return true;
    }

    /**
     * Zou's {@code PersonYear/Month/Week/DayTimeSpentsResource}: time spent per task over the period (Zou's
     * {@code get_person_time_spent_entries} + {@code build_results}).
     */
    public List<Map<String, Object>> periodTimeSpents(Caller caller, String personId, String period,
                                                      List<String> values, String projectIdText) {
        UUID pid = pathId(personId);
        UUID projectId = optionalId(projectIdText, "project_id");
        return read(caller, ctx -> {
            requireHuman(ctx, pid);
            Scope scope = personScope(ctx, pid);
            List<UUID> projects = null;
            if (projectId != null) {
                if (scope.projectIds() != null && !scope.projectIds().contains(projectId)) {
                    throw ZouException.forbidden();
                }
                projects = List.of(projectId);
            }
            Periods p = Periods.of(period, values, period.equals("year") ? "Invalid date format."
                    : "Invalid month or year.");
            List<Filter> where = new ArrayList<>(List.of(Filter.eq("person_id", pid),
                    Filter.between("date", p.start(), p.lastDay())));
            if (!addScope(where, scope, projects)) {
                return List.of();
            }
            return perTask(ctx, ctx.tx().select("time_spent", where, List.of(Tx.Order.asc("date")), 0, 0));
        });
    }

    private List<Map<String, Object>> perTask(HookContext ctx, List<Row> spents) throws SQLException {
        Map<UUID, Double> durations = new LinkedHashMap<>();
        for (Row s : spents) {
            UUID task = (UUID) s.get("task_id");
            if (task != null) {
                durations.merge(task, ((Number) s.get("duration")).doubleValue(), Double::sum);
            }
        }
        Lookup tasks = new Lookup(ctx.tx(), "task");
        Lookup entities = new Lookup(ctx.tx(), "entity");
        Lookup types = new Lookup(ctx.tx(), "entity_type");
        Lookup projects = new Lookup(ctx.tx(), "project");
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map.Entry<UUID, Double> e : durations.entrySet()) {
            Row task = tasks.get(e.getKey());
            Row entity = task == null ? null : entities.get((UUID) task.get("entity_id"));
            Row project = task == null ? null : projects.get((UUID) task.get("project_id"));
            Row type = entity == null ? null : types.get((UUID) entity.get("entity_type_id"));
            if (task == null || entity == null || project == null || type == null) {
                continue; // Zou's inner joins drop them
            }
            Row sequence = entities.get((UUID) entity.get("parent_id"));
            Row episode = sequence == null ? null : entities.get((UUID) sequence.get("parent_id"));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("task_id", task.id().toString());
            m.put("task_type_id", String.valueOf(task.get("task_type_id")));
            m.put("project_id", project.id().toString());
            m.put("project_name", project.get("name"));
            m.put("entity_name", entity.get("name"));
            m.put("entity_type_name", type.get("name"));
            m.put("sequence_name", sequence == null ? null : sequence.get("name"));
            m.put("episode_name", episode == null ? null : episode.get("name"));
            m.put("duration", e.getValue());
            out.add(m);
        }
        return out;
    }

    /** Rows by id, each looked up once. */
    static final class Lookup {
        private final Tx tx;
        private final String table;
        private final Map<UUID, Row> rows = new HashMap<>();

        Lookup(Tx tx, String table) {
            this.tx = tx;
            this.table = table;
        }

        Row get(UUID id) throws SQLException {
            if (id == null) {
                return null;
            }
            if (!rows.containsKey(id)) {
                rows.put(id, tx.byId(table, id));
            }
            return rows.get(id);
        }
    }

    /** Zou's {@code PersonMonthAllTimeSpentsResource}: the person or an admin; the month's entries. */
    public List<Map<String, Object>> monthTimeSpentEntries(Caller caller, String personId, String year,
                                                           String month) {
        UUID pid = pathId(personId);
        return read(caller, ctx -> {
            requireHuman(ctx, pid);
            requireSelfOrAdmin(ctx, pid);
            Periods p = Periods.of("month", List.of(year, month), "Invalid month or year.");
            return serialize(ctx, "time_spent", ctx.tx().select("time_spent", List.of(Filter.eq("person_id", pid),
                    Filter.between("date", p.start(), p.lastDay())), List.of(Tx.Order.asc("date"),
                    Tx.Order.asc("created_at")), 0, 0));
        });
    }

    /**
     * Zou's {@code TimeSpentYears/Months/Week/MonthResource} (year-table, month-table, week-table, day-table): the
     * time spent per person by year, month, ISO week number or day of month. An admin sees everyone; a manager or
     * supervisor the projects of their teams (a supervisor their departments); anyone else only themself.
     */
    public Map<String, Object> timeSpentTable(Caller caller, String level, List<String> values,
                                              Map<String, String> filters) {
        UUID projectId = optionalId(filters.get("project_id"), "project_id");
        UUID departmentId = optionalId(filters.get("department_id"), "department_id");
        UUID studioId = optionalId(filters.get("studio_id"), "studio_id");
        LocalDate from;
        LocalDate to;
        switch (level) {
            case "year" -> {
                from = null;
                to = null;
            }
            case "month", "week" -> {
                Periods p = Periods.of("year", values, "Invalid year.");
                from = p.start();
                to = p.lastDay();
            }
            case "day" -> {
                Periods p = Periods.of("month", values, "Invalid month or year.");
                from = p.start();
                to = p.lastDay();
            }
            default -> throw ZouException.notFound();
        }
        return read(caller, ctx -> {
            Caller c = ctx.caller();
            UUID personId = null;
            List<UUID> projects = projectId == null ? null : List.of(projectId);
            List<UUID> departments = departmentId == null ? null : List.of(departmentId);
            if (!c.isAdmin()) {
                if (c.hasRole("manager") || c.hasRole("supervisor")) {
                    List<UUID> mine = teamProjects(ctx);
                    if (projectId == null) {
                        projects = mine;
                    } else if (!mine.contains(projectId)) {
                        throw ZouException.forbidden();
                    }
                    if (c.hasRole("supervisor")) {
                        List<UUID> myDepartments = myDepartments(ctx);
                        if (departmentId != null) {
                            if (!myDepartments.contains(departmentId)) {
                                throw ZouException.wrongParameter("Supervisor not allowed to access this "
                                        + "department");
                            }
                        } else {
                            departments = myDepartments;
                        }
                    }
                } else {
                    personId = c.personId();
                }
            }
            List<Filter> where = new ArrayList<>();
            if (personId != null) {
                where.add(Filter.eq("person_id", personId));
            }
            if (from != null) {
                where.add(Filter.between("date", from, to));
            }
            if (!addScope(where, new Scope(null, departments), projects)) {
                return new LinkedHashMap<>();
            }
            if (studioId != null) {
                where.add(Filter.sub("person_id", "person", "id", Filter.eq("studio_id", studioId)));
            }
            Map<String, Map<String, Double>> table = new LinkedHashMap<>();
            try (RowCursor rows = ctx.tx().stream("time_spent", where, List.of(Tx.Order.asc("date")), 0, 0)) {
                for (Row r = rows.next(); r != null; r = rows.next()) {
                    LocalDate d = (LocalDate) r.get("date");
                    String unit = switch (level) {
                        case "week" -> String.valueOf(d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
                        case "day" -> String.valueOf(d.getDayOfMonth());
                        case "year" -> String.valueOf(d.getYear());
                        default -> String.valueOf(d.getMonthValue());
                    };
                    table.computeIfAbsent(unit, k -> new LinkedHashMap<>()).merge(String.valueOf(r.get("person_id")),
                            ((Number) r.get("duration")).doubleValue(), Double::sum);
                }
            }
            return new LinkedHashMap<String, Object>(table);
        });
    }

    // ---- days off -------------------------------------------------------------------------------------------------

    /** Zou's {@code DayOffResource} (persons): the person or an admin; the day off covering the date, or {}. */
    public Map<String, Object> dayOff(Caller caller, String personId, String date) {
        UUID pid = pathId(personId);
        return read(caller, ctx -> {
            requireHuman(ctx, pid);
            requireSelfOrAdmin(ctx, pid);
            LocalDate day = Values.parseDate(date);
            if (day == null) {
                throw ZouException.wrongParameter("Invalid date format.");
            }
            List<Row> rows = ctx.tx().select("day_off", List.of(Filter.eq("person_id", pid),
                    Filter.between("date", null, day), Filter.between("end_date", day, null)),
                    List.of(Tx.Order.asc("date")), 1, 0);
            return rows.isEmpty() ? new LinkedHashMap<>() : serializeOne(ctx, "day_off", rows.get(0), false);
        });
    }

    /**
     * Zou's {@code PersonDayOffResource} (period null) and {@code PersonWeek/Month/YearDayOffResource}: the person or
     * an admin; the days off overlapping the period (its last day included).
     */
    public List<Map<String, Object>> dayOffs(Caller caller, String personId, String period, List<String> values) {
        UUID pid = pathId(personId);
        Periods p = period == null ? null : Periods.of(period, values, "Invalid date format.");
        return read(caller, ctx -> {
            requireHuman(ctx, pid);
            requireSelfOrAdmin(ctx, pid);
            return dayOffsBetween(ctx, p, pid);
        });
    }

    /** Zou's {@code DayOffForMonthResource}: everyone's for an admin, the caller's own otherwise. */
    public List<Map<String, Object>> allDayOffs(Caller caller, String year, String month) {
        Periods p = month == null ? Periods.of("year", List.of(year), "Invalid date format.")
                : Periods.of("month", List.of(year, month), "Invalid date format.");
        return read(caller, ctx -> dayOffsBetween(ctx, p, ctx.caller().isAdmin() ? null : ctx.caller().personId()));
    }

    private List<Map<String, Object>> dayOffsBetween(HookContext ctx, Periods p, UUID personId) throws SQLException {
        List<Filter> where = new ArrayList<>();
        if (personId != null) {
            where.add(Filter.eq("person_id", personId));
        }
        if (p != null) {
            where.add(Filter.between("end_date", p.start(), null));
            where.add(Filter.between("date", null, p.lastDay()));
        }
        return serialize(ctx, "day_off", ctx.tx().select("day_off", where, List.of(Tx.Order.asc("date")), 0, 0));
    }

    // ---- quotas ---------------------------------------------------------------------------------------------------

    public List<Map<String, Object>> quotaShots(Caller caller, String personId, String period, List<String> values,
                                                Map<String, String> params) {
        return quotas.shots(caller, personId, period, values, params);
    }

    /** The distinct non-null values, in order. */
    static <T> List<T> distinct(List<T> values) {
        Set<T> set = new LinkedHashSet<>(values);
        set.remove(null);
        return new ArrayList<>(set);
    }
}
